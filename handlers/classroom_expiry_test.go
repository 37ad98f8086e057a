package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/handlers"
)

// agedStore is the real store whose class sessions have outlived their
// time once aged is set, as a session left open overnight has.
type agedStore struct {
	testStore
	aged atomic.Bool
}

func (s *agedStore) ClassSession(ctx context.Context, id int64) (classroom.Session, error) {
	cs, err := s.testStore.ClassSession(ctx, id)
	if s.aged.Load() {
		cs.ExpiresAt = time.Now().Add(-time.Minute)
	}
	return cs, err
}

// A session past its time is closed for its stream as for its pages: a
// dashboard that was told "closed" by the page and "marking" by the stream
// reloaded itself for ever.
func TestAnExpiredSessionIsClosedOnItsStreamAsOnItsPages(t *testing.T) {
	var aged *agedStore
	srv, st := newServerOver(t, func(st testStore, s *handlers.Stores) {
		aged = &agedStore{testStore: st}
		s.ClassroomStore = aged
	})
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}

	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	ev := ts.createEvent("Left open overnight", "", "")
	ts.addArticle(ev, validArticle("Wire", "H", classBodyEN))
	var cs classSession
	teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev)).wantStatus(http.StatusCreated).decode(&cs)
	path := "/api/sessions/" + id64(cs.ID)
	aged.aged.Store(true)

	if d := teacher.get("/sessions/" + id64(cs.ID)).wantStatus(http.StatusOK).doc(); d.Find("[data-phase=closed]").Length() == 0 {
		t.Error("the dashboard of an expired session is not closed")
	}
	lines, stop := openStream(t, teacher, path+"/stream", "")
	defer stop()
	if got := nextEvent(t, lines); !strings.HasPrefix(got, `{"phase":"closed"`) {
		t.Errorf("the stream of an expired session starts with %s", got)
	}
}
