package handlers_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

const damBody = "The new dam on the river opened on Monday after six years of work and many delays, officials said."

func jsonlLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"outlet": "Valley Courier", "headline": "Dam %d", "language": "en", "body": "%d. %s"}`+"\n", i, i, damBody)
	}
	return b.String()
}

type bulkReport struct {
	Lines    int `json:"lines"`
	Imported int `json:"imported"`
	Skipped  []struct {
		Line      int    `json:"line"`
		Field     string `json:"field"`
		Message   string `json:"message"`
		Duplicate bool   `json:"duplicate"`
	} `json:"skipped"`
	ArticleIDs []int64 `json:"article_ids"`
}

func TestBulkAPIImportsGoodLinesAndReportsBadOnes(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Dam opening", "", "")
	body := jsonlLines(3) +
		`{"outlet": "Valley Courier", "language": "en", "body": "No headline here, but a body long enough to be an article."}` + "\n" +
		`{"outlet": "Valley Courier", "headline": "Again", "language": "en", "body": "0. ` + damBody + `"}` + "\n" +
		"not json\n"
	ts.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "application/x-ndjson", strings.NewReader(body)).wantStatus(http.StatusUnauthorized)

	user := ts.loggedInAs("researcher", "teacher")
	var rep bulkReport
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "application/x-ndjson", strings.NewReader(body)).wantStatus(http.StatusOK).decode(&rep)
	if rep.Lines != 6 || rep.Imported != 3 || len(rep.ArticleIDs) != 3 || len(rep.Skipped) != 3 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Skipped[0].Line != 4 || rep.Skipped[0].Field != "headline" || !rep.Skipped[1].Duplicate || rep.Skipped[2].Line != 6 {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	if got := len(ts.eventDetail(ev).Articles); got != 3 {
		t.Errorf("%d articles stored", got)
	}

	// CSV, named by its content type.
	csv := "outlet,headline,language,body\nRiver Times,Dam opens,en,\"" + strings.Replace(damBody, "Monday", "Tuesday", 1) + "\"\n"
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "text/csv", strings.NewReader(csv)).wantStatus(http.StatusOK).decode(&rep)
	if rep.Imported != 1 {
		t.Errorf("CSV: %+v", rep)
	}

	// A file in a multipart form, as a script posting the page's form would.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "more.jsonl")
	fw.Write([]byte(`{"outlet": "Hill Post", "headline": "Dam", "language": "en", "body": "Hill Post: ` + damBody + `"}` + "\n"))
	mw.Close()
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", mw.FormDataContentType(), &buf).wantStatus(http.StatusOK).decode(&rep)
	if rep.Imported != 1 {
		t.Errorf("multipart: %+v", rep)
	}
}

func TestBulkAPIRefusesWholeFilesItCannotTake(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Dam opening", "", "")
	user := ts.loggedInAs("researcher", "teacher")
	post := func(contentType, body string) reply {
		return user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", contentType, strings.NewReader(body))
	}
	post("application/x-ndjson", "").wantAPIError(http.StatusUnprocessableEntity, "file")
	post("text/csv", "colour,body\nred,"+damBody+"\n").wantAPIError(http.StatusUnprocessableEntity, "file")
	post("application/x-ndjson", jsonlLines(1)+"").wantStatus(http.StatusOK)
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk?format=xml", "text/plain", strings.NewReader(jsonlLines(1))).
		wantAPIError(http.StatusUnprocessableEntity, "format")
	// More articles than one import takes: refused whole, nothing stored.
	before := len(ts.eventDetail(ev).Articles)
	e := post("application/x-ndjson", jsonlLines(5001)).wantAPIError(http.StatusRequestEntityTooLarge, "file")
	if !strings.Contains(e.Error, "5000") {
		t.Errorf("message %q does not state the limit", e.Error)
	}
	if after := len(ts.eventDetail(ev).Articles); after != before {
		t.Errorf("a refused file stored %d articles", after-before)
	}
	// Larger than an import may be.
	huge := strings.Repeat("x", 65<<20)
	post("application/x-ndjson", huge).wantStatus(http.StatusRequestEntityTooLarge)
	user.do(http.MethodPost, "/api/events/999999/articles/bulk", "application/x-ndjson", strings.NewReader(jsonlLines(1))).wantStatus(http.StatusNotFound)
}

func TestImportPageShowsProgressThenTheReport(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Dam opening", "", "")
	ts.get(pagePath(ev) + "/import").wantStatus(http.StatusSeeOther)
	user := ts.loggedInAs("researcher", "teacher")
	user.get(pagePath(ev) + "/import").wantStatus(http.StatusOK)

	upload := func(name, content, format string) reply {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("format", format)
		if name != "" {
			fw, _ := mw.CreateFormFile("file", name)
			fw.Write([]byte(content))
		}
		mw.Close()
		return user.do(http.MethodPost, pagePath(ev)+"/import", mw.FormDataContentType(), &buf)
	}
	doc := upload("", "", "").wantStatus(http.StatusUnprocessableEntity).doc()
	if !strings.Contains(doc.Find("#f-file-error").Text(), "Choose") {
		t.Error("no message for a missing file")
	}
	doc = upload("too-many.jsonl", jsonlLines(5001), "jsonl").wantStatus(http.StatusRequestEntityTooLarge).doc()
	if _, checked := doc.Find("#f-format-jsonl").Attr("checked"); !checked {
		t.Error("the chosen format was not kept")
	}

	bad := `{"outlet": "Valley Courier", "language": "en", "body": "No headline here, but a body long enough to be an article."}` + "\n"
	r := upload("dam.jsonl", jsonlLines(40)+bad, "").wantStatus(http.StatusSeeOther)
	jobPath := r.Header.Get("Location")
	if !strings.HasPrefix(jobPath, pagePath(ev)+"/import/") {
		t.Fatalf("redirected to %q", jobPath)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		doc = user.get(jobPath).wantStatus(http.StatusOK).doc()
		if doc.Find("[data-testid=import-done]").Length() == 1 {
			break
		}
		if doc.Find("[data-testid=import-running] progress").Length() != 1 {
			t.Fatal("a running import shows no progress bar")
		}
		if time.Now().After(deadline) {
			t.Fatal("the import did not finish")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if txt := doc.Find(".import-counts").Text(); !strings.Contains(txt, "40 articles imported") || !strings.Contains(txt, "1 line refused") {
		t.Errorf("counts %q", txt)
	}
	if txt := doc.Find("[data-testid=import-problems]").Text(); !strings.Contains(txt, "Line 41") || !strings.Contains(txt, "headline") {
		t.Errorf("problems %q", txt)
	}
	// htmx asks for the status part alone.
	req, _ := http.NewRequest(http.MethodGet, user.URL+jobPath, nil)
	req.Header.Set("HX-Request", "true")
	if part := user.send(req).wantStatus(http.StatusOK); strings.Contains(part.Body, "<html") || !strings.Contains(part.Body, "import-status") {
		t.Error("the htmx request got more or less than the status part")
	}
	user.get(pagePath(ev) + "/import/nosuchjob").wantErrorPage(http.StatusNotFound)
	other := ts.createEvent("Other", "", "")
	user.get(strings.Replace(jobPath, pagePath(ev), pagePath(other), 1)).wantErrorPage(http.StatusNotFound)
}

// A line written for POST /api/events/{id}/articles, with its
// allow_near_duplicate choice, imports as it is, in JSON Lines and in CSV;
// a value that is no yes or no is still refused, naming the line.
func TestBulkAPIAcceptsAllowNearDuplicateAsTheArticleAPIDoes(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Dam opening", "", "")
	user := ts.loggedInAs("researcher", "teacher")
	body := `{"outlet": "Valley Courier", "headline": "Dam", "language": "en", "body": "` + damBody + `", "allow_near_duplicate": true}` + "\n" +
		`{"outlet": "Hill Post", "headline": "Dam", "language": "en", "body": "Hill Post: ` + damBody + `", "allow_near_duplicate": "maybe"}` + "\n"
	var rep bulkReport
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "application/x-ndjson", strings.NewReader(body)).wantStatus(http.StatusOK).decode(&rep)
	if rep.Imported != 1 || len(rep.Skipped) != 1 || rep.Skipped[0].Line != 2 || rep.Skipped[0].Field != "allow_near_duplicate" {
		t.Errorf("JSON Lines: %+v", rep)
	}
	csv := "outlet,headline,language,body,allow_near_duplicate\nRiver Times,Dam opens,en,\"River Times: " + damBody + "\",true\n"
	user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "text/csv", strings.NewReader(csv)).wantStatus(http.StatusOK).decode(&rep)
	if rep.Imported != 1 {
		t.Errorf("CSV: %+v", rep)
	}
}
