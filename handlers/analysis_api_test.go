package handlers_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"framelens/analysis"
	"framelens/demo"
	"framelens/fetch"
	"framelens/framing"
	"framelens/handlers"
	"framelens/importjobs"
	"framelens/lexicons"
)

// newSeededServer serves a database with the shipped lexicons and the demo
// event, as a first start of the app has.
func newSeededServer(t testing.TB) (*httptest.Server, testStore) {
	t.Helper()
	srv, st := newEmptyServer(t)
	ctx := context.Background()
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	ev, articles, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedEvent(ctx, demo.SeedName, ev, articles); err != nil {
		t.Fatal(err)
	}
	return srv, st
}

// newEmptyServer serves a new, empty database.
func newEmptyServer(t testing.TB) (*httptest.Server, testStore) {
	t.Helper()
	return newServerOver(t, nil)
}

// storesOf is the store seen through every interface of the handlers.
func storesOf(st testStore) handlers.Stores {
	return handlers.Stores{EventStore: st, OutletStore: st, LexiconStore: st, AccountStore: st, ClassroomStore: st, Health: st}
}

// newServerOver serves a new, empty database through the stores that wrap
// replaces (with a store that fails or ages on demand), or the store itself
// when wrap is nil.
func newServerOver(t testing.TB, wrap func(testStore, *handlers.Stores)) (*httptest.Server, testStore) {
	t.Helper()
	st := openTestStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	analyzer := analysis.New(st, log)
	imports := importjobs.New(st, analyzer.Refresh)
	// Tests fetch from httptest servers on loopback, as with -allow-private-fetch.
	fetcher := fetch.New(fetch.Options{AllowPrivate: true})
	served := storesOf(st)
	if wrap != nil {
		wrap(st, &served)
	}
	srv := httptest.NewServer(handlers.New(handlers.Deps{Stores: served, Analyzer: analyzer, Imports: imports, Fetcher: fetcher, Log: log}))
	t.Cleanup(func() {
		srv.Close()
		imports.Close()
		analyzer.Close()
		st.Close()
	})
	return srv, st
}

func postJSON(t *testing.T, url string, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

type analyzeResult struct {
	Matches []struct {
		Start, End  int
		Surface     string
		Term        string
		Concept     string
		ConceptID   int64 `json:"concept_id"`
		Category    string
		Perspective string
		Voice       string
		Sentence    int
	}
}

func TestAnalyzeReturnsEveryMatchWithByteOffsetsIntoTheTextAsSent(t *testing.T) {
	srv, _ := newSeededServer(t)
	text := `В Степанакерте. Azerbaijan launched 'counter-terrorism measures' in Khankendi, which Armenians call Stepanakert.`
	body, _ := json.Marshal(map[string]string{"text": text, "language": "en"})
	resp, data := postJSON(t, srv.URL+"/api/analyze", string(body))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	var got analyzeResult
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	want := []struct{ surface, concept, perspective, voice string }{
		{"Степанакерте", "The region's main city", "Armenian", "own"},
		{"counter-terrorism measures", "The September 2023 operation", "Azerbaijani official", "scare"},
		{"Khankendi", "The region's main city", "Azerbaijani official", "own"},
		{"Stepanakert", "The region's main city", "International wire style", "own"},
	}
	if len(got.Matches) != len(want) {
		t.Fatalf("got %d matches, want %d: %s", len(got.Matches), len(want), data)
	}
	for i, w := range want {
		m := got.Matches[i]
		if text[m.Start:m.End] != m.Surface || m.Surface != w.surface || m.Concept != w.concept ||
			m.Perspective != w.perspective || m.Voice != w.voice || m.ConceptID == 0 || m.Category == "" {
			t.Errorf("match %d = %+v, want %+v", i, m, w)
		}
	}
	if got.Matches[0].Sentence != 0 || got.Matches[3].Sentence != 1 {
		t.Errorf("sentences: %d and %d, want 0 and 1", got.Matches[0].Sentence, got.Matches[3].Sentence)
	}
}

func TestAnalyzeRefusesBadInputWithAFieldAndAReason(t *testing.T) {
	srv, _ := newSeededServer(t)
	huge, _ := json.Marshal(map[string]string{"text": strings.Repeat("a", framing.MaxBodyBytes+1)})
	tests := []struct {
		name   string
		body   string
		status int
		field  string
	}{
		{"empty text", `{"text": "   "}`, 422, "text"},
		{"no text", `{}`, 422, "text"},
		{"bad language", `{"text": "Stepanakert", "language": "english!"}`, 422, "language"},
		{"not JSON", `text=Stepanakert`, 400, ""},
		{"wrong type", `{"text": 5}`, 400, "text"},
		{"text over the limit", string(huge), 413, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, data := postJSON(t, srv.URL+"/api/analyze", tt.body)
			var e struct{ Error, Field string }
			if err := json.Unmarshal(data, &e); err != nil {
				t.Fatalf("error body is not JSON: %s", data)
			}
			if resp.StatusCode != tt.status || e.Field != tt.field || e.Error == "" {
				t.Errorf("status %d field %q error %q; want %d %q", resp.StatusCode, e.Field, e.Error, tt.status, tt.field)
			}
		})
	}
}

