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

func TestMatchingFoldsCaseStemsAndSpellingVariants(t *testing.T) {
	m := testMatcher(t,
		"occupied||occupation",
		"Nagorno-Karabakh|word",
		"counter-terrorism",
		"SCO|exact",
		"liberated|word|liberation",
		"Степанакерт||Степанакерте",
	)
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"stem joins a word family", "They occupy it. It was OCCUPIED. The occupying army.",
			[]found{{"occupy", "occupied", "own"}, {"OCCUPIED", "occupied", "own"}, {"occupying", "occupied", "own"}}},
		{"variant joins what stems do not", "The occupation ended.", []found{{"occupation", "occupied", "own"}}},
		{"hyphen, space and dash variants", "Nagorno-Karabakh, Nagorno Karabakh, nagorno–karabakh and Nagorno\u00a0Karabakh.",
			[]found{{"Nagorno-Karabakh", "Nagorno-Karabakh", "own"}, {"Nagorno Karabakh", "Nagorno-Karabakh", "own"},
				{"nagorno–karabakh", "Nagorno-Karabakh", "own"}, {"Nagorno\u00a0Karabakh", "Nagorno-Karabakh", "own"}}},
		{"closed compound of a hyphenated term", "a counterterrorism operation and counter terrorism",
			[]found{{"counterterrorism", "counter-terrorism", "own"}, {"counter terrorism", "counter-terrorism", "own"}}},
		{"exact terms keep case", "the SCO summit, not the sco or Sco",
			[]found{{"SCO", "SCO", "own"}}},
		{"word mode does not stem into unrelated words", "a liberal party; the liberation of the city",
			[]found{{"liberation", "liberated", "own"}}},
		{"Cyrillic with the Russian stemmer and variants", "В Степанакерте спокойно. Степанакерт.",
			[]found{{"Степанакерте", "Степанакерт", "own"}, {"Степанакерт", "Степанакерт", "own"}}},
		{"a word inside a longer word is not a match", "preoccupied Nagorno-Karabakhi", nil},
		{"empty text", "", nil},
		{"only punctuation", " ,.;:!?\"'«»— ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze(m, tt.text)
			if !equalFound(got, tt.want) {
				t.Errorf("Analyze(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func equalFound(a, b []found) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLongestMatchWinsWhereTermsOverlap(t *testing.T) {
	m := testMatcher(t, "occupation", "held under Armenian occupation", "Armenian", "occupied by Armenia", "occupied")
	got := analyze(m, "the region, held under Armenian occupation, and villages occupied by Armenia; Armenian occupation")
	want := []found{
		{"held under Armenian occupation", "held under Armenian occupation", "own"},
		{"occupied by Armenia", "occupied by Armenia", "own"},
		{"Armenian", "Armenian", "own"},
		{"occupation", "occupation", "own"},
	}
	if !equalFound(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

func TestAPartialPhraseFallsBackToTheShorterTerm(t *testing.T) {
	m := testMatcher(t, "Russian peacekeeping contingent", "Russian")
	got := analyze(m, "the Russian peacekeeping force")
	if !equalFound(got, []found{{"Russian", "Russian", "own"}}) {
		t.Errorf("got %v", got)
	}
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

func TestPhrasesStopAtSentenceEndsAndMatchesRespectCompounds(t *testing.T) {
	m := testMatcher(t, "separatist officials", "separatists", "terrorist", "anti-terrorist measures", "Russian-occupied",
		"occupied", "Hamas", "Hamas-run")
	tests := []struct {
		text string
		want []found
	}{
		{"He met the separatists. Officials said nothing.", []found{{"separatists", "separatists", "own"}}},
		{"He met the separatist officials.", []found{{"separatist officials", "separatist officials", "own"}}},
		{"The separatists!\nOfficials left.", []found{{"separatists", "separatists", "own"}}},
		{"Dr. Separatist officials met.", []found{{"Separatist officials", "separatist officials", "own"}}},
		{"They began anti-terrorist measures.", []found{{"anti-terrorist measures", "anti-terrorist measures", "own"}}},
		{"An anti-terrorist law, not a terrorist.", []found{{"terrorist", "terrorist", "own"}}},
		{"In Russian-occupied Kherson, occupied homes.", []found{{"Russian-occupied", "Russian-occupied", "own"}, {"occupied", "occupied", "own"}}},
		{"The Hamas-run ministry and Hamas.", []found{{"Hamas-run", "Hamas-run", "own"}, {"Hamas", "Hamas", "own"}}},
		{"The Hamas–run ministry.", []found{{"Hamas–run", "Hamas-run", "own"}}},
		{"Hamas—the group—said so.", []found{{"Hamas", "Hamas", "own"}}},
	}
	for _, tt := range tests {
		if got := analyze(m, tt.text); !equalFound(got, tt.want) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestVoiceOfQuotesScareQuotesAndApostrophes(t *testing.T) {
	m := testMatcher(t, "Lachin corridor", "counter-terrorism measures", "Azerbaijan", "Karabakh", "peacekeepers")
	tests := []struct {
		name string
		text string
		want []found
	}{
		{"reported speech in straight quotes", `"We value the peacekeepers in the Lachin corridor," Pashinyan said.`,
			[]found{{"peacekeepers", "peacekeepers", "quoted"}, {"Lachin corridor", "Lachin corridor", "quoted"}}},
		{"typographic quotes", `He said: “the Lachin corridor is open”.`,
			[]found{{"Lachin corridor", "Lachin corridor", "quoted"}}},
		{"scare quotes in single straight quotes", `Azerbaijan launched 'counter-terrorism measures' in Karabakh.`,
			[]found{{"Azerbaijan", "Azerbaijan", "own"}, {"counter-terrorism measures", "counter-terrorism measures", "scare"}, {"Karabakh", "Karabakh", "own"}}},
		{"scare quotes in typographic single quotes", `Azerbaijan launched ‘counter-terrorism measures’ in Karabakh.`,
			[]found{{"Azerbaijan", "Azerbaijan", "own"}, {"counter-terrorism measures", "counter-terrorism measures", "scare"}, {"Karabakh", "Karabakh", "own"}}},
		{"guillemets", `Власти открыли «Lachin corridor» вчера.`,
			[]found{{"Lachin corridor", "Lachin corridor", "scare"}}},
		{"German low-high quotes with a speech verb", `Er sagte „Lachin corridor“, said the minister.`,
			[]found{{"Lachin corridor", "Lachin corridor", "quoted"}}},
		{"apostrophes are not quotes", `Azerbaijan's army and Karabakh's people, in the '90s, Azerbaijan’s view.`,
			[]found{{"Azerbaijan's", "Azerbaijan", "own"}, {"Karabakh's", "Karabakh", "own"}, {"Azerbaijan’s", "Azerbaijan", "own"}}},
		{"a quote over two paragraphs", "\"We thank the peacekeepers.\n\"The Lachin corridor must stay open,\" he said.\nKarabakh is calm.",
			[]found{{"peacekeepers", "peacekeepers", "quoted"}, {"Lachin corridor", "Lachin corridor", "quoted"}, {"Karabakh", "Karabakh", "own"}}},
		{"an unclosed quote ends with its paragraph", "He spoke of \"the peacekeepers and others in the region for years\nKarabakh is calm.",
			[]found{{"peacekeepers", "peacekeepers", "quoted"}, {"Karabakh", "Karabakh", "own"}}},
		{"a quote inside a quote is the outer speaker's", `"They call it 'the Lachin corridor' in Karabakh," he said.`,
			[]found{{"Lachin corridor", "Lachin corridor", "quoted"}, {"Karabakh", "Karabakh", "quoted"}}},
		{"a short quote after a speech verb is quoted", `He called the peacekeepers "the Lachin corridor guards" today.`,
			[]found{{"peacekeepers", "peacekeepers", "own"}, {"Lachin corridor", "Lachin corridor", "quoted"}}},
		{"so-called makes a scare quote, whatever called looks like", `Azerbaijan began so-called "counter-terrorism measures" in Karabakh.`,
			[]found{{"Azerbaijan", "Azerbaijan", "own"}, {"counter-terrorism measures", "counter-terrorism measures", "scare"}, {"Karabakh", "Karabakh", "own"}}},
		{"a quote that opens inside a match gives it its voice", `The Lachin "corridor" reopened.`,
			[]found{{"Lachin \"corridor", "Lachin corridor", "scare"}}},
		{"so-called with single quotes", `The so-called 'Lachin corridor' reopened.`,
			[]found{{"Lachin corridor", "Lachin corridor", "scare"}}},
		{"so-called in Russian", `Так называемый «Lachin corridor» закрыт.`,
			[]found{{"Lachin corridor", "Lachin corridor", "scare"}}},
		{"a verb of saying inside a short quote makes it speech", "The minister's words, \"Azerbaijan said no\", ended it.",
			[]found{{"Azerbaijan", "Azerbaijan", "quoted"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyze(m, tt.text)
			if !equalFound(got, tt.want) {
				t.Errorf("Analyze(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestSentencesSurviveAbbreviationsQuotesAndHeadlines(t *testing.T) {
	text := "Advancing Russia-Armenia relations\n" +
		"The cease-fire of Nov. 10, 2020 held. U.S. officials agreed. Mr. Smith left!\n" +
		"\"It is calm,\" he said. \"Yes.\" Then 3 more came? No.\n" +
		"Trade rose by 25-30%. -"
	var got []string
	for _, s := range framing.Sentences(text) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{
		"Advancing Russia-Armenia relations",
		"The cease-fire of Nov. 10, 2020 held.",
		"U.S. officials agreed.",
		"Mr. Smith left!",
		"\"It is calm,\" he said.",
		"\"Yes.\"",
		"Then 3 more came?",
		"No.",
		"Trade rose by 25-30%. -",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

func TestTokensAreWordsWithByteOffsets(t *testing.T) {
	text := "Azerbaijan's “44-day war” — Нагорный\u00a0Карабах, l'été."
	var got []string
	for _, tok := range framing.Tokenize(text, nil) {
		got = append(got, text[tok.Start:tok.End])
	}
	want := []string{"Azerbaijan's", "44", "day", "war", "Нагорный", "Карабах", "l'été"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tokens: got %q want %q", got, want)
	}
}

func TestHugeInputIsAnalysedWhole(t *testing.T) {
	m := testMatcher(t, "Lachin corridor")
	text := strings.Repeat("Traffic on the Lachin corridor resumed. ", 50_000) // 2 MB
	a := m.Analyze(text)
	if len(a.Matches) != 50_000 || len(a.Sentences) != 50_000 {
		t.Errorf("got %d matches and %d sentences, want 50000 each", len(a.Matches), len(a.Sentences))
	}
	last := a.Matches[len(a.Matches)-1]
	if text[last.Start:last.End] != "Lachin corridor" || last.Sentence != 49_999 {
		t.Errorf("last match %+v", last)
	}
}

// Matching happens in batches of keyed words, cut only where a word
// without a key ends a run: a run longer than a batch must still match
// whole, phrases across the batch size included.
func TestALongRunOfTermWordsWithNothingElseBetweenMatchesWhole(t *testing.T) {
	m := testMatcher(t, "Lachin corridor", "corridor")
	for _, text := range []string{
		strings.Repeat("Lachin corridor ", 3000),
		strings.Repeat("corridor ", 1001) + strings.Repeat("Lachin corridor ", 1000),
		strings.Repeat("Lachin corridor ", 255) + "corridor " + strings.Repeat("Lachin corridor ", 1000) + "traffic",
	} {
		a := m.Analyze(text)
		want := strings.Count(text, "Lachin corridor") + strings.Count(text, "corridor") - strings.Count(text, "Lachin corridor")
		if len(a.Matches) != want {
			t.Fatalf("%d matches, want %d", len(a.Matches), want)
		}
		for k, match := range a.Matches {
			if k > 0 && match.Start < a.Matches[k-1].End {
				t.Fatalf("match %d overlaps the one before", k)
			}
			if match.Surface != "Lachin corridor" && match.Surface != "corridor" {
				t.Fatalf("match %d is %q", k, match.Surface)
			}
			if match.Surface == "corridor" && match.Start > 0 && strings.HasSuffix(text[:match.Start], "Lachin ") {
				t.Fatalf("match %d at %d is the shorter phrase inside the longer", k, match.Start)
			}
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

func TestSpeechVerbsInAnyCaseAndScriptMakeAQuoteReportedSpeech(t *testing.T) {
	m := testMatcher(t, "Lachin corridor")
	for _, text := range []string{
		`Заявил он: «Lachin corridor» открыт.`,
		`«Lachin corridor», Заявил министр.`,
		`"Lachin corridor", SAID the minister.`,
	} {
		if got := analyze(m, text); len(got) != 1 || got[0].voice != framing.VoiceQuoted {
			t.Errorf("Analyze(%q) = %v, want the corridor quoted", text, got)
		}
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
