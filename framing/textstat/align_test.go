package textstat_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"framelens/demo"
	"framelens/framing"
	"framelens/framing/internal/testcorpus"
	"framelens/framing/textstat"
)

func alignTexts(texts ...string) []textstat.AlignText {
	out := make([]textstat.AlignText, len(texts))
	for i, t := range texts {
		out[i] = textstat.AlignText{ID: int64(i + 1), Text: t}
	}
	return out
}

func TestAParaphrasedSentencePairsUpAndAnUnrelatedOneDoesNot(t *testing.T) {
	a := "Azerbaijani troops occupied the village of Talish on Monday after heavy shelling. The weather in Baku was mild."
	b := "The village of Talish was liberated by Azerbaijani troops on Monday after heavy shelling. Farmers expect a good harvest of grapes this autumn."
	pairs := align(t, alignTexts(a, b), textstat.AlignThreshold)
	if len(pairs) != 1 {
		t.Fatalf("got %d pairs, want 1: %+v", len(pairs), pairs)
	}
	p := pairs[0]
	if !strings.HasPrefix(p.A.Text, "Azerbaijani troops occupied") || !strings.HasPrefix(p.B.Text, "The village of Talish was liberated") {
		t.Errorf("paired %q with %q", p.A.Text, p.B.Text)
	}
	var diffs []string
	for _, d := range p.Differences {
		diffs = append(diffs, d.A+"|"+d.B)
	}
	// The word that differs in meaning must stand out as a difference.
	if !strings.Contains(strings.Join(diffs, " "), "occupied") || !strings.Contains(strings.Join(diffs, " "), "liberated") {
		t.Errorf("differences %q do not show occupied vs liberated", diffs)
	}
	for _, d := range p.Differences {
		if a[d.ASpan.Start:d.ASpan.End] != d.A || b[d.BSpan.Start:d.BSpan.End] != d.B {
			t.Errorf("difference %+v: spans do not cut out its text", d)
		}
	}
}

func TestIdenticalSentencesAreNotShownAsPairs(t *testing.T) {
	s := "Talks between the two delegations resumed in Geneva on Tuesday morning."
	if pairs := align(t, alignTexts(s, s), textstat.AlignThreshold); len(pairs) != 0 {
		t.Errorf("identical wording paired: %+v", pairs)
	}
	// A difference in function words alone is no choice of wording.
	if pairs := align(t, alignTexts(s, strings.Replace(s, "the two", "two", 1)), textstat.AlignThreshold); len(pairs) != 0 {
		t.Errorf("a dropped article paired: %+v", pairs[0].Differences)
	}
}

func TestDifferencesCarryTheLexiconTermsInThem(t *testing.T) {
	lex := framing.Lexicon{Slug: "test", Name: "Test", Language: "en", Concepts: []framing.Concept{
		{Slug: "taken", Name: "Taken", Terms: []framing.Term{{Phrase: "occupied"}, {Phrase: "liberated"}}},
	}}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	a := "Azerbaijani troops occupied the village of Talish on Monday after heavy shelling."
	b := "Azerbaijani troops liberated the village of Talish on Monday after heavy shelling."
	texts := alignTexts(a, b)
	texts[0].Matches = m.Analyze(a).Matches
	texts[1].Matches = m.Analyze(b).Matches
	pairs := align(t, texts, textstat.AlignThreshold)
	if len(pairs) != 1 || len(pairs[0].Differences) != 1 {
		t.Fatalf("pairs %+v", pairs)
	}
	d := pairs[0].Differences[0]
	if len(d.ATerms) != 1 || m.Term(d.ATerms[0]).Phrase != "occupied" || len(d.BTerms) != 1 || m.Term(d.BTerms[0]).Phrase != "liberated" {
		t.Errorf("difference %+v", d)
	}
}

// The threshold's justification (see textstat.AlignThreshold) on the demo
// event, whose articles are 1: the seed report, 2: the Armenian-usage
// rewrite, 3: the wire-style rewrite.
func TestAlignmentOnTheDemoEvent(t *testing.T) {
	_, arts, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, a := range arts {
		texts = append(texts, a.Body)
	}
	all := align(t, alignTexts(texts...), 0)
	sims := map[string]float64{}
	for _, p := range all {
		sims[fmt.Sprintf("%d:%d-%d:%d", p.A.Article, p.A.Sentence, p.B.Article, p.B.Sentence)] = p.Similarity
	}
	sameFact := []string{"1:6-2:3", "2:1-3:1", "2:0-3:0", "1:1-2:1", "1:12-2:8", "2:2-3:5", "1:1-3:0", "1:0-2:0",
		"1:7-3:2", "1:9-2:4", "1:6-3:5", "2:4-3:7", "2:6-3:3", "2:8-3:8", "1:9-3:7"}
	unrelated := []string{"1:14-3:8", "1:2-3:4", "1:7-2:6"}
	if len(all) != len(sameFact)+len(unrelated) {
		t.Fatalf("%d mutual best pairs, labelled %d: %v", len(all), len(sameFact)+len(unrelated), sims)
	}
	kept, strays := 0, 0
	for _, k := range sameFact {
		if sims[k] >= textstat.AlignThreshold {
			kept++
		}
	}
	for _, k := range unrelated {
		if sims[k] >= textstat.AlignThreshold {
			strays++
		}
	}
	if kept != 11 || strays != 1 {
		t.Errorf("at %.2f: %d of %d same-fact pairs kept, %d of %d unrelated admitted; sims %v",
			textstat.AlignThreshold, kept, len(sameFact), strays, len(unrelated), sims)
	}
	// The pair the project started from: "occupied" against "controlled by ethnic Armenian forces".
	pairs := align(t, alignTexts(texts...), textstat.AlignThreshold)
	occupied, controlled := false, false
	for _, p := range pairs {
		if p.A.Article != 1 || p.B.Article != 3 {
			continue
		}
		for _, d := range p.Differences {
			occupied = occupied || strings.Contains(d.A, "occupied")
			controlled = controlled || strings.Contains(d.B, "controlled")
		}
	}
	if !occupied || !controlled {
		t.Errorf("the occupied / controlled pair is missing (occupied %v, controlled %v)", occupied, controlled)
	}
	for i := 1; i < len(pairs); i++ {
		if pairs[i].Kind == pairs[i-1].Kind && pairs[i].Similarity > pairs[i-1].Similarity {
			t.Fatal("pairs of one kind not best first")
		}
	}
}

