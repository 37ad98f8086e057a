package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
	"framelens/static"
)

func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestHomeShowsAnEmptyStateThenEventsWithCountsAndOutlets(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := newBrowser(t)
	resp, body := get(t, c, srv.URL+"/")
	if resp.StatusCode != 200 || !strings.Contains(body, "No events yet") || doc(t, body).Find(`a[href="/events/new"]`).Length() < 2 {
		t.Fatalf("empty home: %d", resp.StatusCode)
	}
	srv, _ = newSeededServer(t)
	_, body = get(t, c, srv.URL+"/")
	d := doc(t, body)
	if d.Find("[data-testid=event-list] li").Length() != 1 || strings.TrimSpace(d.Find("[data-testid=article-count]").Text()) != "3 articles" ||
		!strings.Contains(d.Find(".outlets").Text(), "Anadolu Agency") {
		t.Errorf("home with the demo event: %s", d.Find("[data-testid=event-list]").Text())
	}
}

func TestCreatingAnEventThroughTheFormKeepsInputOnErrors(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := newBrowser(t)
	resp, body := get(t, c, srv.URL+"/events/new")
	d := doc(t, body)
	if resp.StatusCode != 200 || d.Find("#f-title").Length() != 1 || d.Find("#f-date").Length() != 1 || d.Find("#f-description").Length() != 1 {
		t.Fatalf("new event form: %d", resp.StatusCode)
	}
	resp, body = postForm(t, c, srv.URL+"/events", url.Values{"title": {""}, "date": {"2022-09-07"}, "description": {"Typed <b>text</b>"}})
	d = doc(t, body)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("invalid event: %d", resp.StatusCode)
	}
	if d.Find(`.error-summary a[href="#f-title"]`).Length() != 1 || !strings.Contains(d.Find("#f-title-error").Text(), "Title is required") {
		t.Error("the error is not next to the title and in the summary")
	}
	if _, ok := d.Find("#f-title").Attr("aria-invalid"); !ok {
		t.Error("the title is not marked aria-invalid")
	}
	if v, _ := d.Find("#f-date").Attr("value"); v != "2022-09-07" || d.Find("#f-description").Text() != "Typed <b>text</b>" {
		t.Error("the form lost what was typed")
	}
	resp, _ = postForm(t, c, srv.URL+"/events", url.Values{"title": {"Lachin corridor closed"}, "date": {"2022-12-12"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/events/") {
		t.Fatalf("create: %d %q", resp.StatusCode, loc)
	}
	_, body = get(t, c, srv.URL+loc)
	if !strings.Contains(body, "Lachin corridor closed") || !strings.Contains(body, "No articles yet") {
		t.Error("the new event page lacks its title or its empty state")
	}
}

func TestTheEventPageShowsArticlesSideBySideAndEscapesWhatPeopleTyped(t *testing.T) {
	srv, st := newSeededServer(t)
	c := newBrowser(t)
	_, body := get(t, c, srv.URL+"/events/1")
	d := doc(t, body)
	if d.Find("[data-testid=article]").Length() != 3 || d.Find("[data-testid=article] .badge--illustrative").Length() != 2 {
		t.Errorf("demo event: %d articles, %d illustrative badges", d.Find("[data-testid=article]").Length(), d.Find(".badge--illustrative").Length())
	}
	if d.Find("[data-testid=article]").First().Find(".badge--illustrative").Length() != 0 {
		t.Error("the real Anadolu article is labelled illustrative")
	}
	hostile := framing.ArticleInput{Outlet: `<img src=x onerror=alert(1)>`, Headline: `<script>alert("h")</script>`,
		URL: "https://example.org/?q=<x>", Language: "en", Body: `Text with <script>alert("b")</script> and "quotes" & more words.`}
	if _, err := st.AddArticle(t.Context(), 1, hostile); err != nil {
		t.Fatal(err)
	}
	_, body = get(t, c, srv.URL+"/events/1")
	if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
		t.Error("hostile text reached the page as markup")
	}
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;h&#34;)&lt;/script&gt;") && !strings.Contains(body, "&lt;script&gt;alert(&quot;h&quot;)&lt;/script&gt;") {
		t.Error("the hostile headline is not shown as text")
	}
	for _, path := range []string{"/events/999", "/events/abc", "/events/-1"} {
		resp, body := get(t, c, srv.URL+path)
		if resp.StatusCode != http.StatusNotFound || doc(t, body).Find("[data-testid=error-page]").Length() != 1 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
}

