package handlers_test

import (
	"bytes"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/analysis"
	"framelens/fetch"
	"framelens/handlers"
	"framelens/importjobs"
)

// fixture reads a file the intake package's tests were written with.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "intake", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// multipartBody builds a form with fields and, if name is not "", a file.
func multipartBody(fields map[string]string, name string, file []byte) (string, *bytes.Buffer) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(file)
	}
	mw.Close()
	return mw.FormDataContentType(), &buf
}

func TestTheArticleFormReadsAFileForThePersonToCheckThenSaves(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Footbridge opening", "", "")
	ct, body := multipartBody(map[string]string{"outlet": "Valley Courier", "language": "en"}, "bridge.docx", fixture(t, "bridge.docx"))
	doc := ts.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusOK).doc()
	if !strings.Contains(doc.Find("[data-testid=intake-notice]").Text(), "bridge.docx") {
		t.Errorf("notice %q", doc.Find("[data-testid=intake-notice]").Text())
	}
	headline, _ := doc.Find("#f-headline").Attr("value")
	text := doc.Find("#f-body").Text()
	outlet, _ := doc.Find("#f-outlet").Attr("value")
	if headline == "" || !strings.Contains(text, "footbridge") || outlet != "Valley Courier" {
		t.Fatalf("form after reading: headline %q, outlet %q, text %.80q", headline, outlet, text)
	}
	if n := len(ts.eventDetail(ev).Articles); n != 0 {
		t.Fatalf("reading a file saved %d articles", n)
	}
	// The person corrects the headline and adds the article.
	ct, body = multipartBody(map[string]string{"outlet": outlet, "language": "en", "headline": "Footbridge opens, corrected",
		"body": text}, "", nil)
	ts.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusSeeOther)
	arts := ts.eventDetail(ev).Articles
	if len(arts) != 1 || arts[0].Headline != "Footbridge opens, corrected" {
		t.Errorf("stored %+v", arts)
	}
}

func TestTheArticleFormExplainsFilesItCannotRead(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Footbridge opening", "", "")
	cases := []struct {
		name   string
		data   []byte
		status int
		says   string
	}{
		{"scanned.pdf", fixture(t, "scanned.pdf"), http.StatusUnprocessableEntity, "text layer"},
		{"corrupt.pdf", fixture(t, "corrupt.pdf"), http.StatusUnprocessableEntity, "PDF"},
		{"zipbomb.docx", fixture(t, "zipbomb.docx"), http.StatusRequestEntityTooLarge, ""},
		{"huge.txt", bytes.Repeat([]byte("word "), (16<<20)/5+10), http.StatusRequestEntityTooLarge, "16"},
		{"empty.txt", nil, http.StatusUnprocessableEntity, ""},
		{"binary.bin", []byte{0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0}, http.StatusUnprocessableEntity, ""},
	}
	for _, c := range cases {
		ct, body := multipartBody(map[string]string{"outlet": "Typed Outlet", "language": "en"}, c.name, c.data)
		doc := ts.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(c.status).doc()
		msg := doc.Find("#f-file-error").Text()
		if msg == "" || !strings.Contains(msg, c.says) {
			t.Errorf("%s: message %q, want it to mention %q", c.name, msg, c.says)
		}
		if v, _ := doc.Find("#f-outlet").Attr("value"); v != "Typed Outlet" {
			t.Errorf("%s: the typed outlet became %q", c.name, v)
		}
	}
	ct, body := multipartBody(map[string]string{"action": "read"}, "", nil)
	ts.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusUnprocessableEntity)
	if n := len(ts.eventDetail(ev).Articles); n != 0 {
		t.Errorf("%d articles saved from refused files", n)
	}
}

// pageServer serves the test page with its boilerplate, and a 404.
func pageServer(t *testing.T) *httptest.Server {
	page := fixture(t, "bridge.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/footbridge" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchingAPageFillsTheFormForLoggedInUsers(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Footbridge opening", "", "")
	site := pageServer(t)
	form := map[string]string{"action": "fetch", "fetch_url": site.URL + "/news/footbridge", "language": ""}
	ct, body := multipartBody(form, "", nil)
	ts.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusUnauthorized)

	user := ts.loggedInAs("teacher", "teacher")
	ct, body = multipartBody(form, "", nil)
	doc := user.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusOK).doc()
	values := map[string]string{}
	for _, f := range []string{"outlet", "headline", "byline", "published", "language", "url"} {
		values[f], _ = doc.Find("#f-" + f).Attr("value")
	}
	want := map[string]string{"outlet": "The Valley Courier", "headline": "Marrow Creek opens its new footbridge",
		"byline": "Ada Lind, Tom Reed", "published": "2024-05-03", "language": "en",
		// The page's canonical link is relative: it is read against where the page was fetched.
		"url": site.URL + "/news/2024/05/footbridge-opens"}
	for k, v := range want {
		if values[k] != v {
			t.Errorf("%s = %q, want %q", k, values[k], v)
		}
	}
	text := doc.Find("#f-body").Text()
	if !strings.Contains(text, "footbridge") || strings.Contains(text, "dataLayer") || strings.Contains(text, "Subscribe") {
		t.Errorf("article text %q", text)
	}
	form["fetch_url"] = site.URL + "/missing"
	ct, body = multipartBody(form, "", nil)
	doc = user.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusUnprocessableEntity).doc()
	if !strings.Contains(doc.Find("#f-fetch_url-error").Text(), "404") {
		t.Errorf("missing page: %q", doc.Find("#f-fetch_url-error").Text())
	}
}

