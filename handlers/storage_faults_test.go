package handlers_test

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"framelens/framing"
	"framelens/handlers"
)

// readOnlyStore is the real store whose writes fail as the store reports
// a database it cannot write, while reads go through. (The store's own
// tests produce that error from SQLite; cmd/web fills a real disk.)
type readOnlyStore struct {
	testStore
	readOnly atomic.Bool
}

var errReadOnly = framing.Errorf(framing.EReadOnly,
	"The database is read-only just now: nothing was saved. The server may not write data.db-shm.")

func (s *readOnlyStore) Writable(ctx context.Context) error {
	if s.readOnly.Load() {
		return errReadOnly
	}
	return s.testStore.Writable(ctx)
}

func (s *readOnlyStore) AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	if s.readOnly.Load() {
		return framing.Article{}, errReadOnly
	}
	return s.testStore.AddArticle(ctx, eventID, in)
}

func (s *readOnlyStore) CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error) {
	if s.readOnly.Load() {
		return framing.Event{}, errReadOnly
	}
	return s.testStore.CreateEvent(ctx, in)
}

func TestAReadOnlyDatabaseIsA503WithItsOwnWordsAndReadsGoOn(t *testing.T) {
	var ro *readOnlyStore
	srv, st := newServerOver(t, func(st testStore, s *handlers.Stores) {
		ro = &readOnlyStore{testStore: st}
		s.EventStore, s.Health = ro, ro
	})
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}

	id := ts.createEvent("Before the fault", "", "")
	ts.addArticle(id, validArticle("Wire", "Stored", "The council met on Monday and voted on the harbour budget."))
	ro.readOnly.Store(true)

	r := ts.postJSON(eventPath(id)+"/articles", articleJSON(validArticle("Wire", "Refused", "Another text that cannot be saved now.")))
	e := r.wantAPIError(http.StatusServiceUnavailable, "")
	if !strings.Contains(e.Error, "read-only") || r.Header.Get("Retry-After") == "" {
		t.Errorf("API: %q, Retry-After %q", e.Error, r.Header.Get("Retry-After"))
	}
	d := ts.postForm("/events", url.Values{"title": {"Typed in class"}}).wantErrorPage(http.StatusServiceUnavailable)
	if textOf(d.Find("h1")) != "The database is read-only" || !strings.Contains(textOf(d.Find(".lead")), "nothing was saved") ||
		!strings.Contains(textOf(d.Find(".lead")), "Back button") {
		t.Errorf("page: heading %q, lead %q", textOf(d.Find("h1")), textOf(d.Find(".lead")))
	}
	if strings.Contains(r.Body, "Something went wrong") {
		t.Error("a read-only database is called an internal fault")
	}
	ts.get("/").wantStatus(http.StatusOK)
	ts.get(pagePath(id)).wantStatus(http.StatusOK)

	ro.readOnly.Store(false)
	ts.postJSON(eventPath(id)+"/articles", articleJSON(validArticle("Wire", "Later", "Another text that can be saved again."))).wantStatus(http.StatusCreated)
}

// While the database can only be read, /healthz says so with the store's
// words, which name the file at fault, and says ok again once it can be
// written.
func TestHealthzNamesTheFileThatKeepsTheDatabaseReadOnly(t *testing.T) {
	var ro *readOnlyStore
	srv, st := newServerOver(t, func(st testStore, s *handlers.Stores) {
		ro = &readOnlyStore{testStore: st}
		s.EventStore, s.Health = ro, ro
	})
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
	ts.get("/healthz").wantStatus(http.StatusOK)

	ro.readOnly.Store(true)
	var got map[string]string
	ts.get("/healthz").wantStatus(http.StatusServiceUnavailable).decode(&got)
	if got["status"] != "read_only" || got["error"] != errReadOnly.Message {
		t.Errorf("healthz of a read-only database = %v, want read_only and the store's message", got)
	}

	ro.readOnly.Store(false)
	ts.get("/healthz").wantStatus(http.StatusOK)
}

// fullImportStore imports the lines of a bulk import before line full with
// the real store, then answers as the store does when the database fills
// up at that line (the store's own test fills a real database).
type fullImportStore struct {
	testStore
	full int
}

func (s *fullImportStore) ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
	progress func(framing.ImportProgress)) (framing.ImportReport, error) {
	before := func(yield func(framing.ImportLine) bool) {
		for line := range lines {
			if line.N >= s.full || !yield(line) {
				return
			}
		}
	}
	report, err := s.testStore.ImportArticles(ctx, eventID, before, progress)
	if err != nil {
		return report, err
	}
	report.StoppedAt = s.full
	return report, errors.Join(framing.Errorf(framing.EFull, "The database is full: the import stopped at line %d.", s.full),
		errors.New("database or disk is full"))
}

// A bulk import that the database stops part way answers 507 with its
// reason and what it stored before: the articles' ids, the refused lines
// and the line where it stopped.
func TestABulkImportStoppedByAFullDatabaseAnswersWithWhatItStored(t *testing.T) {
	srv, st := newServerOver(t, func(st testStore, s *handlers.Stores) {
		s.EventStore = &fullImportStore{testStore: st, full: 4}
	})
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
	ev := ts.createEvent("Dam opening", "", "")
	lines := strings.Split(jsonlLines(5), "\n")
	lines[1] = `{"outlet": "Valley Courier", "language": "en", "body": "No headline here, but a body long enough to be an article."}`
	user := ts.loggedInAs("researcher", "teacher")
	r := user.do(http.MethodPost, eventPath(ev)+"/articles/bulk", "application/x-ndjson", strings.NewReader(strings.Join(lines, "\n")))
	r.wantStatus(http.StatusInsufficientStorage)
	var got struct {
		Error string `json:"error"`
		bulkReport
		StoppedAt int `json:"stopped_at_line"`
	}
	r.decode(&got)
	if got.Error != "The database is full: the import stopped at line 4." || r.Header.Get("Retry-After") == "" {
		t.Errorf("error %q, Retry-After %q", got.Error, r.Header.Get("Retry-After"))
	}
	if got.StoppedAt != 4 || got.Lines != 3 || got.Imported != 2 || len(got.Skipped) != 1 || got.Skipped[0].Line != 2 {
		t.Errorf("report %+v", got)
	}
	var stored []int64
	for _, a := range ts.eventDetail(ev).Articles {
		stored = append(stored, a.ID)
	}
	if !slices.Equal(stored, got.ArticleIDs) {
		t.Errorf("article_ids %v, stored %v", got.ArticleIDs, stored)
	}
}
