package framing_test

import (
	"strings"
	"testing"

	"framelens/framing"
)

// testLexicon builds a one-concept-per-term lexicon from "phrase|mode|variant,variant" specs.
func testMatcher(t testing.TB, specs ...string) *framing.Matcher {
	t.Helper()
	lex := framing.Lexicon{Slug: "test", Name: "Test", Language: "en",
		Perspectives: []framing.Perspective{{Slug: "p", Name: "P"}}}
	for _, spec := range specs {
		parts := strings.Split(spec, "|")
		term := framing.Term{Phrase: parts[0], Language: "en", Perspective: "p", Note: "n", SourceURL: "https://example.org"}
		if len(parts) > 1 {
			term.Match = parts[1]
		}
		if len(parts) > 2 {
			term.Variants = strings.Split(parts[2], ",")
		}
		lex.Concepts = append(lex.Concepts, framing.Concept{Slug: parts[0], Name: parts[0], Terms: []framing.Term{term}})
	}
	if err := lex.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := framing.Compile([]framing.Lexicon{lex})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// found is a match as the tests compare it: surface, term phrase, voice.
type found struct {
	surface, term string
	voice         framing.Voice
}

func analyze(m *framing.Matcher, text string) []found {
	var out []found
	for _, match := range m.Analyze(text).Matches {
		out = append(out, found{match.Surface, m.Term(match.Ref).Phrase, match.Voice})
	}
	return out
}

func TestOneSpanGetsOneLabelTopicBeforeGeneralThenTheMoreSpecificTerm(t *testing.T) {
	term := func(phrase, mode string) framing.Term {
		return framing.Term{Phrase: phrase, Match: mode, Language: "en", Note: "n", SourceURL: "https://example.org"}
	}
	general := framing.Lexicon{Slug: "labels", Name: "Labels", Scope: framing.ScopeGeneral, Concepts: []framing.Concept{
		{Slug: "armed", Name: "Armed people", Terms: []framing.Term{term("separatists", "")}},
	}}
	topic := framing.Lexicon{Slug: "karabakh", Name: "Karabakh", Scope: framing.ScopeTopic, Anchors: []string{"Stepanakert"},
		Concepts: []framing.Concept{
			{Slug: "groups", Name: "Armed groups", Terms: []framing.Term{term("separatist", "")}},
			{Slug: "exact", Name: "Exact", Terms: []framing.Term{term("Separatists", framing.MatchExact)}},
		}}
	// The general lexicon compiles first, yet the topic one labels the
	// span; within the topic, the exact-mode term is the more specific.
	m, err := framing.Compile([]framing.Lexicon{general, topic})
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"The separatists said so.": "groups", "The Separatists said so.": "exact"} {
		a := m.Analyze(text)
		if len(a.Matches) != 1 || m.Concept(a.Matches[0].Ref).Slug != want {
			t.Errorf("%q: want one match labelled %q, got %+v", text, want, a.Matches)
		}
	}
}

func TestKWICCutsAtWordsAndStaysInTheParagraph(t *testing.T) {
	text := "First paragraph ends here.\nIn 2020, Azerbaijan liberated several cities and over 300 settlements and villages.\nNext."
	start := strings.Index(text, "liberated")
	c := framing.KWIC(text, framing.Span{Start: start, End: start + len("liberated")}, 20)
	if c.Before != "In 2020, Azerbaijan " || c.Match != "liberated" || c.After != " several cities and…" {
		t.Errorf("KWIC = %+v", c)
	}
	c = framing.KWIC("Степанакерт — столица", framing.Span{Start: 0, End: len("Степанакерт")}, 5)
	if !strings.HasSuffix(c.After, "…") || !strings.HasPrefix(c.Match, "Степанакерт") {
		t.Errorf("KWIC on Cyrillic = %+v", c)
	}
}

func TestProfilesSeparateOwnWordsFromQuotedSpeech(t *testing.T) {
	m := testMatcher(t, "Artsakh", "Khankendi")
	texts := []string{
		`Artsakh is calm. "Khankendi is ours," the minister said in a long statement today.`,
		`Nothing here.`,
	}
	var input []framing.ArticleMatches
	for i, text := range texts {
		input = append(input, framing.ArticleMatches{Article: framing.Article{ID: int64(i + 1), Body: text}, Matches: m.Analyze(text).Matches})
	}
	profiles := framing.Compare(m, input).Profiles()
	if len(profiles) != 2 || profiles[0].ArticleID != 1 {
		t.Fatalf("profiles %+v", profiles)
	}
	if framing.Total(profiles[0].Own) != 1 || framing.Total(profiles[0].Quoted) != 1 {
		t.Errorf("first article: own %+v quoted %+v", profiles[0].Own, profiles[0].Quoted)
	}
	if framing.Total(profiles[1].Own)+framing.Total(profiles[1].Quoted) != 0 {
		t.Errorf("an article without matches has a profile: %+v", profiles[1])
	}
}