func TestThePasteFormAddsAnArticleOrExplainsWhyNot(t *testing.T) {
	srv, _ := newSeededServer(t)
	c := newBrowser(t)
	resp, body := get(t, c, srv.URL+"/events/1/articles/new")
	d := doc(t, body)
	if resp.StatusCode != 200 {
		t.Fatalf("form: %d", resp.StatusCode)
	}
	if v, _ := d.Find("#f-language").Attr("value"); v != "en" {
		t.Errorf("language defaults to %q", v)
	}
	if d.Find(`#outlets option[value="Anadolu Agency"]`).Length() != 1 {
		t.Error("remembered outlets are not offered")
	}
	typed := url.Values{"outlet": {"Classroom Gazette"}, "headline": {"Leaders meet"}, "url": {"not a url"},
		"published": {"2022-09-07"}, "language": {"en"}, "byline": {"A. Student"}, "illustrative": {"1"},
		"body": {"The two leaders met in Vladivostok and talked about the region."}}
	resp, body = postForm(t, c, srv.URL+"/events/1/articles", typed)
	d = doc(t, body)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find("#f-url-error").Text(), "http") {
		t.Fatalf("bad URL: %d", resp.StatusCode)
	}
	for _, f := range []string{"outlet", "headline", "url", "published", "language", "byline"} {
		if v, _ := d.Find("#f-" + f).Attr("value"); v != typed.Get(f) {
			t.Errorf("field %s kept %q, typed %q", f, v, typed.Get(f))
		}
	}
	if d.Find("#f-body").Text() != typed.Get("body") {
		t.Error("the body was lost")
	}
	if _, ok := d.Find("#f-illustrative").Attr("checked"); !ok {
		t.Error("the illustrative box was unticked")
	}
	typed.Set("url", "https://example.org/gazette")
	resp, _ = postForm(t, c, srv.URL+"/events/1/articles", typed)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/events/1#article-") {
		t.Fatalf("add: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = postForm(t, c, srv.URL+"/events/1/articles", typed)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(doc(t, body).Find("#f-body-error").Text(), "already in the event") {
		t.Errorf("duplicate: %d", resp.StatusCode)
	}
	big := url.Values{"outlet": {"X"}, "headline": {"Y"}, "language": {"en"}, "body": {strings.Repeat("word ", framing.MaxBodyBytes/5+10)}}
	resp, body = postForm(t, c, srv.URL+"/events/1/articles", big)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "the limit is 2 MB") || !strings.Contains(body, `value="Y"`) {
		t.Errorf("oversized text: %d", resp.StatusCode)
	}
	for _, path := range []string{"/events/999/articles/new", "/events/x/articles/new"} {
		if resp, _ := get(t, c, srv.URL+path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp, _ := postForm(t, c, srv.URL+"/events/999/articles", typed); resp.StatusCode != http.StatusNotFound {
		t.Errorf("post to a missing event: %d", resp.StatusCode)
	}
}

type apiErr struct{ Error, Field string }

func apiCall(t *testing.T, method, u, body string) (int, apiErr, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw json.RawMessage
	json.NewDecoder(resp.Body).Decode(&raw)
	var e apiErr
	json.Unmarshal(raw, &e)
	if resp.StatusCode >= 400 && (e.Error == "" || strings.Contains(string(raw), ".go:") || strings.Contains(strings.ToLower(string(raw)), "sqlite")) {
		t.Errorf("%s %s: error body %s", method, u, raw)
	}
	return resp.StatusCode, e, raw
}

func TestTheEventsAPIAnswersEveryCaseWithTheRightStatusAndField(t *testing.T) {
	srv, _ := newEmptyServer(t)
	status, _, raw := apiCall(t, "GET", srv.URL+"/api/events", "")
	if status != 200 || string(raw) != `{"events":[]}` {
		t.Errorf("empty list: %d %s", status, raw)
	}
	tooBig := `{"title":"` + strings.Repeat("x", 9<<20) + `"}`
	eventCases := []struct {
		body   string
		status int
		field  string
	}{
		{`{"title": "", "date": "2022-09-07"}`, 422, "title"},
		{`{"title": "T", "date": "yesterday"}`, 422, "date"},
		{`{"title": 5}`, 400, "title"},
		{`{"title": "T"`, 400, ""},
		{``, 400, ""},
		{"{\"title\": \"\xff\"}", 400, ""},
		{`{"title": "A"} {"title": "B"}`, 400, ""},
		{tooBig, 413, ""},
	}
	for _, tc := range eventCases {
		status, e, _ := apiCall(t, "POST", srv.URL+"/api/events", tc.body)
		if status != tc.status || e.Field != tc.field {
			t.Errorf("POST /api/events %.40q: %d %+v, want %d %q", tc.body, status, e, tc.status, tc.field)
		}
	}
	status, _, raw = apiCall(t, "POST", srv.URL+"/api/events", `{"title":"Vladivostok","description":"d","date":"2022-09-07","extra":1}`)
	var ev struct {
		ID    int64
		Title string
	}
	json.Unmarshal(raw, &ev)
	if status != 201 || ev.ID == 0 {
		t.Fatalf("create: %d %s", status, raw)
	}
	base := srv.URL + "/api/events/" + itoa(ev.ID)
	status, _, raw = apiCall(t, "GET", base, "")
	if status != 200 || !strings.Contains(string(raw), `"articles":[]`) {
		t.Errorf("get: %d %s", status, raw)
	}
	good := `{"outlet":"Asbarez","headline":"H","url":"https://example.org","published":"2022-09-07","language":"en","body":"The leaders met in Vladivostok on Wednesday."}`
	articleCases := []struct {
		url, body string
		status    int
		field     string
	}{
		{base + "/articles", good, 201, ""},
		{base + "/articles", good, 409, "body"},
		{base + "/articles", `{"outlet":"A","headline":"H","language":"en","body":"short"}`, 422, "body"},
		{base + "/articles", `{"outlet":"A","headline":"H","language":"en","body":"` + strings.Repeat("a", framing.MaxBodyBytes+1) + `"}`, 413, "body"},
		{base + "/articles", `{"outlet":["A"]}`, 400, "outlet"},
		{srv.URL + "/api/events/999/articles", good, 404, ""},
		{srv.URL + "/api/events/abc/articles", good, 404, ""},
	}
	for _, tc := range articleCases {
		status, e, _ := apiCall(t, "POST", tc.url, tc.body)
		if status != tc.status || e.Field != tc.field {
			t.Errorf("POST %s %.50q: %d %+v, want %d %q", tc.url, tc.body, status, e, tc.status, tc.field)
		}
	}
	status, _, raw = apiCall(t, "GET", base, "")
	if status != 200 || strings.Count(string(raw), `"outlet"`) != 1 {
		t.Errorf("after the refusals the event has: %s", raw)
	}
	for _, path := range []string{"/api/events/999", "/api/events/x", "/api/nothing"} {
		if status, _, _ := apiCall(t, "GET", srv.URL+path, ""); status != 404 {
			t.Errorf("GET %s: %d", path, status)
		}
	}
}

func TestHealthStaticFilesHeadersAndUnknownPages(t *testing.T) {
	srv, st := newEmptyServer(t)
	c := newBrowser(t)
	resp, body := get(t, c, srv.URL+"/healthz")
	if resp.StatusCode != 200 || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	for _, h := range []string{"X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-Id"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	if !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("CSP allows framing")
	}
	resp, body = get(t, c, srv.URL+static.URL("app.css"))
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") ||
		!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.Contains(body, ".columns") {
		t.Errorf("versioned css: %d %s", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	if resp, _ := get(t, c, srv.URL+"/static/app.css"); resp.Header.Get("Cache-Control") != "no-cache" {
		t.Error("an unversioned static URL is cached for good")
	}
	if resp, _ := get(t, c, srv.URL+"/static/htmx.min.js"); resp.StatusCode != 200 {
		t.Error("htmx is not served")
	}
	for _, path := range []string{"/static/nope.css", "/static/../go.mod", "/static/", "/no/such/page"} {
		resp, _ := get(t, c, srv.URL+path)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("HEAD", srv.URL+"/", nil)
	if r, err := c.Do(req); err != nil || r.StatusCode != 200 {
		t.Errorf("HEAD /: %v", err)
	}
	st.Close()
	resp, body = get(t, c, srv.URL+"/healthz")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "unavailable") {
		t.Errorf("healthz with the database closed: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, c, srv.URL+"/")
	if resp.StatusCode != 500 || !strings.Contains(body, "Something went wrong") || strings.Contains(body, "sql") {
		t.Errorf("home with the database closed: %d", resp.StatusCode)
	}
}

func TestBlindModeHidesEveryOutletNameLinkAndByline(t *testing.T) {
	srv, st := newSeededServer(t)
	if _, err := st.AddArticle(t.Context(), 1, framing.ArticleInput{Outlet: "Asbarez", Headline: "Asbarez reports on the talks",
		Byline: "Staff writer", URL: "https://example.org/asbarez", Language: "en",
		Body: "ASBAREZ has learned that the leaders met in Vladivostok."}); err != nil {
		t.Fatal(err)
	}
	c := newBrowser(t)
	_, open := get(t, c, srv.URL+"/events/1")
	if !strings.Contains(open, "Anadolu Agency") || doc(t, open).Find("[data-testid=blind]").Length() != 1 {
		t.Fatal("the open page lacks the outlet or the blind-mode switch")
	}
	resp, blind := get(t, c, srv.URL+"/events/1?blind=1")
	if resp.StatusCode != 200 {
		t.Fatalf("blind: %d", resp.StatusCode)
	}
	for _, name := range []string{"Anadolu Agency", "Illustrative rewrite: Armenian usage", "Illustrative rewrite: wire-service style",
		"Asbarez", "ASBAREZ", "Staff writer", "example.org"} {
		if strings.Contains(blind, name) {
			t.Errorf("blind mode still shows %q", name)
		}
	}
	d := doc(t, blind)
	var outlets []string
	d.Find(".column__outlet").Each(func(_ int, s *goquery.Selection) { outlets = append(outlets, s.Text()) })
	if strings.Join(outlets, ",") != "Outlet A,Outlet B,Outlet C,Outlet D" {
		t.Errorf("aliases %v", outlets)
	}
	if !strings.Contains(d.Find("[data-testid=article]").Last().Text(), "Outlet D has learned") {
		t.Error("an outlet named in its own text is not masked with its alias")
	}
	if reveal, _ := d.Find("[data-testid=reveal]").Attr("href"); reveal != "/events/1" {
		t.Errorf("reveal link %q", reveal)
	}
}

func TestEachArticleShowsAFramingProfileOfOwnWordsAndQuotes(t *testing.T) {
	srv, _ := newSeededServer(t)
	_, body := get(t, newBrowser(t), srv.URL+"/events/1")
	d := doc(t, body)
	profiles := d.Find("[data-testid=article] [data-testid=profile]")
	if profiles.Length() != 3 {
		t.Fatalf("%d profiles, want one per article", profiles.Length())
	}
	first := profiles.First()
	own, _ := first.Find("svg").Eq(0).Attr("aria-label")
	quoted, _ := first.Find("svg").Eq(1).Attr("aria-label")
	if !strings.HasPrefix(own, "Own words: ") || !strings.Contains(own, "Azerbaijani official") {
		t.Errorf("Anadolu own words: %q", own)
	}
	if !strings.HasPrefix(quoted, "Quoted: ") || !strings.Contains(quoted, "International wire style") || strings.Contains(quoted, "Azerbaijani official") {
		t.Errorf("Anadolu quoted: %q", quoted)
	}
	if first.Find("rect").Length() < 3 {
		t.Error("the bars have no segments")
	}
}

func TestTheEventPageLaysOutEightArticles(t *testing.T) {
	srv, st := newSeededServer(t)
	for i := range 5 {
		in := framing.ArticleInput{Outlet: "Outlet number " + string(rune('1'+i)), Headline: "Talks", Language: "en",
			Body: strings.Repeat("Azerbaijan recaptured the town; Armenians call it Shushi. ", i+1) + "Report " + string(rune('1'+i)) + "."}
		if _, err := st.AddArticle(t.Context(), 1, in); err != nil {
			t.Fatal(err)
		}
	}
	_, body := get(t, newBrowser(t), srv.URL+"/events/1")
	d := doc(t, body)
	if n := d.Find("[data-testid=article]").Length(); n != 8 {
		t.Fatalf("%d article columns, want 8", n)
	}
	d.Find("table.cmp").Each(func(_ int, tbl *goquery.Selection) {
		if n := tbl.Find("thead th").Length(); n != 9 {
			t.Errorf("a comparison table has %d header cells, want the concept and 8 articles", n)
		}
		tbl.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			if n := tr.Find("td").Length(); n != 8 {
				t.Errorf("row %q has %d cells", strings.TrimSpace(tr.Find("th").Text()), n)
			}
		})
	})
}
