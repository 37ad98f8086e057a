package framing_test

import (
	"testing"

	"framelens/framing"
	"framelens/framing/textstat"
)

func TestSuggestConceptTakesTheConceptNamedInTheSameSentences(t *testing.T) {
	m := testMatcher(t, "occupied", "Stepanakert", "Khankendi")
	text := "Stepanakert was occupied, wrote one. Troops entered Khankendi: Khankendi fell. " +
		"Troops entered Khankendi again, Stepanakert to some. Unrelated words here. Troops entered Stepanakert."
	a := m.Analyze(text)
	spans := textstat.FindForm(text, "troops entered")
	ref, ok := framing.SuggestConcept(text, a.Matches, spans)
	if !ok || m.Concept(ref).Name != "Khankendi" {
		t.Fatalf("suggested %+v %v", ref, ok)
	}
	if _, ok := framing.SuggestConcept(text, a.Matches, textstat.FindForm(text, "unrelated")); ok {
		t.Error("a sentence with no match suggested a concept")
	}
	// One match nearby, or a tie, is too weak a hint.
	if _, ok := framing.SuggestConcept(text, a.Matches, textstat.FindForm(text, "wrote one")); ok {
		t.Error("a single match suggested a concept")
	}
}