func TestTheArticleAPITakesAFileAndImportsFromAnAddress(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Footbridge opening", "", "")
	ct, body := multipartBody(map[string]string{"outlet": "Valley Courier", "language": "en"}, "bridge.pdf", fixture(t, "bridge.pdf"))
	var a storedArticle
	ts.do(http.MethodPost, eventPath(ev)+"/articles", ct, body).wantStatus(http.StatusCreated).decode(&a)
	if a.Headline == "" || !strings.Contains(a.Body, "footbridge") {
		t.Errorf("article from a PDF: %+v", a)
	}
	ct, body = multipartBody(map[string]string{"outlet": "Valley Courier", "language": "en"}, "scanned.pdf", fixture(t, "scanned.pdf"))
	ts.do(http.MethodPost, eventPath(ev)+"/articles", ct, body).wantAPIError(http.StatusUnprocessableEntity, "file")

	site := pageServer(t)
	importURL := eventPath(ev) + "/articles/import-url"
	ts.postJSON(importURL, `{"url": "`+site.URL+`/news/footbridge"}`).wantStatus(http.StatusUnauthorized)
	user := ts.loggedInAs("teacher", "teacher")
	// The page tells the story of the PDF above: a near duplicate, saved on purpose.
	user.postJSON(importURL, `{"url": "`+site.URL+`/news/footbridge"}`).wantAPIError(http.StatusConflict, "body")
	user.postJSON(importURL, `{"url": "`+site.URL+`/news/footbridge", "headline": "My own headline", "allow_near_duplicate": true}`).
		wantStatus(http.StatusCreated).decode(&a)
	if a.Outlet != "The Valley Courier" || a.Headline != "My own headline" || a.Published != "2024-05-03" || !strings.Contains(a.Body, "footbridge") {
		t.Errorf("imported %+v", a)
	}
	user.postJSON(importURL, `{"url": "`+site.URL+`/news/footbridge", "allow_near_duplicate": true}`).wantAPIError(http.StatusConflict, "body")
	user.postJSON(importURL, `{"url": ""}`).wantAPIError(http.StatusUnprocessableEntity, "url")
	user.postJSON(importURL, `{"url": "file:///etc/passwd"}`).wantAPIError(http.StatusUnprocessableEntity, "url")
	user.postJSON(importURL, `{"url": "`+site.URL+`/missing"}`).wantAPIError(http.StatusUnprocessableEntity, "url")
	user.postJSON("/api/events/999999/articles/import-url", `{"url": "`+site.URL+`/news/footbridge"}`).wantStatus(http.StatusNotFound)
}

// Without -allow-private-fetch, import by URL refuses loopback and private
// addresses: the server must not be a way into its own network.
func TestImportByURLRefusesPrivateAddressesByDefault(t *testing.T) {
	st := openTestStore(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	analyzer := analysis.New(st, log)
	imports := importjobs.New(st, nil)
	srv := httptest.NewServer(handlers.New(handlers.Deps{Stores: storesOf(st), Analyzer: analyzer, Imports: imports,
		Fetcher: fetch.New(fetch.DefaultOptions()), Log: log}))
	t.Cleanup(func() { srv.Close(); imports.Close(); analyzer.Close(); st.Close() })
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
	ev := ts.createEvent("Footbridge opening", "", "")
	user := ts.loggedInAs("teacher", "teacher")
	site := pageServer(t)
	for _, u := range []string{site.URL + "/news/footbridge", strings.Replace(site.URL, "127.0.0.1", "localhost", 1), "http://169.254.169.254/latest/meta-data/"} {
		e := user.postJSON(eventPath(ev)+"/articles/import-url", `{"url": "`+u+`"}`).wantAPIError(http.StatusUnprocessableEntity, "url")
		if !strings.Contains(e.Error, "public") {
			t.Errorf("%s: %q", u, e.Error)
		}
	}
}
