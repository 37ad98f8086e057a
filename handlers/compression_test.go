package handlers_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"

	"framelens/static"
)

// getGzip asks for path as a browser does, taking gzip, and returns the
// reply with its body unpacked when it came gzipped.
func (ts *testServer) getGzip(path string) (reply, bool) {
	ts.t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	r := ts.send(req)
	if r.Header.Get("Content-Encoding") != "gzip" {
		return r, false
	}
	zr, err := gzip.NewReader(bytes.NewReader([]byte(r.Body)))
	if err != nil {
		ts.t.Fatalf("GET %s: not gzip: %v", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		ts.t.Fatalf("GET %s: unpack: %v", path, err)
	}
	r.Body = string(data)
	return r, true
}

func TestStaticFilesComeGzippedAndHashedURLsAreCachedForAYear(t *testing.T) {
	ts := newTestServer(t)
	r, zipped := ts.getGzip(static.URL("app.css"))
	r.wantStatus(http.StatusOK)
	plain := ts.get(static.URL("app.css")).wantStatus(http.StatusOK)
	if !zipped || r.Body != plain.Body || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Errorf("app.css: gzipped %v, same as plain %v, type %q", zipped, r.Body == plain.Body, r.Header.Get("Content-Type"))
	}
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
		t.Errorf("a hashed URL is cached as %q", cc)
	}
	if cc := ts.get("/static/app.css").Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("an unhashed URL is cached as %q", cc)
	}
}

func TestTheComparisonAPIIsKeptPerRevisionAndGzippedWhenAsked(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	id := ts.createEvent("Kept", "", "")
	ts.addArticle(id, validArticle("North Daily", "N", "The council of Northburg met on Monday."))
	plain := ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK)
	r, zipped := ts.getGzip(eventPath(id) + "/comparison")
	if !zipped || r.Body != plain.Body || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("gzipped %v, same body %v, type %q", zipped, r.Body == plain.Body, r.Header.Get("Content-Type"))
	}
	ts.addArticle(id, validArticle("South Post", "S", "The council of Southville met on Monday."))
	if after := ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK); !strings.Contains(after.Body, "Southville") {
		t.Error("the kept comparison did not change with the event")
	}
	csv := ts.get(eventPath(id) + "/comparison?format=csv").wantStatus(http.StatusOK)
	if !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") || !strings.Contains(csv.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("csv: %q, %q", csv.Header.Get("Content-Type"), csv.Header.Get("Content-Disposition"))
	}
}
