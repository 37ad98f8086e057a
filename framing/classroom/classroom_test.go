package classroom

import (
	"strings"
	"testing"

	"framelens/framing"
)

func TestJoinCodesAvoidLookAlikesAndReadBackHoweverTyped(t *testing.T) {
	seen := map[string]bool{}
	for range 2000 {
		code, err := NewJoinCode()
		if err != nil {
			t.Fatal(err)
		}
		if len(code) != JoinCodeLength || strings.ContainsAny(code, "0O1Il") {
			t.Fatalf("code %q: want %d characters without 0/O/1/I/l", code, JoinCodeLength)
		}
		got, ok := ParseJoinCode(strings.ToLower(FormatJoinCode(code)))
		if !ok || got != code {
			t.Fatalf("ParseJoinCode(lower(%q)) = %q, %v", FormatJoinCode(code), got, ok)
		}
		seen[code] = true
	}
	if len(seen) < 1990 {
		t.Errorf("2000 codes gave only %d distinct ones", len(seen))
	}
	for in, want := range map[string]string{"k7m-4qx": "K7M4QX", " K7M 4QX ": "K7M4QX", "k7m4qx": "K7M4QX"} {
		if got, ok := ParseJoinCode(in); !ok || got != want {
			t.Errorf("ParseJoinCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "K7M4Q", "K7M4QXX", "K0M4QX", "KIM4QX", "K7M4Q€", "ＫＫＫＫＫＫ"} {
		if got, ok := ParseJoinCode(bad); ok {
			t.Errorf("ParseJoinCode(%q) = %q, want refused", bad, got)
		}
	}
}

func TestNicknamesAreTrimmedAndBounded(t *testing.T) {
	if got, err := NormalizeNickname("  Anna \t K. "); err != nil || got != "Anna K." {
		t.Errorf("got %q, %v", got, err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("я", MaxNicknameChars+1), "a\x07b", "\xff",
		"\u200b", "Anna\u200b", "\u202eannA", "---", "😀"} {
		if _, err := NormalizeNickname(bad); framing.ErrorCode(err) != framing.EInvalid {
			t.Errorf("NormalizeNickname(%q) = %v, want invalid", bad, err)
		}
	}
	if _, err := NormalizeNickname(strings.Repeat("я", MaxNicknameChars)); err != nil {
		t.Errorf("a nickname of exactly %d characters: %v", MaxNicknameChars, err)
	}
}

func TestMarksMustBeWholeCharactersInsideTheText(t *testing.T) {
	body := "Город Ханкенди, he said. "
	start := strings.Index(body, "Ханкенди")
	end := start + len("Ханкенди")
	sp, err := MarkInput{Start: start - 1, End: end + 1}.Check(body)
	if err != nil || body[sp.Start:sp.End] != "Ханкенди," {
		t.Fatalf("a mark with a leading space: %q, %v", body[sp.Start:sp.End], err)
	}
	for name, in := range map[string]MarkInput{
		"negative start":     {Start: -1, End: 3},
		"past the end":       {Start: 0, End: len(body) + 1},
		"empty":              {Start: 4, End: 4},
		"reversed":           {Start: 8, End: 4},
		"inside a character": {Start: start + 1, End: end},
		"ends mid-character": {Start: start, End: end - 1},
		"only spaces":        {Start: len(body) - 1, End: len(body)},
		"long note":          {Start: start, End: end, Note: strings.Repeat("n", MaxMarkNoteChars+1)},
		"note not UTF-8":     {Start: start, End: end, Note: "\xff"},
	} {
		if _, err := in.Check(body); framing.ErrorCode(err) != framing.EInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	long := strings.Repeat("word ", MaxMarkChars)
	if _, err := (MarkInput{Start: 0, End: len(long)}).Check(long); framing.ErrorCode(err) != framing.EInvalid {
		t.Errorf("a mark of a whole passage: %v, want invalid", err)
	}
}

func TestWordingKeyFoldsCaseHyphensAndPunctuation(t *testing.T) {
	for _, s := range []string{"Nagorno-Karabakh,", "  nagorno  karabakh", "“Nagorno–Karabakh”"} {
		if got := WordingKey(s); got != "nagorno karabakh" {
			t.Errorf("WordingKey(%q) = %q", s, got)
		}
	}
	if got := WordingKey("Ё-моё"); got != "е мое" {
		t.Errorf("Cyrillic: %q", got)
	}
}

func TestPhasesOnlyMoveForward(t *testing.T) {
	if !PhaseMarking.CanMoveTo(PhaseReveal) || !PhaseReveal.CanMoveTo(PhaseClosed) || !PhaseMarking.CanMoveTo(PhaseClosed) {
		t.Error("forward moves refused")
	}
	if PhaseReveal.CanMoveTo(PhaseMarking) || PhaseClosed.CanMoveTo(PhaseReveal) {
		t.Error("backward moves allowed")
	}
	if _, err := ParsePhase("open"); framing.ErrorCode(err) != framing.EInvalid {
		t.Errorf("ParsePhase(open) = %v", err)
	}
}

func TestResultsCountStudentsPerWordingAndFindWhatNobodyMarked(t *testing.T) {
	lex := framing.Lexicon{ID: 7, Slug: "t", Name: "T", Language: "en",
		Perspectives: []framing.Perspective{{Slug: "north", Name: "Northern usage", Color: "blue"}},
		Concepts: []framing.Concept{{ID: 3, Slug: "city", Name: "The city", Terms: []framing.Term{
			{Phrase: "Northburg", Language: "en", Perspective: "north", Match: framing.MatchWord},
			{Phrase: "Bluewater", Language: "en", Perspective: "north", Match: framing.MatchWord},
		}}}}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	body := "Troops entered Northburg. Near Bluewater the so-called rebels waited."
	a := framing.Article{ID: 11, Language: "en", Body: body}
	span := func(s string) framing.Span {
		i := strings.Index(body, s)
		return framing.Span{Start: i, End: i + len(s)}
	}
	marks := []Mark{
		{StudentID: 1, ArticleID: 11, Span: span("Northburg"), Text: "Northburg", ConceptID: 3},
		{StudentID: 2, ArticleID: 11, Span: span("Northburg."), Text: "Northburg.", ConceptID: 3},
		{StudentID: 2, ArticleID: 11, Span: span("so-called rebels"), Text: "so-called rebels"},
		{StudentID: 3, ArticleID: 11, Span: span("rebels"), Text: "Rebels"},
		{StudentID: 3, ArticleID: 11, Span: framing.Span{Start: 0, End: 5000}, Text: "Troops"}, // stale offsets
	}
	res := Tally(m, []framing.ArticleMatches{{Article: a, Matches: m.Analyze(body).Matches}}, marks, 4)
	if res.Students != 4 || res.Marking != 3 || res.Marks != 5 {
		t.Errorf("counts: %+v", res)
	}
	if len(res.Wordings) != 4 || res.Wordings[0].Key != "northburg" || res.Wordings[0].Students != 2 {
		t.Fatalf("wordings: %+v", res.Wordings)
	}
	if hit := res.Wordings[0].Lexicon; hit == nil || hit.Concept != "The city" || hit.Perspective != "Northern usage" {
		t.Errorf("Northburg's lexicon hit: %+v", hit)
	}
	if w := res.Wordings[0]; w.Agree != 2 || len(w.Concepts) != 1 || w.Concepts[0].Concept != "The city" || w.Concepts[0].Students != 2 {
		t.Errorf("Northburg's concepts: %+v, agree %d", w.Concepts, w.Agree)
	}
	if res.Known != 1 {
		t.Errorf("known wordings: %d, want 1", res.Known)
	}
	if len(res.Missed) != 1 || res.Missed[0].Term != "Bluewater" || res.Missed[0].Count != 1 {
		t.Errorf("missed: %+v", res.Missed)
	}
	// "rebels" is covered by students 2 and 3; "so-called " by 2 only.
	levels := map[string]int{}
	for _, p := range res.Articles[0].Pieces {
		levels[body[p.Start:p.End]] = p.Students
	}
	if levels["rebels"] != 2 || levels["so-called "] != 1 || levels["Northburg"] != 2 || levels[" Near Bluewater the "] != 0 {
		t.Errorf("heat: %v", levels)
	}
}

func TestBlindMasksEveryOutletNameAsAWholeWord(t *testing.T) {
	articles := []framing.Article{{Outlet: "RT"}, {Outlet: "Anadolu Agency"}, {Outlet: "rt"}}
	got := framing.NewNameMasker(articles).Mask("RT's report quoted ANADOLU AGENCY and rt.")
	if want := "Outlet A's report quoted Outlet B and Outlet A."; got != want {
		t.Errorf("Mask = %q, want %q", got, want)
	}
}

func TestAMarkHoldingTwoLexiconWordingsIsKnownAsTheOneTheStudentsChose(t *testing.T) {
	lex := framing.Lexicon{ID: 7, Slug: "t", Name: "T", Language: "en",
		Perspectives: []framing.Perspective{{Slug: "p", Name: "P"}},
		Concepts: []framing.Concept{
			{ID: 3, Slug: "distance", Name: "Distancing", Terms: []framing.Term{{Phrase: "so-called", Language: "en", Perspective: "p"}}},
			{ID: 4, Slug: "groups", Name: "Armed groups", Terms: []framing.Term{{Phrase: "separatists", Language: "en", Perspective: "p"}}},
		}}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	body := "The so-called separatists waited."
	a := framing.Article{ID: 11, Language: "en", Body: body}
	i := strings.Index(body, "so-called separatists")
	sp := framing.Span{Start: i, End: i + len("so-called separatists")}
	marks := []Mark{
		{StudentID: 1, ArticleID: 11, Span: sp, Text: "so-called separatists", ConceptID: 4},
		{StudentID: 2, ArticleID: 11, Span: sp, Text: "so-called separatists", ConceptID: 4},
	}
	res := Tally(m, []framing.ArticleMatches{{Article: a, Matches: m.Analyze(body).Matches}}, marks, 2)
	if len(res.Wordings) != 1 {
		t.Fatalf("wordings: %+v", res.Wordings)
	}
	if w := res.Wordings[0]; w.Lexicon == nil || w.Lexicon.ConceptID != 4 || w.Agree != 2 {
		t.Errorf("the wording is known as %+v with %d agreeing, want the armed groups both chose", w.Lexicon, w.Agree)
	}
	if len(res.Missed) != 0 {
		t.Errorf("a wording inside the mark counts as missed: %+v", res.Missed)
	}
}
