package handlers_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

// rowsOf is the concepts of the comparison table on an event page.
func rowsOf(t *testing.T, r reply) []string {
	t.Helper()
	var out []string
	r.doc().Find("[data-testid=comparison-row] th").Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.TrimSpace(s.Text()))
	})
	return out
}

// The comparison page is kept once rendered, and every change it is drawn
// from shows at once: an article changed in the database directly (as the
// import command does), a lexicon edit, blind mode, and who is looking.
func TestTheKeptComparisonPageShowsEveryChangeAtOnce(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	id := ts.createEvent("Cache", "", "")
	north := ts.addArticle(id, validArticle("North Daily", "In the north", "The council of Northburg met on Monday."))
	ts.addArticle(id, validArticle("South Post", "In the south", "The council of Southville met on Monday."))

	first := ts.get(pagePath(id)).wantStatus(http.StatusOK)
	if again := ts.get(pagePath(id)).wantStatus(http.StatusOK); again.Body != first.Body {
		t.Fatal("the same page twice differs")
	}
	if strings.Contains(first.Body, "Bluewater") {
		t.Fatal("the river is on the page before any article names it")
	}

	in := validArticle("North Daily", "In the north", "The council of Northburg met on Monday by the Bluewater.")
	if _, err := ts.Store.UpdateArticle(ctx, north.ID, id, in); err != nil {
		t.Fatal(err)
	}
	edited := ts.get(pagePath(id)).wantStatus(http.StatusOK)
	if !strings.Contains(edited.Body, "met on Monday by the ") || !slicesContain(rowsOf(t, edited), "The river") {
		t.Fatalf("after an edit in the database the page still shows the old text; rows %v", rowsOf(t, edited))
	}

	river := lex.Concepts[1]
	if _, err := ts.Store.CreateTerm(ctx, lex.ID, river.ID, framing.Term{Phrase: "council", Language: "en", Perspective: "south",
		Match: framing.MatchWord, Note: "Not a river, for the test.", SourceURL: "https://example.org/council"}); err != nil {
		t.Fatal(err)
	}
	relexed := ts.get(pagePath(id)).wantStatus(http.StatusOK)
	if !strings.Contains(relexed.Body, "Not a river, for the test.") {
		t.Fatal("after a lexicon edit the page does not mark the new term")
	}

	blind := ts.get(pagePath(id) + "?blind=1").wantStatus(http.StatusOK)
	if strings.Contains(blind.Body, "North Daily") || !strings.Contains(ts.get(pagePath(id)).Body, "North Daily") {
		t.Fatal("blind mode and the open page are mixed up")
	}

	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	if page := teacher.get(pagePath(id)); !strings.Contains(page.Body, "teacher1") || page.doc().Find("[data-testid=import]").Length() != 1 {
		t.Fatal("a logged-in teacher gets the visitor's page")
	}
	if strings.Contains(ts.get(pagePath(id)).Body, "teacher1") {
		t.Fatal("a visitor gets the teacher's page")
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A browser that takes gzip gets the page gzipped, and the same page as
// one that does not; both answers say they vary with Accept-Encoding.
func TestTheComparisonPageIsGzippedForClientsThatTakeIt(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Gzip", "", "")
	ts.addArticle(id, validArticle("North Daily", "In the north", "The council of Northburg met on Monday."))
	raw := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(encoding string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+pagePath(id), nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := raw.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("Accept-Encoding %q: %d, Vary %q", encoding, resp.StatusCode, resp.Header.Get("Vary"))
		}
		return resp, body
	}
	_, plain := get("")
	for _, enc := range []string{"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8"} {
		resp, body := get(enc)
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%q: Content-Encoding %q", enc, resp.Header.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		unpacked, _ := io.ReadAll(zr)
		if string(unpacked) != string(plain) {
			t.Fatalf("%q: the gzipped page is not the page", enc)
		}
	}
	for _, enc := range []string{"", "identity", "gzip;q=0", "br"} {
		if resp, _ := get(enc); resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("%q: Content-Encoding %q", enc, resp.Header.Get("Content-Encoding"))
		}
	}
}

// The kept home page shows a new event and a new article at once, also
// when they were stored by another process.
func TestTheKeptHomePageShowsNewEventsAndArticlesAtOnce(t *testing.T) {
	ctx := context.Background()
	ts := newTestServer(t)
	id := ts.createEvent("First event", "", "")
	if home := ts.get("/").wantStatus(http.StatusOK); !strings.Contains(home.Body, "First event") || !strings.Contains(home.Body, "0 articles") {
		t.Fatalf("home page: %.2000s", home.Body)
	}
	if _, err := ts.Store.AddArticle(ctx, id, validArticle("North Daily", "In the north", "The council met on Monday.")); err != nil {
		t.Fatal(err)
	}
	if home := ts.get("/"); !strings.Contains(home.Body, "1 article") || !strings.Contains(home.Body, "North Daily") {
		t.Fatalf("the home page does not count the new article: %.2000s", home.Body)
	}
	if _, err := ts.Store.CreateEvent(ctx, framing.EventInput{Title: "Second event"}); err != nil {
		t.Fatal(err)
	}
	if home := ts.get("/"); !strings.Contains(home.Body, "Second event") {
		t.Fatal("the home page does not list the new event")
	}
}
