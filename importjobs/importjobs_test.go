package importjobs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"framelens/bulk"
	"framelens/framing"
	"framelens/importjobs"
	"framelens/store"
)

func setup(t *testing.T) (*store.Store, framing.Event) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ev, err := st.CreateEvent(context.Background(), framing.EventInput{Title: "Dam opening"})
	if err != nil {
		t.Fatal(err)
	}
	return st, ev
}

// jsonl writes n good lines and one bad one to a temporary file.
func jsonl(t *testing.T, n int) *os.File {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"outlet": "Valley Courier", "headline": "Dam %d", "language": "en", "body": "Report number %d: the new dam on the river opened today after six years of work and many delays."}`+"\n", i, i)
	}
	b.WriteString(`{"outlet": "Valley Courier", "language": "en", "body": "A line without a headline, long enough to be an article body of its own."}` + "\n")
	f, err := os.CreateTemp(t.TempDir(), "import-*.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(b.String()); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, 0); err != nil {
		t.Fatal(err)
	}
	return f
}

func wait(t *testing.T, r *importjobs.Registry, id string) importjobs.Snapshot {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s, ok := r.Get(id)
		if !ok {
			t.Fatalf("job %s unknown", id)
		}
		if s.Done {
			return s
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the import did not finish")
	return importjobs.Snapshot{}
}

func TestAJobImportsTheFileAndReportsTheBadLines(t *testing.T) {
	st, ev := setup(t)
	done := make(chan struct{}, 1)
	r := importjobs.New(st, func() { done <- struct{}{} })
	defer r.Close()
	f := jsonl(t, 30)
	id, err := r.Start(ev.ID, "dam.jsonl", f, bulk.Auto)
	if err != nil {
		t.Fatal(err)
	}
	s := wait(t, r, id)
	if s.Err != nil || s.Report.Imported != 30 || len(s.Report.Skipped) != 1 || s.Report.Skipped[0].Line != 31 || s.Report.Skipped[0].Field != "headline" {
		t.Fatalf("snapshot %+v", s)
	}
	if s.Percent() != 100 || s.Read != s.Size || s.FileName != "dam.jsonl" {
		t.Errorf("read %d of %d (%d%%)", s.Read, s.Size, s.Percent())
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("onDone did not run after articles were imported")
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("the uploaded file was left behind: %v", err)
	}
	if _, ok := r.Get("no-such-job"); ok {
		t.Error("an unknown id found a job")
	}
}

func TestClosingStopsAnImportBetweenLinesAndLeavesWholeArticles(t *testing.T) {
	st, ev := setup(t)
	r := importjobs.New(st, nil)
	id, err := r.Start(ev.ID, "big.jsonl", jsonl(t, 2000), bulk.JSONL)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if s, _ := r.Get(id); s.Progress.Lines >= 5 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	r.Close()
	s, _ := r.Get(id)
	if !s.Done || s.Err == nil || s.Report.Imported >= 2000 {
		t.Fatalf("after Close: done %v, err %v, imported %d", s.Done, s.Err, s.Report.Imported)
	}
	articles, err := st.Articles(context.Background(), ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != s.Report.Imported {
		t.Errorf("%d articles stored, the report says %d", len(articles), s.Report.Imported)
	}
	for _, a := range articles {
		if a.Outlet != "Valley Courier" || !strings.HasSuffix(a.Body, "many delays.") {
			t.Errorf("article %d is not whole: %+v", a.ID, a)
		}
	}
}