type comparisonResult struct {
	Event    struct{ ID int64 }
	Articles []struct {
		ID     int64
		Outlet string
	}
	Rows []struct {
		ConceptID int64 `json:"concept_id"`
		Concept   string
		Category  string
		Differs   bool
		Cells     []struct {
			ArticleID int64 `json:"article_id"`
			Terms     []struct {
				Term        string
				Perspective string
				Count       int
				Voices      struct{ Own, Quoted, Scare int }
				Contexts    []struct{ Before, Match, After, Voice string }
			}
		}
	}
}

func getComparison(t *testing.T, url string) comparisonResult {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	var c comparisonResult
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestComparisonOfTheDemoEventPutsDifferingWordingsFirst(t *testing.T) {
	srv, _ := newSeededServer(t)
	c := getComparison(t, srv.URL+"/api/events/1/comparison")
	if len(c.Articles) != 3 || c.Articles[0].Outlet != "Anadolu Agency" {
		t.Fatalf("articles = %+v", c.Articles)
	}
	seenAgreement := false
	var changes *int
	for i, r := range c.Rows {
		if len(r.Cells) != 3 {
			t.Fatalf("row %q has %d cells, want one per article", r.Concept, len(r.Cells))
		}
		if !r.Differs {
			seenAgreement = true
		} else if seenAgreement {
			t.Errorf("row %q differs but comes after an agreement row", r.Concept)
		}
		if r.Concept == "The 2020 territorial changes" {
			changes = &i
		}
	}
	if changes == nil {
		t.Fatal("no row for the 2020 territorial changes")
	}
	row := c.Rows[*changes]
	var terms []string
	for _, cell := range row.Cells {
		terms = append(terms, cell.Terms[0].Term+"/"+cell.Terms[0].Perspective)
		ctx := cell.Terms[0].Contexts[0]
		if ctx.Match == "" || ctx.Before == "" || ctx.Voice != "own" {
			t.Errorf("context %+v", ctx)
		}
	}
	if got := strings.Join(terms, " | "); got != "liberated/Azerbaijani official | captured territory/Common to all sides | recaptured/International wire style" {
		t.Errorf("2020 changes row: %s", got)
	}
	if !row.Differs {
		t.Error("liberated/captured/recaptured must be a row that differs")
	}
}

func TestComparisonOfAnEmptyEventHasNoRowsAndAMissingEventIs404(t *testing.T) {
	srv, _ := newSeededServer(t)
	resp, data := postJSON(t, srv.URL+"/api/events", `{"title": "Nothing yet"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create event: %d %s", resp.StatusCode, data)
	}
	var ev struct{ ID int64 }
	json.Unmarshal(data, &ev)
	c := getComparison(t, srv.URL+"/api/events/"+itoa(ev.ID)+"/comparison")
	if len(c.Rows) != 0 || len(c.Articles) != 0 || c.Event.ID != ev.ID {
		t.Errorf("empty event comparison = %+v", c)
	}
	for _, path := range []string{"/api/events/999/comparison", "/api/events/x/comparison"} {
		r, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusNotFound || !bytes.Contains(b, []byte(`"error"`)) {
			t.Errorf("%s: %d %s", path, r.StatusCode, b)
		}
	}
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestComparisonExportsAsCSVOneLinePerTermOrSilentArticle(t *testing.T) {
	srv, _ := newSeededServer(t)
	resp, err := http.Get(srv.URL + "/api/events/1/comparison?format=csv")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	records, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c := getComparison(t, srv.URL+"/api/events/1/comparison")
	want := 1
	for _, r := range c.Rows {
		for _, cell := range r.Cells {
			want += max(1, len(cell.Terms))
		}
	}
	if len(records) != want {
		t.Fatalf("%d lines, want a header and one per term or silent article: %d", len(records), want)
	}
	found := false
	for _, r := range records[1:] {
		if r[1] == "The 2020 territorial changes" && r[6] == "Anadolu Agency" {
			found = r[7] == "liberated" && r[8] == "Azerbaijani official" && r[9] == "1" && r[10] == "1" && r[4] == "true"
		}
		if r[7] == "" && r[9] != "0" {
			t.Errorf("a not-mentioned cell has a count: %v", r)
		}
	}
	if !found {
		t.Error("no line says Anadolu Agency wrote 'liberated' once in its own words")
	}
	if r, _ := http.Get(srv.URL + "/api/events/1/comparison?format=pdf"); r.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown format: %d", r.StatusCode)
	}
}
