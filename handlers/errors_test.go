package handlers_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/static"
)

func TestAnUnknownPathIsA404HTMLErrorPage(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/no/such/page", "/events/1/nothing", "/api", "/static/"} {
		d := ts.get(path).wantErrorPage(http.StatusNotFound)
		if textOf(d.Find("h1")) != "Not found" || !strings.Contains(textOf(d.Find(".lead")), "no page at this address") {
			t.Errorf("%s: heading %q, lead %q", path, textOf(d.Find("h1")), textOf(d.Find(".lead")))
		}
		if d.Find("code").Length() != 0 {
			t.Errorf("%s: a 404 shows a request id meant for faults", path)
		}
	}
}

func TestAnUnknownAPIPathIsA404JSONError(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/api/nothing", "/api/events/1/nothing", "/api/", "/api/lexicons/1"} {
		e := ts.get(path).wantAPIError(http.StatusNotFound, "")
		if !strings.Contains(e.Error, "no page at this address") {
			t.Errorf("%s: error %q", path, e.Error)
		}
	}
}

func TestAMethodARouteDoesNotTakeIs405InTheRouteKindOfAnswer(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	r := ts.do(http.MethodDelete, "/api/events", "", nil)
	r.wantAPIError(http.StatusMethodNotAllowed, "")
	if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
		t.Errorf("Allow = %q", allow)
	}
	ts.do(http.MethodPut, eventPath(id), "application/json", strings.NewReader(`{"title":"X"}`)).wantAPIError(http.StatusMethodNotAllowed, "")
	ts.do(http.MethodPost, "/healthz", "", nil).wantAPIError(http.StatusMethodNotAllowed, "")
	ts.do(http.MethodPut, pagePath(id), "", nil).wantErrorPage(http.StatusMethodNotAllowed)
	ts.do(http.MethodPost, "/", "", nil).wantErrorPage(http.StatusMethodNotAllowed)
	if ev := ts.eventDetail(id); ev.Title != "Meeting" {
		t.Errorf("a refused method changed the event: %+v", ev.createdEvent)
	}
}

func TestAHeadRequestAnswersLikeGetWithoutABody(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	for _, tt := range []struct {
		path   string
		status int
		ctype  string
	}{
		{"/", http.StatusOK, "text/html"},
		{pagePath(id), http.StatusOK, "text/html"},
		{"/api/events", http.StatusOK, "application/json"},
		{"/healthz", http.StatusOK, "application/json"},
		{static.URL("app.css"), http.StatusOK, "text/css"},
		{"/no/such/page", http.StatusNotFound, ""},
		{"/api/events/999", http.StatusNotFound, ""},
	} {
		r := ts.do(http.MethodHead, tt.path, "", nil)
		if r.Status != tt.status {
			t.Errorf("HEAD %s: %d, want %d", tt.path, r.Status, tt.status)
		}
		if r.Body != "" {
			t.Errorf("HEAD %s has a body: %.100q", tt.path, r.Body)
		}
		if tt.ctype != "" && !strings.HasPrefix(r.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("HEAD %s: Content-Type %q, want %s", tt.path, r.Header.Get("Content-Type"), tt.ctype)
		}
	}
}

func TestAVersionedStaticFileIsCachedForGoodAndAnUnversionedOneIsRevalidated(t *testing.T) {
	ts := newTestServer(t)
	v := static.Version("app.css")
	if v == "" {
		t.Fatal("app.css has no version")
	}
	r := ts.get("/static/app.css?v=" + v).wantStatus(http.StatusOK)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
	}
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("versioned Cache-Control = %q", cc)
	}
	if !strings.Contains(r.Body, ".columns") {
		t.Error("the stylesheet is not served")
	}
	for _, q := range []string{"", "?v=", "?v=0123456789ab"} {
		r := ts.get("/static/app.css" + q).wantStatus(http.StatusOK)
		if cc := r.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("/static/app.css%s: Cache-Control = %q, want no-cache", q, cc)
		}
	}
	for _, name := range []string{"htmx.min.js", "favicon.svg"} {
		r := ts.get(static.URL(name)).wantStatus(http.StatusOK)
		if !strings.Contains(r.Header.Get("Cache-Control"), "immutable") || r.Body == "" {
			t.Errorf("%s: Cache-Control %q, %d bytes", name, r.Header.Get("Cache-Control"), len(r.Body))
		}
	}
}

func TestStaticServesOnlyTheEmbeddedFiles(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/static/nope.css", "/static/../go.mod", "/static/..%2fgo.mod", "/static/%2e%2e/go.mod",
		"/static/app.css/", "/static/static.go", "/static/htmx.LICENSE", "/static/./app.css"} {
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = path // sent as written, not cleaned
		r := ts.send(req)
		if r.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
		if strings.Contains(r.Body, "module framelens") || strings.Contains(r.Body, "package static") {
			t.Errorf("%s: served a source file", path)
		}
	}
}

