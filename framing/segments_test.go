package framing_test

import (
	"strings"
	"testing"

	"framelens/framing"
)

// show writes pieces as text: [matched], {alias}, _marked_, heat as ^n.
func show(pieces []framing.Piece) string {
	var b strings.Builder
	for _, p := range pieces {
		t := p.Text
		switch {
		case p.Alias:
			t = "{" + t + "}"
		case p.Match != nil:
			t = "[" + t + "]"
		}
		if p.Marked {
			t = "_" + t + "_"
		}
		if p.Students > 0 {
			t += "^" + string(rune('0'+p.Students))
		}
		b.WriteString(t + "|")
	}
	return b.String()
}

func spanOf(text, s string) framing.Span {
	i := strings.Index(text, s)
	return framing.Span{Start: i, End: i + len(s)}
}

func TestSegmentCutsNonBlankLinesIntoPiecesThatCoverEveryByte(t *testing.T) {
	text := "  The Lachin corridor links Stepanakert.\n\n\"Lachin corridor\" again\n"
	first := spanOf(text, "Lachin corridor")
	second := framing.Span{Start: strings.LastIndex(text, "Lachin"), End: strings.LastIndex(text, "Lachin") + len("Lachin corridor")}
	matches := []framing.Match{{Span: first}, {Span: spanOf(text, "Stepanakert")}, {Span: second}}
	var got []string
	for _, line := range framing.Segment(text, framing.Cover{Matches: matches}) {
		got = append(got, show(line))
		for i := 1; i < len(line); i++ {
			if line[i].Start != line[i-1].End {
				t.Errorf("a gap between %+v and %+v", line[i-1], line[i])
			}
		}
	}
	want := []string{"  The |[Lachin corridor]| links |[Stepanakert]|.|", "\"|[Lachin corridor]|\" again|"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestSegmentShowsTheFirstOfOverlappingMatchesAndNoneAcrossALine(t *testing.T) {
	text := "so-called separatists\nwent home"
	matches := []framing.Match{
		{Span: spanOf(text, "so-called separatists")},
		{Span: spanOf(text, "separatists")},
		{Span: spanOf(text, "separatists\nwent")},
	}
	var got []string
	for _, line := range framing.Segment(text, framing.Cover{Matches: matches}) {
		got = append(got, show(line))
	}
	if want := "[so-called separatists]|\nwent home|"; strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "\n"), want)
	}
}

func TestSegmentNeverCutsAHiddenNameAndShowsItsAlias(t *testing.T) {
	text := "The Northern Herald said troops occupied the town."
	names := framing.NewNameMasker([]framing.Article{{Outlet: "Northern Herald"}})
	cover := framing.Cover{
		Names:   names,
		Matches: []framing.Match{{Span: spanOf(text, "Northern")}, {Span: spanOf(text, "occupied")}},
		Marked:  []framing.Span{spanOf(text, "Herald said"), spanOf(text, "troops")},
		Heat:    []framing.HeatPiece{{Span: spanOf(text, "troops occupied"), Students: 2, Level: 3}},
	}
	got := framing.Segment(text, cover)
	want := "The |_{Outlet A}_|_ said_| |_troops_^2| ^2|[occupied]^2| the town.|"
	if len(got) != 1 || show(got[0]) != want {
		t.Fatalf("got %q, want %q", show(got[0]), want)
	}
	if p := got[0][1]; p.Match == nil || p.Span != spanOf(text, "Northern Herald") {
		t.Errorf("the name's piece %+v: want the whole name, with the match inside it", p)
	}
}

func TestSegmentSpanCutsOneSentenceAndHidesTheNamesInIt(t *testing.T) {
	text := "Herald staff wrote first. Troops entered the city, the Herald says. Last."
	names := framing.NewNameMasker([]framing.Article{{Outlet: "Herald"}})
	sentence := spanOf(text, "Troops entered the city, the Herald says.")
	got := framing.SegmentSpan(text, sentence, framing.Cover{Marked: []framing.Span{spanOf(text, "entered")}, Names: names})
	if want := "Troops |_entered_| the city, the |{Outlet A}| says.|"; show(got) != want {
		t.Errorf("got %q, want %q", show(got), want)
	}
	if p, at := got[3], strings.LastIndex(text, "Herald"); p.Start != at || p.End != at+len("Herald") {
		t.Errorf("the name's piece covers %d–%d, want the name's bytes %d–%d", p.Start, p.End, at, at+len("Herald"))
	}
}
