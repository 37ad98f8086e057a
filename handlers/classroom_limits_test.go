package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"framelens/framing"
	"framelens/framing/classroom"
)

// One student posting marks from many threads at once cannot pass the
// 300-mark limit: the count is checked inside the insert's transaction.
func TestAStudentPostingInParallelCannotPassTheMarkLimit(t *testing.T) {
	ts := newTestServer(t)
	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	ev := ts.createEvent("Limits", "", "")
	body := strings.Repeat("abcdefghij", 10) + "."
	a := ts.addArticle(ev, validArticle("Herald", "H", body))
	var cs classSession
	teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev)).wantStatus(http.StatusCreated).decode(&cs)
	student := ts.withNewBrowser()
	var joined struct {
		StudentID int64 `json:"student_id"`
	}
	student.postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Anna"}`, cs.Code)).wantStatus(http.StatusOK).decode(&joined)

	var spans []framing.Span
	for start := range 10 {
		for end := start + 1; end <= start+40; end++ {
			spans = append(spans, framing.Span{Start: start, End: end})
		}
	}
	const limit, already, parallel = 300, 290, 60
	ctx := context.Background()
	for _, sp := range spans[:already] {
		if _, err := ts.Store.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: joined.StudentID, ArticleID: a.ID,
			Span: sp, Text: body[sp.Start:sp.End]}, limit); err != nil {
			t.Fatal(err)
		}
	}
	path := "/api/sessions/" + id64(cs.ID) + "/marks"
	statuses := make([]int, parallel)
	var wg sync.WaitGroup
	for i, sp := range spans[already : already+parallel] {
		wg.Go(func() {
			req, _ := http.NewRequest(http.MethodPost, ts.URL+path,
				strings.NewReader(fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, a.ID, sp.Start, sp.End)))
			req.Header.Set("Content-Type", "application/json")
			resp, err := student.Client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		})
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Errorf("a mark got %d", s)
		}
	}
	marks, err := ts.Store.SessionMarks(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != limit || created != limit-already {
		t.Errorf("%d marks stored, %d of %d posted created; want %d stored", len(marks), created, parallel, limit)
	}
}
