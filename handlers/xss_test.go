package handlers_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

// hostile are texts people could store to attack whoever reads them:
// scripts, event handlers, javascript: links, SVG, markup that breaks out
// of attributes and text areas, broken markup. Each sets window.__xss if it
// ever runs.
var hostile = []string{
	`<script>window.__xss=1</script>`,
	`<img src=x onerror="window.__xss=1">`,
	`<svg onload="window.__xss=1"><circle r="9"/></svg>`,
	`"><script>window.__xss=1</script>`,
	`'><img src=x onerror=window.__xss=1>`,
	`</textarea><script>window.__xss=1</script>`,
	`<a href="javascript:window.__xss=1">click</a>`,
	`<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
	`<b <i>unclosed {{ .Broken }} &amp; &lt;`,
}

// storeHostileData puts the corpus everywhere a person can type: event,
// outlet, headline, byline, article text, outlet country, lexicon concept
// and term, and an import file's name. It returns the event's id.
func storeHostileData(t *testing.T, ts *testServer) (int64, framing.Lexicon) {
	t.Helper()
	all := strings.Join(hostile, " ")
	ev := ts.createEvent("Event "+hostile[0], "2026-05-02", "About "+all)
	user := ts.loggedInAs("editor", "teacher")
	for i, h := range hostile {
		body, _ := json.Marshal(map[string]any{
			"outlet": "Outlet " + h, "headline": "Headline " + h, "byline": "By " + h, "language": "en",
			"outlet_country": "Land " + h[:min(len(h), 60)],
			"body": "Paragraph one says " + h + " about the Northburg bridge.\n\nParagraph two quotes \"" + h +
				"\" and repeats Northburg. Number " + string(rune('a'+i)) + ".", "allow_near_duplicate": true,
		})
		ts.postJSON(eventPath(ev)+"/articles", string(body)).wantStatus(http.StatusCreated)
	}
	lex := ts.seedLexicon()
	c := lex.Concepts[0]
	user.postForm(lexPath(lex.ID)+"/concepts/"+id64(c.ID), url.Values{"name": {"Concept " + hostile[1]},
		"category": {"places"}, "description": {"Described " + all}}).wantStatus(http.StatusSeeOther)
	term := c.Terms[0]
	user.postForm(lexPath(lex.ID)+"/terms/"+id64(term.ID), url.Values{"phrase": {term.Phrase}, "language": {"en"},
		"perspective": {term.Perspective}, "match": {"word"}, "note": {"Note " + all}, "neutral": {"Neutral " + hostile[3]},
		"source_url": {"https://example.org/source"}, "source_title": {"Source " + hostile[2]}}).wantStatus(http.StatusSeeOther)
	return ev, ts.lexicon(lex.ID)
}

// checkInert fails when a page holds markup that came from the corpus:
// scripts other than the app's own files, event-handler attributes,
// javascript: links, frames, SVG.
func checkInert(t *testing.T, page string, doc *goquery.Document) {
	t.Helper()
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if src, _ := s.Attr("src"); !strings.HasPrefix(src, "/static/") || strings.TrimSpace(s.Text()) != "" {
			t.Errorf("%s: a script that is not the app's: %q", page, goquery.NewDocumentFromNode(s.Nodes[0]).Text())
		}
	})
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		for _, a := range s.Nodes[0].Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s %s=%q>", page, s.Nodes[0].Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("%s: <%s %s=%q>", page, s.Nodes[0].Data, a.Key, a.Val)
			}
		}
	})
	if n := doc.Find("iframe, svg:not([aria-hidden]) circle, img[src=x]").Length(); n > 0 {
		t.Errorf("%s: %d elements made from stored text", page, n)
	}
}

func TestHostileTextShowsAsTextOnEveryPage(t *testing.T) {
	ts := newTestServer(t)
	ev, lex := storeHostileData(t, ts)
	articles := ts.eventDetail(ev).Articles
	user := ts.loggedInAs("reader", "teacher")

	// An import whose file name is hostile.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", hostile[1]+".jsonl")
	fw.Write([]byte(`{"outlet":"O","headline":"H","language":"en","body":"` + damBody + `"}` + "\n"))
	mw.Close()
	job := user.do(http.MethodPost, pagePath(ev)+"/import", mw.FormDataContentType(), &buf).wantStatus(http.StatusSeeOther).Header.Get("Location")

	pages := []string{
		"/", pagePath(ev), pagePath(ev) + "?blind=1",
		pagePath(ev) + "/distinctive?article=" + id64(articles[0].ID), pagePath(ev) + "/alignments",
		"/outlets", "/outlets/words?outlet=" + url.QueryEscape("Outlet "+hostile[0]),
		lexPath(lex.ID), lexPath(lex.ID) + "?q=" + url.QueryEscape(hostile[0]),
		lexPath(lex.ID) + "/concepts/" + id64(lex.Concepts[0].ID), lexPath(lex.ID) + "/terms/" + id64(lex.Concepts[0].Terms[0].ID),
		pagePath(ev) + "/articles/" + id64(articles[0].ID) + "/edit",
		"/lexicons/propose?phrase=" + url.QueryEscape(hostile[0]) + "&language=en&event=" + id64(ev) + "&article=" + id64(articles[0].ID),
		job, pagePath(ev) + "/articles/new",
	}
	for _, p := range pages {
		r := user.get(p)
		if r.Status != http.StatusOK {
			t.Errorf("GET %s: %d", p, r.Status)
			continue
		}
		checkInert(t, p, r.doc())
	}
	// The text is there, as text: the reader sees what was written.
	if doc := user.get(pagePath(ev)).doc(); !strings.Contains(doc.Text(), `<script>window.__xss=1</script>`) {
		t.Error("the hostile text is not shown as text on the event page")
	}
	// A form sent back with errors keeps hostile input inert too.
	r := user.postForm(pagePath(ev)+"/articles", url.Values{"outlet": {hostile[3]}, "headline": {hostile[5]}, "body": {hostile[5]}, "language": {hostile[1]}})
	checkInert(t, "article form with errors", r.doc())
	// So do error pages that repeat what was asked for.
	checkInert(t, "not found", user.get("/events/"+url.PathEscape(hostile[0])).doc())
}
