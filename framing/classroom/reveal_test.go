package classroom_test

import (
	"slices"
	"testing"

	"framelens/demo"
	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/framing/internal/testcorpus"
)

// Plain verbs of saying ("said", "told") frame nothing: the reveal does not
// list them as missed, while the verbs that do ("underlined") stay.
func TestTheRevealDoesNotAskAboutPlainSaid(t *testing.T) {
	m := testcorpus.SeedMatcher(t)
	_, arts, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	a := framing.Article{ID: 1, Body: arts[0].Body, Language: "en"}
	res := classroom.Tally(m, []framing.ArticleMatches{{Article: a, Matches: m.Analyze(a.Body).Matches}}, nil, 3)
	var terms []string
	for _, ms := range res.Missed {
		terms = append(terms, ms.Term)
		if ms.Term == "said" || ms.Term == "told" || ms.Perspective == "Plain attribution" {
			t.Errorf("missed lists a plain verb of saying: %+v", ms)
		}
	}
	if !slices.Contains(terms, "underlined") {
		t.Errorf("missed %v, want the emphatic \"underlined\" kept", terms)
	}
	for _, e := range res.Legend.Entries {
		if e.Perspective == "Plain attribution" {
			t.Error("the session's legend names plain attribution, which its pages do not show")
		}
	}
}
