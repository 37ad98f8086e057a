package handlers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

func download(t *testing.T, url string) ([]byte, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, data)
	}
	return data, resp.Header.Get("Content-Type")
}

func TestLexiconsExportAndImportRoundTripThroughTheAPI(t *testing.T) {
	src, _ := newSeededServer(t)
	var list struct {
		Lexicons []struct {
			ID    int64
			Slug  string
			Terms int
		}
	}
	data, _ := download(t, src.URL+"/api/lexicons")
	if err := json.Unmarshal(data, &list); err != nil || len(list.Lexicons) < 2 || list.Lexicons[0].Terms == 0 {
		t.Fatalf("lexicon list %s (%v)", data, err)
	}
	jsonData, ct := download(t, src.URL+"/api/lexicons/1/export")
	if !strings.HasPrefix(ct, "application/json") {
		t.Errorf("JSON export content type %q", ct)
	}
	csvData, ct := download(t, src.URL+"/api/lexicons/1/export?format=csv")
	if !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("CSV export content type %q", ct)
	}

	for _, tc := range []struct {
		name, contentType string
		body              []byte
	}{{"json", "application/json", jsonData}, {"csv", "text/csv", csvData}} {
		t.Run(tc.name, func(t *testing.T) {
			dst, st := newSeededServer(t)
			createUser(t, st, "teacher")
			c := newBrowser(t)
			logIn(t, dst.URL, c, "teacher")
			// The seeded copy has the same slug: the import is a conflict until it is gone.
			resp := postWith(t, c, dst.URL+"/api/lexicons/import", tc.contentType, tc.body)
			if resp.StatusCode != http.StatusConflict {
				t.Fatalf("import over an existing slug: %d", resp.StatusCode)
			}
			renamed := bytes.Replace(tc.body, []byte("nagorno-karabakh"), []byte("nk-copy"), 1)
			resp = postWith(t, c, dst.URL+"/api/lexicons/import", tc.contentType, renamed)
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("import: %d", resp.StatusCode)
			}
			var created struct{ ID int64 }
			json.NewDecoder(resp.Body).Decode(&created)
			resp.Body.Close()
			again, _ := download(t, dst.URL+"/api/lexicons/"+itoa(created.ID)+"/export?format="+tc.name)
			if !bytes.Equal(again, renamed) {
				t.Errorf("export of the imported lexicon differs from the file imported")
			}
		})
	}
}

func postWith(t *testing.T, c *http.Client, url, contentType string, body []byte) *http.Response {
	t.Helper()
	resp, err := c.Post(url, contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestImportNeedsALoginAndRefusesABadFileWhole(t *testing.T) {
	srv, st := newSeededServer(t)
	resp := postWith(t, http.DefaultClient, srv.URL+"/api/lexicons/import", "application/json", []byte(`{}`))
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("import without login: %d", resp.StatusCode)
	}
	resp.Body.Close()

	createUser(t, st, "teacher")
	c := newBrowser(t)
	logIn(t, srv.URL, c, "teacher")
	before, _ := download(t, srv.URL+"/api/lexicons")

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "broken.csv")
	fw.Write([]byte("kind,slug,name,description,language,color,category,phrase,perspective,match,variants,note,neutral,source_title,source_url\n" +
		"lexicon,x,X,,en,,,,,,,,,,\nconcept,c,C,,,,,,,,,,,,\nterm,,,,en,,,fine,,,,why,,,https://example.org\nterm,,,,en,,,no source,,,,why,,,\n"))
	mw.Close()
	resp = postWith(t, c, srv.URL+"/api/lexicons/import", mw.FormDataContentType(), buf.Bytes())
	var e struct{ Error, Field string }
	json.NewDecoder(resp.Body).Decode(&e)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(e.Error, "Line 5") {
		t.Errorf("bad CSV upload: %d %+v", resp.StatusCode, e)
	}
	after, _ := download(t, srv.URL+"/api/lexicons")
	if !bytes.Equal(before, after) {
		t.Error("a refused file changed the lexicons")
	}
	r, _ := http.Get(srv.URL + "/api/lexicons/1/export?format=xml")
	if r.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown export format: %d", r.StatusCode)
	}
	r.Body.Close()
}
