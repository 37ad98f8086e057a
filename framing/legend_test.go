package framing_test

import (
	"fmt"
	"testing"

	"framelens/framing"
)

// legendLexicon has one concept whose terms carry the given perspectives,
// each declared with the given colour.
func legendLexicon(slug string, perspectives map[string]string, order ...string) framing.Lexicon {
	lex := framing.Lexicon{Slug: slug, Name: slug, Language: "en"}
	c := framing.Concept{Slug: slug + "-c", Name: slug + " concept"}
	for i, name := range order {
		ps := fmt.Sprintf("p%d", i)
		lex.Perspectives = append(lex.Perspectives, framing.Perspective{Slug: ps, Name: name, Color: perspectives[name]})
		c.Terms = append(c.Terms, framing.Term{Phrase: fmt.Sprintf("%s word%d", slug, i), Language: "en", Perspective: ps,
			Note: "n", SourceURL: "https://example.org"})
	}
	lex.Concepts = []framing.Concept{c}
	return lex
}

// On one page a perspective named in three lexicons is one entry, and no
// two perspectives share both colour and texture, whatever their lexicons
// declare; the assignment is the same every time.
func TestALegendHasOneEntryPerNameAndNoTwoAlike(t *testing.T) {
	a := legendLexicon("conflict", map[string]string{"Russian official": "vermillion", "International wire style": "green"}, "Russian official", "International wire style")
	b := legendLexicon("labels", map[string]string{"Delegitimising label": "vermillion", "International wire style": "green", "Sympathetic label": "purple"},
		"Delegitimising label", "International wire style", "Sympathetic label")
	c := legendLexicon("verbs", map[string]string{"Emphatic": "purple", "Plain attribution": "blue"}, "Emphatic", "Plain attribution")
	m, err := framing.Compile([]framing.Lexicon{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	text := "conflict word0 and conflict word1. labels word0, labels word1, labels word2. verbs word0 and verbs word1."
	build := func() framing.Legend { return framing.MatchesLegend(m, m.Analyze(text).Matches) }
	legend := build()
	names, looks := map[string]bool{}, map[framing.Swatch]string{}
	for _, e := range legend.Entries {
		if names[e.Perspective] {
			t.Errorf("%q is in the legend twice", e.Perspective)
		}
		names[e.Perspective] = true
		if other, ok := looks[e.Swatch]; ok {
			t.Errorf("%q and %q are both drawn %+v", other, e.Perspective, e.Swatch)
		}
		looks[e.Swatch] = e.Perspective
	}
	if len(legend.Entries) != 6 {
		t.Errorf("%d entries, want 6: %+v", len(legend.Entries), legend.Entries)
	}
	if legend.Swatch("Russian official").Color != "vermillion" || legend.Swatch("International wire style").Color != "green" {
		t.Errorf("the first perspective to claim a colour keeps its lexicon's: %+v", legend.Entries)
	}
	if again := build(); fmt.Sprint(again.Entries) != fmt.Sprint(legend.Entries) {
		t.Errorf("not deterministic:\n%+v\n%+v", legend.Entries, again.Entries)
	}
}

// More perspectives than colours: colours repeat, each time with another
// texture, so colour and texture together still tell every one apart.
func TestALegendOfManyPerspectivesRepeatsColoursWithOtherTextures(t *testing.T) {
	var order []string
	colours := map[string]string{}
	for i := range 20 {
		name := fmt.Sprintf("Perspective %d", i)
		order = append(order, name)
		colours[name] = "orange"
	}
	lex := legendLexicon("many", colours, order...)
	legend := framing.LexiconLegend(&lex)
	seen := map[framing.Swatch]bool{}
	for _, e := range legend.Entries {
		if seen[e.Swatch] {
			t.Errorf("%+v drawn twice", e.Swatch)
		}
		seen[e.Swatch] = true
	}
	if len(seen) != 20 {
		t.Errorf("%d swatches for 20 perspectives", len(seen))
	}
}
