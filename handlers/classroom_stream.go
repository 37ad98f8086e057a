package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"framelens/auth"
	"framelens/framing"
	"framelens/framing/classroom"
)

// ClassBus tells the open streams of a session that something changed,
// on every instance that serves the class: a student's mark on one
// instance reaches the teacher's stream on another. classbus.Local serves
// one process; pgstore.Bus several on one PostgreSQL database.
type ClassBus interface {
	// Publish signals a change of session; phase says the phase changed
	// (students hear only those).
	Publish(ctx context.Context, session int64, phase bool) error
	// Subscribe returns a channel that receives (at most one pending)
	// signal per change, and a function to stop.
	Subscribe(session int64, phasesOnly bool) (<-chan struct{}, func())
}

// changed tells the session's streams about a change already stored. A
// failure to tell is logged, not returned: the change is kept, and every
// stream reads the whole state at its next event or reconnection.
func (s *Server) changed(ctx context.Context, session int64, phase bool) {
	if err := s.streams.Publish(context.WithoutCancel(ctx), session, phase); err != nil {
		s.log.Warn("tell a class session's streams", "session", session, "err", err)
	}
}

// Stream timing: changes are gathered for a moment so that forty students
// marking at once cost the dashboard a few updates, not forty; a comment
// line now and then keeps proxies from closing an idle stream and finds
// dead connections; EventSource reconnects after retry.
const (
	streamGather    = 300 * time.Millisecond
	streamKeepalive = 20 * time.Second
	streamWrite     = 10 * time.Second
	streamRetryMS   = 2000
)

// streamState is what one event of the stream carries.
type streamState struct {
	Phase    classroom.Phase `json:"phase"`
	Students int             `json:"students,omitempty"`
	Marking  int             `json:"marking,omitempty"`
	Marks    int             `json:"marks,omitempty"`
}

// apiStream sends server-sent events about a session: the teacher gets
// its counts on every change, a student its phase. Every connection, and
// so every reconnection, starts with the current state, so nothing missed
// while disconnected matters. The stream ends with the request, or when
// the server shuts down.
func (s *Server) apiStream(c echo.Context) error {
	ctx := c.Request().Context()
	cs, teacher, err := s.streamAccess(c)
	if err != nil {
		return err
	}
	w := c.Response()
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // proxies must not hold events back
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	changes, stop := s.streams.Subscribe(cs.ID, !teacher)
	defer stop()
	var sent int // an event's id; a reconnection starts from the whole state anyway

	send := func(payload string) bool {
		// The server's write timeout is for ordinary responses; a stream
		// gets a fresh deadline per event instead.
		if err := rc.SetWriteDeadline(time.Now().Add(streamWrite)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := fmt.Fprint(w, payload); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	event := func() bool {
		if !s.stillAllowed(c, cs, teacher) {
			return false
		}
		state, err := s.streamState(c, cs.ID, teacher)
		if err != nil {
			s.log.Warn("class session stream", "session", cs.ID, "err", err)
			return false
		}
		data, _ := json.Marshal(state)
		sent++
		return send(fmt.Sprintf("id: %d\nretry: %d\nevent: state\ndata: %s\n\n", sent, streamRetryMS, data))
	}
	if !event() {
		return nil
	}
	keepalive := time.NewTicker(streamKeepalive)
	defer keepalive.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.shutdown:
			return nil
		case <-keepalive.C:
			if !s.stillAllowed(c, cs, teacher) || !send(": keepalive\n\n") {
				return nil
			}
		case <-changes:
			select {
			case <-ctx.Done():
				return nil
			case <-s.shutdown:
				return nil
			case <-time.After(streamGather):
			}
			if !event() {
				return nil
			}
		}
	}
}

// streamAccess lets in the session's teacher (or an admin) and its
// students.
func (s *Server) streamAccess(c echo.Context) (classroom.Session, bool, error) {
	cs, terr := s.teacherSession(c)
	if terr == nil {
		return cs, true, nil
	}
	if code := framing.ErrorCode(terr); code != framing.EUnauthorized && code != framing.EForbidden {
		return cs, false, terr
	}
	cs, _, serr := s.studentSession(c)
	if framing.ErrorCode(terr) == framing.EForbidden && framing.ErrorCode(serr) == framing.EUnauthorized {
		return cs, false, terr // a logged-in teacher of another session
	}
	return cs, false, serr
}

// stillAllowed checks again the cookie the stream was opened with: a
// teacher who logged out (or whose login expired) hears nothing more, and
// the stream ends at its next event or keep-alive.
func (s *Server) stillAllowed(c echo.Context, cs classroom.Session, teacher bool) bool {
	if !teacher {
		st, err := s.currentStudent(c)
		return err == nil && st != nil && st.SessionID == cs.ID
	}
	cookie, err := c.Cookie(sessionCookie)
	if err != nil || cookie.Value == "" {
		return false
	}
	u, err := s.store.SessionUser(c.Request().Context(), auth.TokenHash(cookie.Value))
	return err == nil && (u.ID == cs.TeacherID || u.Role == framing.RoleAdmin)
}

func (s *Server) streamState(c echo.Context, id int64, teacher bool) (streamState, error) {
	ctx := c.Request().Context()
	cs, err := s.loadClassSession(ctx, id)
	if err != nil {
		return streamState{}, err
	}
	out := streamState{Phase: cs.Phase}
	if !teacher {
		return out, nil
	}
	marks, err := s.store.SessionMarks(ctx, id)
	if err != nil {
		return out, err
	}
	if out.Students, err = s.store.CountStudents(ctx, id); err != nil {
		return out, err
	}
	marking := map[int64]bool{}
	for _, m := range marks {
		marking[m.StudentID] = true
	}
	out.Marks, out.Marking = len(marks), len(marking)
	return out, nil
}
