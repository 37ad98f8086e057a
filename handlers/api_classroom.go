package handlers

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/classroom"
)

type classSessionRequest struct {
	EventID    int64   `json:"event_id"`
	Title      string  `json:"title"`
	Blind      bool    `json:"blind"`
	ArticleIDs []int64 `json:"article_ids"`
}

type classSessionJSON struct {
	ID         int64           `json:"id"`
	EventID    int64           `json:"event_id"`
	Title      string          `json:"title"`
	Blind      bool            `json:"blind"`
	Code       string          `json:"code"`
	Phase      classroom.Phase `json:"phase"`
	JoinURL    string          `json:"join_url"`
	QRURL      string          `json:"qr_url"`
	ArticleIDs []int64         `json:"article_ids"`
	CreatedAt  time.Time       `json:"created_at"`
	ExpiresAt  time.Time       `json:"expires_at"`
	StreamURL  string          `json:"stream_url"`
}

func toClassSessionJSON(c echo.Context, cs classroom.Session) classSessionJSON {
	return classSessionJSON{ID: cs.ID, EventID: cs.EventID, Title: cs.Title, Blind: cs.Blind,
		Code: classroom.FormatJoinCode(cs.Code), Phase: cs.Phase, JoinURL: joinURL(c, cs.Code),
		QRURL: fmt.Sprintf("/sessions/%d/qr.png", cs.ID), ArticleIDs: cs.ArticleIDs, CreatedAt: cs.CreatedAt,
		ExpiresAt: cs.ExpiresAt, StreamURL: fmt.Sprintf("/api/sessions/%d/stream", cs.ID)}
}

// openSession checks a teacher's request against the event and opens the
// session.
func (s *Server) openSession(c echo.Context, in classroom.SessionInput) (classroom.Session, error) {
	ctx := c.Request().Context()
	ev, err := s.store.Event(ctx, in.EventID)
	if err != nil {
		return classroom.Session{}, framing.FieldErrorf(framing.ENotFound, "event_id", "There is no event %d.", in.EventID)
	}
	articles, err := s.store.Articles(ctx, ev.ID)
	if err != nil {
		return classroom.Session{}, err
	}
	in.TeacherID = currentUser(c).ID
	if err := in.Normalize(ev.Title, articles); err != nil {
		return classroom.Session{}, err
	}
	return s.store.CreateClassSession(ctx, in, classroom.NewJoinCode)
}

func (s *Server) apiCreateSession(c echo.Context) error {
	var req classSessionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cs, err := s.openSession(c, classroom.SessionInput{EventID: req.EventID, Title: req.Title, Blind: req.Blind,
		ArticleIDs: req.ArticleIDs})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/sessions/%d", cs.ID))
	return c.JSON(http.StatusCreated, toClassSessionJSON(c, cs))
}

func (s *Server) apiSession(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toClassSessionJSON(c, cs))
}

type joinRequest struct {
	Code     string `json:"code"`
	Nickname string `json:"nickname"`
}

type studentJSON struct {
	SessionID int64  `json:"session_id"`
	StudentID int64  `json:"student_id"`
	Nickname  string `json:"nickname"`
	URL       string `json:"url"`
}

func (s *Server) apiJoin(c echo.Context) error {
	var req joinRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cs, st, err := s.joinSession(c, req.Code, req.Nickname)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, studentJSON{SessionID: cs.ID, StudentID: st.ID, Nickname: st.Nickname, URL: studentURL(cs.ID)})
}

func studentURL(id int64) string { return fmt.Sprintf("/sessions/%d/read", id) }

type markRequest struct {
	ArticleID int64  `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	ConceptID int64  `json:"concept_id"`
	Note      string `json:"note"`
}

type markJSON struct {
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Text      string    `json:"text"`
	ConceptID int64     `json:"concept_id,omitempty"`
	Note      string    `json:"note"`
	CreatedAt time.Time `json:"created_at"`
}

// toMarkJSON is a student's own mark; in a blind session before the reveal
// an outlet named in the marked text is given as its alias.
func toMarkJSON(m classroom.Mark, names framing.NameMasker) markJSON {
	return markJSON{ID: m.ID, ArticleID: m.ArticleID, Start: m.Start, End: m.End, Text: names.Mask(m.Text), ConceptID: m.ConceptID,
		Note: m.Note, CreatedAt: m.CreatedAt}
}

// maskFor is the articles whose outlet names a blind session hides until
// the reveal (classroom.BlindMask), or nil once they may be seen.
func (s *Server) maskFor(ctx context.Context, cs classroom.Session) (framing.NameMasker, error) {
	if !cs.MaskOutlets() {
		return framing.NameMasker{}, nil
	}
	all, err := s.store.Articles(ctx, cs.EventID)
	if err != nil {
		return framing.NameMasker{}, err
	}
	return framing.NewNameMasker(classroom.BlindMask(cs, all)), nil
}

func (s *Server) apiAddMark(c echo.Context) error {
	cs, st, err := s.studentSession(c)
	if err != nil {
		return err
	}
	var req markRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m, err := s.addMark(c.Request().Context(), cs, st, classroom.MarkInput{ArticleID: req.ArticleID, Start: req.Start,
		End: req.End, ConceptID: req.ConceptID, Note: req.Note})
	if err != nil {
		return err
	}
	mask, err := s.maskFor(c.Request().Context(), cs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toMarkJSON(m, mask))
}

func (s *Server) apiDeleteMark(c echo.Context) error {
	cs, st, err := s.studentSession(c)
	if err != nil {
		return err
	}
	markID, err := idParam(c, "mark", "mark")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := s.store.DeleteMark(ctx, st.ID, markID); err != nil {
		return err
	}
	s.changed(ctx, cs.ID, false)
	return c.NoContent(http.StatusNoContent)
}

// apiOwnMarks lists the calling student's marks: what a reloaded page, or
// another tab, starts from.
func (s *Server) apiOwnMarks(c echo.Context) error {
	cs, st, err := s.studentSession(c)
	if err != nil {
		return err
	}
	marks, err := s.store.StudentMarks(c.Request().Context(), st.ID)
	if err != nil {
		return err
	}
	mask, err := s.maskFor(c.Request().Context(), cs)
	if err != nil {
		return err
	}
	out := make([]markJSON, 0, len(marks))
	for _, m := range marks {
		out = append(out, toMarkJSON(m, mask))
	}
	return c.JSON(http.StatusOK, map[string]any{"nickname": st.Nickname, "phase": cs.Phase, "marks": out})
}

type phaseRequest struct {
	Phase string `json:"phase"`
}

func (s *Server) apiSetPhase(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	var req phaseRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	cs, err = s.setPhase(c.Request().Context(), cs, req.Phase)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toClassSessionJSON(c, cs))
}
