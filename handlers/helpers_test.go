package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/auth"
	"framelens/framing"
)

// testServer is the whole application over a new, empty database (see
// openTestStore), served by httptest, with a client that keeps cookies
// and stops at redirects so that every step can be looked at.
type testServer struct {
	t      *testing.T
	URL    string
	Store  testStore
	Client *http.Client
}

// newTestServer starts the application over a fresh database (see
// openTestStore). Everything is closed when the test ends.
func newTestServer(t *testing.T) *testServer {
	t.Helper()
	srv, st := newEmptyServer(t)
	return &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
}

// newBrowser is a real HTTP client with a cookie jar that does not follow
// redirects.
func newBrowser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// withNewBrowser is the same server seen from another browser, with no
// cookies.
func (ts *testServer) withNewBrowser() *testServer {
	c := *ts
	c.Client = newBrowser(ts.t)
	return &c
}

// reply is a response read whole.
type reply struct {
	t      *testing.T
	Method string
	Path   string
	Status int
	Header http.Header
	Body   string
}

// do sends one request and reads the answer. Every answer is checked for
// the headers every response must carry and, when it is an error, for
// internal details that must never reach a client.
func (ts *testServer) do(method, path, contentType string, body io.Reader) reply {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, body)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", method, path, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return ts.send(req)
}

func (ts *testServer) send(req *http.Request) reply {
	ts.t.Helper()
	resp, err := ts.Client.Do(req)
	if err != nil {
		ts.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		ts.t.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	r := reply{t: ts.t, Method: req.Method, Path: req.URL.RequestURI(), Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
	checkEveryResponseHeaders(ts.t, r)
	if r.Status >= 400 {
		checkNoInternals(ts.t, r)
	}
	return r
}

func (ts *testServer) get(path string) reply {
	ts.t.Helper()
	return ts.do(http.MethodGet, path, "", nil)
}

func (ts *testServer) postJSON(path, body string) reply {
	ts.t.Helper()
	return ts.do(http.MethodPost, path, "application/json", strings.NewReader(body))
}

func (ts *testServer) postForm(path string, form url.Values) reply {
	ts.t.Helper()
	return ts.do(http.MethodPost, path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

// checkEveryResponseHeaders asserts the headers that every answer carries,
// whatever its route or status.
func checkEveryResponseHeaders(t *testing.T, r reply) {
	t.Helper()
	if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s %s (%d): X-Content-Type-Options = %q, want nosniff", r.Method, r.Path, r.Status, got)
	}
	if got := r.Header.Get("Content-Security-Policy"); !strings.Contains(got, "frame-ancestors 'none'") {
		t.Errorf("%s %s (%d): Content-Security-Policy = %q, want frame-ancestors 'none'", r.Method, r.Path, r.Status, got)
	}
	if r.Header.Get("Referrer-Policy") == "" {
		t.Errorf("%s %s (%d): no Referrer-Policy", r.Method, r.Path, r.Status)
	}
	if r.Header.Get("X-Request-Id") == "" {
		t.Errorf("%s %s (%d): no X-Request-Id", r.Method, r.Path, r.Status)
	}
}

// internals are words that show a stack trace, a source location or the
// database engine in an answer.
var internals = []string{"sqlite", "goroutine", ".go:", "sql:", "panic"}

func checkNoInternals(t *testing.T, r reply) {
	t.Helper()
	lower := strings.ToLower(r.Body)
	for _, word := range internals {
		if strings.Contains(lower, word) {
			t.Errorf("%s %s (%d): the error body reveals %q: %.300s", r.Method, r.Path, r.Status, word, r.Body)
		}
	}
}

// wantStatus stops the test when the status is not the expected one.
func (r reply) wantStatus(status int) reply {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("%s %s: status %d, want %d; body: %.500s", r.Method, r.Path, r.Status, status, r.Body)
	}
	return r
}

// doc parses an HTML answer.
func (r reply) doc() *goquery.Document {
	r.t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		r.t.Fatalf("%s %s: Content-Type %q, want text/html", r.Method, r.Path, ct)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(r.Body))
	if err != nil {
		r.t.Fatalf("%s %s: parse HTML: %v", r.Method, r.Path, err)
	}
	return d
}

// decode reads a JSON answer into v.
func (r reply) decode(v any) {
	r.t.Helper()
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		r.t.Fatalf("%s %s: Content-Type %q, want application/json; body: %.300s", r.Method, r.Path, ct, r.Body)
	}
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		r.t.Fatalf("%s %s: body is not the JSON expected (%v): %.300s", r.Method, r.Path, err, r.Body)
	}
}