// With the lexicon's matches, the pair that matters comes first: the
// seed article's occupation against the wire rewrite's "controlled by
// ethnic Armenian forces", terms of one concept; pairs that differ only in
// a first name or a weekday come last.
func TestPairsWithTermsOfOneConceptComeFirstAndNameOnlyPairsLast(t *testing.T) {
	_, arts, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	m := testcorpus.SeedMatcher(t)
	texts := make([]textstat.AlignText, len(arts))
	for i, a := range arts {
		texts[i] = textstat.AlignText{ID: int64(i + 1), Text: a.Body, Matches: m.Analyze(a.Body).Matches}
	}
	pairs := align(t, texts, textstat.AlignThreshold)
	at := -1
	for i, p := range pairs {
		var as, bs string
		for _, d := range p.Differences {
			as, bs = as+d.A+" ", bs+d.B+" "
		}
		if strings.Contains(as, "occupied") && strings.Contains(bs, "controlled by ethnic Armenian forces") {
			at = i
		}
	}
	if at < 0 || pairs[at].Kind != textstat.PairLexicon {
		t.Fatalf("the occupied / controlled pair is missing or not ranked as terms of one concept (at %d)", at)
	}
	for _, p := range pairs[:at] {
		if p.Kind != textstat.PairLexicon {
			t.Errorf("a pair of kind %v ranks before the occupied / controlled pair", p.Kind)
		}
	}
	for i := 1; i < len(pairs); i++ {
		if pairs[i].Kind < pairs[i-1].Kind {
			t.Errorf("pair %d (%v) after pair %d (%v)", i, pairs[i].Kind, i-1, pairs[i-1].Kind)
		}
	}

	a := "Russian President Vladimir Putin met Armenian Prime Minister Nikol Pashinyan in Vladivostok on Wednesday to discuss the border."
	b := "Russian President Vladimir Putin met Armenian Prime Minister Pashinyan in Vladivostok to discuss the border."
	c := "Russian President Vladimir Putin met Armenian Prime Minister Pashinyan in Vladivostok to discuss the frontier."
	got := align(t, alignTexts(a, b), textstat.AlignThreshold)
	if len(got) != 1 || got[0].Kind != textstat.PairIncidental {
		t.Errorf("a pair differing in a first name and a weekday: %+v", got)
	}
	got = align(t, alignTexts(a, c), textstat.AlignThreshold)
	if len(got) != 1 || got[0].Kind != textstat.PairWords {
		t.Errorf("a pair differing in border and frontier: %+v", got)
	}
}

func align(t testing.TB, texts []textstat.AlignText, threshold float64) []textstat.AlignedPair {
	t.Helper()
	pairs, err := textstat.Align(context.Background(), texts, threshold)
	if err != nil {
		t.Fatal(err)
	}
	return pairs
}

func TestACancelledAlignmentStopsWithTheContextsError(t *testing.T) {
	_, arts, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for range 20 {
		for _, a := range arts {
			texts = append(texts, a.Body)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pairs, err := textstat.Align(ctx, alignTexts(texts...), textstat.AlignThreshold)
	if !errors.Is(err, context.Canceled) || pairs != nil {
		t.Fatalf("got %d pairs and %v, want nothing and context.Canceled", len(pairs), err)
	}
}

func TestEachPairOfArticlesKeepsItsBestFewPairs(t *testing.T) {
	var a, b strings.Builder
	for i := range 3 * textstat.PairsPerArticlePair {
		fmt.Fprintf(&a, "Azerbaijani troops occupied the village number %s near the river crossing after heavy shelling. ", spelled(i))
		fmt.Fprintf(&b, "Azerbaijani troops liberated the village number %s near the river crossing after heavy shelling. ", spelled(i))
	}
	pairs := align(t, alignTexts(a.String(), b.String()), textstat.AlignThreshold)
	if len(pairs) != textstat.PairsPerArticlePair {
		t.Fatalf("%d pairs between two articles, want %d", len(pairs), textstat.PairsPerArticlePair)
	}
}

// spelled makes a distinct content word per number, so that each sentence
// has one best match.
func spelled(i int) string {
	return strings.Repeat("x", i+1) + "village"
}