func TestEveryKindOfResponseCarriesTheSecurityHeadersAndARequestID(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	user := ts.loggedInAs("boss", framing.RoleAdmin)
	// do checks the headers of every answer; this makes sure every kind
	// of answer is among them.
	answers := []reply{
		ts.get("/"),
		ts.get(pagePath(id)),
		ts.get("/events/new"),
		ts.postForm("/events", url.Values{"title": {""}}),
		ts.postForm("/events", url.Values{"title": {"New"}}),
		ts.get("/api/events"),
		ts.postJSON("/api/events", `{"title":"Another"}`),
		ts.postJSON("/api/events", `{`),
		ts.postJSON("/api/events", `{"title":"`+strings.Repeat("x", 9<<20)+`"}`),
		ts.get("/healthz"),
		ts.get(static.URL("app.css")),
		ts.get("/static/nope.css"),
		ts.get("/nope"),
		ts.get("/api/nope"),
		ts.do(http.MethodDelete, "/api/events", "", nil),
		ts.do(http.MethodHead, "/", "", nil),
		ts.get("/lexicons/1/concepts/new"),
		user.get("/admin/users"),
		user.get("/lexicons"),
	}
	statuses := map[int]bool{}
	for _, r := range answers {
		statuses[r.Status] = true
	}
	for _, s := range []int{200, 201, 303, 400, 404, 405, 413, 422} {
		if !statuses[s] {
			t.Errorf("no answer with status %d was checked", s)
		}
	}
	csp := answers[0].Header.Get("Content-Security-Policy")
	for _, directive := range []string{"default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"} {
		if !strings.Contains(csp, directive) {
			t.Errorf("CSP %q lacks %s", csp, directive)
		}
	}
	if rp := answers[0].Header.Get("Referrer-Policy"); rp != "strict-origin-when-cross-origin" && rp != "no-referrer" && rp != "same-origin" {
		t.Errorf("Referrer-Policy = %q", rp)
	}
}

func TestEachRequestGetsItsOwnRequestID(t *testing.T) {
	ts := newTestServer(t)
	seen := map[string]bool{}
	for range 5 {
		id := ts.get("/healthz").Header.Get("X-Request-Id")
		if len(id) < 16 || seen[id] {
			t.Errorf("request id %q is short or repeated", id)
		}
		seen[id] = true
	}
}

func TestWhenTheDatabaseFailsErrorsSayLittleAndQuoteTheRequestID(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	ts.Store.Close()

	for _, path := range []string{"/api/events", eventPath(id), eventPath(id) + "/comparison", "/api/lexicons"} {
		e := ts.get(path).wantAPIError(http.StatusInternalServerError, "")
		if e.Error != "Something went wrong on our side." {
			t.Errorf("%s: error %q", path, e.Error)
		}
	}
	ts.postJSON("/api/events", `{"title":"T"}`).wantAPIError(http.StatusInternalServerError, "")
	ts.postJSON(eventPath(id)+"/articles", articleJSON(validArticle("A", "H", "The leaders met in Northburg on Wednesday."))).
		wantAPIError(http.StatusInternalServerError, "")

	for _, path := range []string{"/", pagePath(id), pagePath(id) + "/articles/new", "/lexicons", "/login"} {
		r := ts.get(path)
		d := r.wantErrorPage(http.StatusInternalServerError)
		if textOf(d.Find("h1")) != "Something went wrong" {
			t.Errorf("%s: heading %q", path, textOf(d.Find("h1")))
		}
		reqID := r.Header.Get("X-Request-Id")
		if reqID == "" || textOf(d.Find(".error-page code")) != reqID {
			t.Errorf("%s: the page quotes %q, the request id is %q", path, textOf(d.Find(".error-page code")), reqID)
		}
	}
	ts.postForm("/events", url.Values{"title": {"T"}}).wantErrorPage(http.StatusInternalServerError)
	ts.postForm(pagePath(id)+"/articles", articleForm()).wantErrorPage(http.StatusInternalServerError)
}

func TestClientErrorsNeverRevealInternals(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	ts.addArticle(id, validArticle("Asbarez", "H", "The leaders met in Northburg on Wednesday."))
	// do fails the test if any of these bodies names the database, a
	// source file or a stack; here each is also checked to say something.
	for _, r := range []reply{
		ts.postJSON(eventPath(id)+"/articles", articleJSON(validArticle("Asbarez", "H", "The leaders met in Northburg on Wednesday."))),
		ts.postJSON("/api/events", `{"title": 5}`),
		ts.postJSON("/api/events", "{\"title\": \"\xff\"}"),
		ts.get("/api/events/999999"),
		ts.get("/api/events/%27%20OR%201=1"),
		ts.postForm(pagePath(id)+"/articles", url.Values{"body": {"The leaders met in Northburg on Wednesday."}, "outlet": {"X"}, "headline": {"H"}, "language": {"en"}}),
	} {
		if r.Status < 400 || strings.TrimSpace(r.Body) == "" {
			t.Errorf("%s %s: %d with body %.100q, want an error that explains itself", r.Method, r.Path, r.Status, r.Body)
		}
	}
}

func TestAChunkedFormOverTheRequestLimitIsRefusedWith413(t *testing.T) {

	ts := newTestServer(t)
	body := url.Values{"title": {strings.Repeat("t", 9<<20)}}.Encode()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/events", io.NopCloser(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = -1 // chunked: the limit is found while reading
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	ts.send(req).wantErrorPage(http.StatusRequestEntityTooLarge)
}

func TestAChunkedJSONBodyOverTheRequestLimitIsRefusedWith413(t *testing.T) {
	ts := newTestServer(t)
	body := `{"title":"` + strings.Repeat("t", 9<<20) + `"}`
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/events", io.NopCloser(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	ts.send(req).wantAPIError(http.StatusRequestEntityTooLarge, "")
	if r := ts.get("/api/events"); strings.TrimSpace(r.Body) != `{"events":[]}` {
		t.Errorf("an oversized chunked request stored an event: %s", r.Body)
	}
}