// errorBody is the body of every API error.
type errorBody struct {
	Error string `json:"error"`
	Field string `json:"field"`
}

// apiError reads an API error and checks that it says something.
func (r reply) apiError() errorBody {
	r.t.Helper()
	var e errorBody
	r.decode(&e)
	if e.Error == "" {
		r.t.Errorf("%s %s (%d): the error body has no message: %s", r.Method, r.Path, r.Status, r.Body)
	}
	return e
}

// wantAPIError checks an API error's status and field.
func (r reply) wantAPIError(status int, field string) errorBody {
	r.t.Helper()
	r.wantStatus(status)
	e := r.apiError()
	if e.Field != field {
		r.t.Errorf("%s %s (%d): field %q, want %q; error %q", r.Method, r.Path, r.Status, e.Field, field, e.Error)
	}
	return e
}

// wantErrorPage checks that an answer is the HTML error page with status.
func (r reply) wantErrorPage(status int) *goquery.Document {
	r.t.Helper()
	r.wantStatus(status)
	d := r.doc()
	if d.Find("[data-testid=error-page]").Length() != 1 {
		r.t.Errorf("%s %s (%d): not the error page: %.300s", r.Method, r.Path, r.Status, r.Body)
	}
	if got := d.Find(".error-page__status").Text(); !strings.Contains(got, strconv.Itoa(status)) {
		r.t.Errorf("%s %s: the error page says %q, want the status %d", r.Method, r.Path, got, status)
	}
	return d
}

// Fixtures.

type createdEvent struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Date        string `json:"date"`
}

type storedArticle struct {
	ID           int64  `json:"id"`
	EventID      int64  `json:"event_id"`
	Outlet       string `json:"outlet"`
	Headline     string `json:"headline"`
	Byline       string `json:"byline"`
	URL          string `json:"url"`
	Published    string `json:"published"`
	Language     string `json:"language"`
	Illustrative bool   `json:"illustrative"`
	Body         string `json:"body"`
}

type eventDetail struct {
	createdEvent
	Articles []storedArticle `json:"articles"`
}

// createEvent creates an event through the API.
func (ts *testServer) createEvent(title, date, description string) int64 {
	ts.t.Helper()
	body, _ := json.Marshal(map[string]string{"title": title, "date": date, "description": description})
	var ev createdEvent
	ts.postJSON("/api/events", string(body)).wantStatus(http.StatusCreated).decode(&ev)
	if ev.ID == 0 {
		ts.t.Fatal("the created event has no id")
	}
	return ev.ID
}

// addArticle adds an article through the API.
func (ts *testServer) addArticle(eventID int64, a framing.ArticleInput) storedArticle {
	ts.t.Helper()
	var got storedArticle
	ts.postJSON(eventPath(eventID)+"/articles", articleJSON(a)).wantStatus(http.StatusCreated).decode(&got)
	return got
}

// eventDetail loads an event with its articles through the API.
func (ts *testServer) eventDetail(id int64) eventDetail {
	ts.t.Helper()
	var ev eventDetail
	ts.get(eventPath(id)).wantStatus(http.StatusOK).decode(&ev)
	return ev
}

func eventPath(id int64) string { return "/api/events/" + strconv.FormatInt(id, 10) }

func pagePath(id int64) string { return "/events/" + strconv.FormatInt(id, 10) }

func articleJSON(a framing.ArticleInput) string {
	b, _ := json.Marshal(map[string]any{
		"outlet": a.Outlet, "headline": a.Headline, "byline": a.Byline, "url": a.URL, "published": a.Published,
		"language": a.Language, "body": a.Body, "illustrative": a.Illustrative,
	})
	return string(b)
}

