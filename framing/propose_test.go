package framing_test

import (
	"testing"

	"framelens/framing"
)

func TestFindFormFindsEveryFoldedOccurrence(t *testing.T) {
	text := "Ethnic Armenian forces left. The ethnic-Armenian forces; ETHNIC ARMENIAN. Ethnic Armenians."
	spans := framing.FindForm(text, "ethnic armenian")
	var got []string
	for _, s := range spans {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Ethnic Armenian", "ethnic-Armenian", "ETHNIC ARMENIAN"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	if framing.FindForm(text, "  ") != nil || framing.FindForm("", "ethnic") != nil {
		t.Error("empty form or text found something")
	}
}

func TestSuggestConceptTakesTheConceptNamedInTheSameSentences(t *testing.T) {
	m := testMatcher(t, "occupied", "Stepanakert", "Khankendi")
	text := "Stepanakert was occupied, wrote one. Troops entered Khankendi: Khankendi fell. " +
		"Troops entered Khankendi again, Stepanakert to some. Unrelated words here. Troops entered Stepanakert."
	a := m.Analyze(text)
	spans := framing.FindForm(text, "troops entered")
	ref, ok := framing.SuggestConcept(text, a.Matches, spans)
	if !ok || m.Concept(ref).Name != "Khankendi" {
		t.Fatalf("suggested %+v %v", ref, ok)
	}
	if _, ok := framing.SuggestConcept(text, a.Matches, framing.FindForm(text, "unrelated")); ok {
		t.Error("a sentence with no match suggested a concept")
	}
	// One match nearby, or a tie, is too weak a hint.
	if _, ok := framing.SuggestConcept(text, a.Matches, framing.FindForm(text, "wrote one")); ok {
		t.Error("a single match suggested a concept")
	}
}
