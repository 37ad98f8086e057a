package framing_test

import (
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

func TestPatternsExpandToEveryWordingTheyStandFor(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string
	}{
		{"occupied", []string{"occupied"}},
		{"{anti|counter}-terror{ist|} {measures|operation}", []string{
			"anti-terrorist measures", "anti-terrorist operation", "anti-terror measures", "anti-terror operation",
			"counter-terrorist measures", "counter-terrorist operation", "counter-terror measures", "counter-terror operation"}},
		{"restore [the] [Azerbaijani|Azerbaijan's] constitutional {order|structure}", []string{
			"restore constitutional order", "restore constitutional structure",
			"restore Azerbaijani constitutional order", "restore Azerbaijani constitutional structure",
			"restore Azerbaijan's constitutional order", "restore Azerbaijan's constitutional structure",
			"restore the constitutional order", "restore the constitutional structure",
			"restore the Azerbaijani constitutional order", "restore the Azerbaijani constitutional structure",
			"restore the Azerbaijan's constitutional order", "restore the Azerbaijan's constitutional structure"}},
		{"Artsakh<'s> authorities", []string{"Artsakh authorities", "Artsakh's authorities"}},
		{"attack [on {October 7|7 October} [2023]]", []string{"attack", "attack on October 7", "attack on October 7 2023",
			"attack on 7 October", "attack on 7 October 2023"}},
	}
	for _, tt := range tests {
		got, err := framing.ExpandPattern(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.pattern, got, want)
		}
	}
	if got := framing.PatternLabel("restore [the] constitutional {order|structure}"); got != "restore constitutional order" {
		t.Errorf("label: got %q", got)
	}
	forms, _ := framing.ExpandPattern("hold <the> line")
	if len(forms) != 13 || forms[0] != "hold line" || !slices.Contains(forms, "hold their line") {
		t.Errorf("<the> slot: %q", forms)
	}
}

func TestABrokenOrHugePatternIsRefusedWithTheReason(t *testing.T) {
	huge := strings.Repeat("{a|b|c} ", 6) // 729 forms
	for pattern, want := range map[string]string{
		"{anti|counter-terror": "never closed",
		"anti|counter":         "outside a group",
		"a {b [c|d}]":          "does not close",
		"<det> forces":         "not a slot",
		huge:                   "more than 512",
	} {
		_, err := framing.ExpandPattern(pattern)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error saying %q", pattern, err, want)
		}
		term := framing.Term{Phrase: pattern, Language: "en", Note: "n", SourceURL: "https://example.org"}
		if err := term.Validate(nil); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("term %q: validation got %v", pattern, err)
		}
	}
}

func TestAPatternTermMatchesEachOfItsForms(t *testing.T) {
	lex := framing.Lexicon{Slug: "p", Name: "P"}
	for _, phrase := range []string{"{anti|counter}-terror{ist|} {measures|operation}", "restore [the] constitutional {order|structure}"} {
		lex.Concepts = append(lex.Concepts, framing.Concept{Slug: phrase, Name: phrase, Terms: []framing.Term{
			{Phrase: phrase, Language: "en", Note: "n", SourceURL: "https://example.org"}}})
	}
	if err := lex.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	text := "Baku called it anti-terrorist measures to restore the constitutional order; others, a counter-terror operation."
	got := analyze(m, text)
	want := []found{
		{"anti-terrorist measures", "{anti|counter}-terror{ist|} {measures|operation}", "own"},
		{"restore the constitutional order", "restore [the] constitutional {order|structure}", "own"},
		{"counter-terror operation", "{anti|counter}-terror{ist|} {measures|operation}", "own"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v", got)
	}
}

func TestAFormThatOnlyAddsAnArticleIsLeftToTheShorterForm(t *testing.T) {
	lex := framing.Lexicon{Slug: "p", Name: "P", Concepts: []framing.Concept{{Slug: "c", Name: "C", Terms: []framing.Term{
		{Phrase: "[the] occupation of [the] West Bank", Language: "en", Note: "n", SourceURL: "https://example.org"}}}}}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	got := analyze(m, "They spoke of the occupation of the West Bank.")
	if len(got) != 1 || got[0].surface != "occupation of the West Bank" {
		t.Errorf("got %v", got)
	}
}
