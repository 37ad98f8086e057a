package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"framelens/framing"
	"framelens/handlers"
	"framelens/store"
)

// readOnlyStore is the real store whose writes fail as the store reports
// a database it cannot write, while reads go through. (The store's own
// tests produce that error from SQLite; cmd/web fills a real disk.)
type readOnlyStore struct {
	*store.Store
	readOnly atomic.Bool
}

var errReadOnly = framing.Errorf(framing.EReadOnly,
	"The database is read-only just now: nothing was saved. The server may not write data.db-shm.")

func (s *readOnlyStore) Writable(ctx context.Context) error {
	if s.readOnly.Load() {
		return errReadOnly
	}
	return s.Store.Writable(ctx)
}

func (s *readOnlyStore) AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	if s.readOnly.Load() {
		return framing.Article{}, errReadOnly
	}
	return s.Store.AddArticle(ctx, eventID, in)
}

func (s *readOnlyStore) CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error) {
	if s.readOnly.Load() {
		return framing.Event{}, errReadOnly
	}
	return s.Store.CreateEvent(ctx, in)
}

func TestAReadOnlyDatabaseIsA503WithItsOwnWordsAndReadsGoOn(t *testing.T) {
	var ro *readOnlyStore
	srv, st := newServerOver(t, func(st *store.Store) handlers.Store { ro = &readOnlyStore{Store: st}; return ro })
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
	srv, st := newServerOver(t, func(st *store.Store) handlers.Store { ro = &readOnlyStore{Store: st}; return ro })
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
