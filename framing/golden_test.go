package framing_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/framing/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// The wordings that ../shared/samples/seed-article.md says a good analysis
// surfaces, each with its concept and voice.
func TestSeedArticleSurfacesEveryDocumentedWording(t *testing.T) {
	m := testcorpus.SeedMatcher(t)
	text := testcorpus.SeedArticle(t)
	a := m.Analyze(text)

	want := []struct {
		surface, concept, perspective string
		voice                         framing.Voice
	}{
		{"held under Armenian occupation", "region-status-1994-2020", "azerbaijani-official", framing.VoiceOwn},
		{"occupied", "region-status-1994-2020", "azerbaijani-official", framing.VoiceOwn},
		{"occupied by Armenia", "districts-status-1994-2020", "azerbaijani-official", framing.VoiceOwn},
		{"liberated", "changes-2020", "azerbaijani-official", framing.VoiceOwn},
		{"Upper Karabakh", "region-name", "azerbaijani-official", framing.VoiceOwn},
		// Wires state it too (BBC, AFP: "internationally recognised as
		// Azerbaijani"), so it is common usage, not one side's.
		{"internationally recognized as part of Azerbaijan", "legal-status", "common", framing.VoiceOwn},
		{"44-day war", "war-2020-name", "common", framing.VoiceOwn},
		{"stressed", "report-verb", "emphatic", framing.VoiceOwn},
		{"underlined", "report-verb", "emphatic", framing.VoiceOwn},
		{"Lachin corridor", "lachin-road", "common", framing.VoiceQuoted},
		{"Russian peacekeepers", "russian-troops", "common", framing.VoiceOwn},
		{"Russian peacekeepers", "russian-troops", "common", framing.VoiceQuoted},
	}
	for _, w := range want {
		found := false
		for _, got := range a.Matches {
			if got.Surface == w.surface && m.Concept(got.Ref).Slug == w.concept &&
				m.Term(got.Ref).Perspective == w.perspective && got.Voice == w.voice {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("seed article: %q as %s (%s, %s voice) not found", w.surface, w.concept, w.perspective, w.voice)
		}
	}
	// "the Armenian military occupied Nagorno-Karabakh": the verb, then the region's name.
	occ := strings.Index(text, "military occupied") + len("military ")
	if got := matchesAt(a, occ); len(got) != 1 || m.Concept(got[0].Ref).Slug != "region-status-1994-2020" {
		t.Errorf("'occupied' in 'the Armenian military occupied' matched %v", got)
	}
}

func matchesAt(a framing.Analysis, start int) []framing.Match {
	var out []framing.Match
	for _, m := range a.Matches {
		if m.Start == start {
			out = append(out, m)
		}
	}
	return out
}

// The whole analysis of the seed article, kept as a golden file so that any
// change to what is found shows in review. Update with -update.
func TestSeedArticleAnalysisMatchesGoldenFile(t *testing.T) {
	m := testcorpus.SeedMatcher(t)
	text := testcorpus.SeedArticle(t)
	a := m.Analyze(text)
	var b strings.Builder
	for _, match := range a.Matches {
		fmt.Fprintf(&b, "%d-%d\t%q\t%s\t%s\t%s\tsentence %d\n", match.Start, match.End, match.Surface,
			m.Concept(match.Ref).Slug, m.Term(match.Ref).Perspective, match.Voice, match.Sentence)
	}
	for _, q := range a.Quotes {
		fmt.Fprintf(&b, "quote %d-%d\t%s\n", q.Start, q.End, q.Voice)
	}
	path := filepath.Join("testdata", "seed-article.golden")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./framing -run Golden -update)", err)
	}
	if b.String() != string(want) {
		t.Errorf("analysis of the seed article changed:\n got:\n%s\nwant:\n%s", b.String(), want)
	}
}