// validArticle is a valid article; tests change what they are about.
func validArticle(outlet, headline, body string) framing.ArticleInput {
	return framing.ArticleInput{Outlet: outlet, Headline: headline, Language: "en", Published: "2022-09-07",
		URL: "https://example.org/" + url.PathEscape(strings.ToLower(outlet)), Body: body}
}

// testLexicon is a small lexicon: one concept named two ways.
func testLexicon() framing.Lexicon {
	return framing.Lexicon{
		Slug: "test-cities", Name: "Test cities", Language: "en", Description: "Two names for one city.",
		Perspectives: []framing.Perspective{
			{Slug: "north", Name: "Northern usage", Color: "blue"},
			{Slug: "south", Name: "Southern usage", Color: "orange"},
		},
		Concepts: []framing.Concept{
			{Slug: "main-city", Name: "The main city", Category: "places", Terms: []framing.Term{
				{Phrase: "Northburg", Language: "en", Perspective: "north", Match: framing.MatchWord,
					Note: "The northern name.", SourceURL: "https://example.org/northburg"},
				{Phrase: "Southville", Language: "en", Perspective: "south", Match: framing.MatchWord,
					Note: "The southern name.", SourceURL: "https://example.org/southville"},
			}},
			{Slug: "the-river", Name: "The river", Category: "places", Terms: []framing.Term{
				{Phrase: "Bluewater", Language: "en", Perspective: "north", Match: framing.MatchWord,
					Note: "The river's northern name.", SourceURL: "https://example.org/bluewater"},
			}},
		},
	}
}

// seedLexicon stores testLexicon and returns it with its ids.
func (ts *testServer) seedLexicon() framing.Lexicon {
	ts.t.Helper()
	lex, err := ts.Store.CreateLexicon(context.Background(), testLexicon())
	if err != nil {
		ts.t.Fatalf("seed lexicon: %v", err)
	}
	return lex
}

// lexicon reloads a lexicon from the store.
func (ts *testServer) lexicon(id int64) framing.Lexicon {
	ts.t.Helper()
	lex, err := ts.Store.Lexicon(context.Background(), id)
	if err != nil {
		ts.t.Fatalf("load lexicon %d: %v", id, err)
	}
	return lex
}

const accountPassword = "a long enough password"

// addAccount stores an account with accountPassword.
func (ts *testServer) addAccount(username, role string) {
	ts.t.Helper()
	hash, err := auth.HashPassword(accountPassword)
	if err != nil {
		ts.t.Fatal(err)
	}
	if _, err := ts.Store.CreateUser(context.Background(), username, hash, role); err != nil {
		ts.t.Fatalf("create user %s: %v", username, err)
	}
}

// loggedInAs adds an account and returns the server seen from a browser
// logged in with it.
// damStory is an editor, and an event with the Ostravia Wire's story of
// the dam in it.
func (ts *testServer) damStory() (editor *testServer, eventID int64, a storedArticle) {
	ts.t.Helper()
	editor = ts.loggedInAs("editor", framing.RoleTeacher)
	eventID = ts.createEvent("Dam opens", "", "")
	return editor, eventID, ts.addArticle(eventID, validArticle("Ostravia Wire", "Dam opens", wireStory))
}

func (ts *testServer) loggedInAs(username, role string) *testServer {
	ts.t.Helper()
	ts.addAccount(username, role)
	b := ts.withNewBrowser()
	r := b.postForm("/login", url.Values{"username": {username}, "password": {accountPassword}, "next": {"/"}})
	if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/" {
		ts.t.Fatalf("log in as %s: %d to %q", username, r.Status, r.Header.Get("Location"))
	}
	return b
}

func lexPath(id int64) string { return "/lexicons/" + strconv.FormatInt(id, 10) }

func id64(n int64) string { return strconv.FormatInt(n, 10) }

// longText is a valid article body of about n bytes.
func longText(n int) string {
	return strings.Repeat("word ", n/5+1)
}

// threeParagraphs is a three-paragraph article body.
const threeParagraphs = "Leaders met in Northburg on Wednesday to talk about the region.\n\n" +
	"They spoke for two hours, aides said.\n" +
	"No agreement was signed."

// termCount is the number of terms the lexicon has now.
func (ts *testServer) termCount(id int64) int {
	ts.t.Helper()
	lex := ts.lexicon(id)
	return lex.TermCount()
}
