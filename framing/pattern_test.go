package framing_test

import (
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

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

// A term whose phrase is a broken or huge pattern is refused with the
// pattern's reason.
func TestATermWithABrokenPatternIsRefusedWithTheReason(t *testing.T) {
	for _, tt := range []struct{ phrase, reason string }{
		{"{anti|counter-terror", "never closed"},
		{strings.Repeat("{a|b|c} ", 6), "more than 512"},
	} {
		term := framing.Term{Phrase: tt.phrase, Language: "en", Note: "n", SourceURL: "https://example.org"}
		if err := term.Validate(nil); err == nil || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("term %q: validation got %v", tt.phrase, err)
		}
	}
}
