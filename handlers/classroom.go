package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"framelens/auth"
	"framelens/framing"
	"framelens/framing/classroom"
)

const studentCookie = "framelens_student"

// Join attempts per address: an attempt counts from before its code is
// looked up until the code is found (so that guesses sent at once count at
// once), so the allowance holds a whole class joining at the same instant
// behind a school's one address, with room for mistyped codes; a guesser
// of six characters from 31 still gets nowhere at one try every few
// seconds.
const (
	joinBurst  = 60
	joinRefill = 3 * time.Second
)

// classSession loads the session in the path.
func (s *Server) classSession(c echo.Context) (classroom.Session, error) {
	id, err := idParam(c, "sid", "class session")
	if err != nil {
		return classroom.Session{}, err
	}
	return s.loadClassSession(c.Request().Context(), id)
}

// loadClassSession loads a session as every page, endpoint and stream
// sees it: one past its lifetime is closed, whatever phase it was left in,
// so its code, marks, pages and live updates say so alike (a page and its
// stream that disagreed would reload each other for ever).
func (s *Server) loadClassSession(ctx context.Context, id int64) (classroom.Session, error) {
	cs, err := s.store.ClassSession(ctx, id)
	if err == nil && !cs.Open(time.Now()) {
		cs.Phase = classroom.PhaseClosed
	}
	return cs, err
}

// teacherSession loads the session in the path for its teacher or an
// admin; anyone else is refused.
func (s *Server) teacherSession(c echo.Context) (classroom.Session, error) {
	u := currentUser(c)
	if u == nil {
		return classroom.Session{}, framing.Errorf(framing.EUnauthorized, "Log in as the session's teacher.")
	}
	cs, err := s.classSession(c)
	if err != nil {
		return cs, err
	}
	if u.ID != cs.TeacherID && u.Role != framing.RoleAdmin {
		return cs, framing.Errorf(framing.EForbidden, "Only the teacher who opened this session can run it.")
	}
	return cs, nil
}

// currentStudent is the student of the browser's cookie, or nil.
func (s *Server) currentStudent(c echo.Context) (*classroom.Student, error) {
	cookie, err := c.Cookie(studentCookie)
	if err != nil || cookie.Value == "" {
		return nil, nil
	}
	st, err := s.store.StudentByToken(c.Request().Context(), auth.TokenHash(cookie.Value))
	if framing.ErrorCode(err) == framing.EUnauthorized {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// studentSession loads the session in the path for one of its students.
func (s *Server) studentSession(c echo.Context) (classroom.Session, classroom.Student, error) {
	cs, err := s.classSession(c)
	if err != nil {
		return cs, classroom.Student{}, err
	}
	st, err := s.currentStudent(c)
	if err != nil {
		return cs, classroom.Student{}, err
	}
	if st == nil {
		return cs, classroom.Student{}, framing.Errorf(framing.EUnauthorized, "Join the session with its code first.")
	}
	if st.SessionID != cs.ID {
		return cs, *st, framing.Errorf(framing.EForbidden, "You joined another session; join this one with its code.")
	}
	return cs, *st, nil
}

// classArticles are the session's articles in reading order, with what
// the lexicons find in them (analyses are kept, so this is cheap).
func (s *Server) classArticles(ctx context.Context, cs classroom.Session) (*framing.Matcher, []framing.ArticleMatches, error) {
	all, err := s.store.Articles(ctx, cs.EventID)
	if err != nil {
		return nil, nil, err
	}
	byID := map[int64]framing.Article{}
	for _, a := range all {
		byID[a.ID] = a
	}
	var articles []framing.Article
	for _, id := range cs.ArticleIDs {
		if a, ok := byID[id]; ok {
			articles = append(articles, a)
		}
	}
	m, cmp, err := s.analyzer.Compare(ctx, articles)
	if err != nil {
		return nil, nil, fmt.Errorf("analyse the articles of class session %d: %w", cs.ID, err)
	}
	out := make([]framing.ArticleMatches, len(articles))
	for i, a := range articles {
		out[i] = framing.ArticleMatches{Article: a}
		if i < len(cmp.Matches) {
			out[i].Matches = cmp.Matches[i]
		}
	}
	return m, out, nil
}

// classResults adds up the session's marks.
func (s *Server) classResults(ctx context.Context, cs classroom.Session) (*framing.Matcher, []framing.ArticleMatches, classroom.Results, error) {
	m, articles, err := s.classArticles(ctx, cs)
	if err != nil {
		return nil, nil, classroom.Results{}, err
	}
	marks, err := s.store.SessionMarks(ctx, cs.ID)
	if err != nil {
		return nil, nil, classroom.Results{}, err
	}
	students, err := s.store.CountStudents(ctx, cs.ID)
	if err != nil {
		return nil, nil, classroom.Results{}, err
	}
	return m, articles, classroom.Tally(m, articles, marks, students), nil
}

// joinSession checks a code and a nickname and lets the browser in as a
// student of the session. Wrong codes are limited per address; a browser
// that already joined the session keeps its student and marks.
func (s *Server) joinSession(c echo.Context, rawCode, rawNickname string) (classroom.Session, classroom.Student, error) {
	ctx := c.Request().Context()
	key := "join:" + addressKey(c.RealIP())
	// An attempt is spent before the code is looked up, so that codes
	// guessed at once, on any instance, are counted at once; a code that
	// exists gives it back.
	wait, err := s.joins.Take(ctx, key)
	if err != nil {
		return classroom.Session{}, classroom.Student{}, fmt.Errorf("count a join attempt: %w", err)
	}
	if wait > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		return classroom.Session{}, classroom.Student{}, framing.FieldErrorf(framing.ETooMany, "code",
			"Too many wrong codes from this network. Wait %s, then try again.", waitWords(wait))
	}
	code, ok := classroom.ParseJoinCode(rawCode)
	if !ok {
		return classroom.Session{}, classroom.Student{}, framing.FieldErrorf(framing.EInvalid, "code",
			"A code has %d letters and digits, like %s. Check it with your teacher.", classroom.JoinCodeLength, "K7M-4QX")
	}
	cs, err := s.store.ClassSessionByCode(ctx, code)
	if err != nil {
		if framing.ErrorCode(err) != framing.ENotFound {
			err = errors.Join(err, s.joins.Give(ctx, key))
		}
		return cs, classroom.Student{}, err
	}
	if err := s.joins.Give(ctx, key); err != nil {
		return cs, classroom.Student{}, fmt.Errorf("count a join attempt: %w", err)
	}
	st, err := s.currentStudent(c)
	if err != nil {
		return cs, classroom.Student{}, err
	}
	if st != nil && st.SessionID == cs.ID {
		return cs, *st, nil
	}
	nickname, err := classroom.NormalizeNickname(rawNickname)
	if err != nil {
		return cs, classroom.Student{}, err
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return cs, classroom.Student{}, err
	}
	joined, err := s.store.JoinClassSession(ctx, cs.ID, nickname, tokenHash)
	if err != nil {
		return cs, joined, err
	}
	c.SetCookie(&http.Cookie{
		Name: studentCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: c.Scheme() == "https", Expires: cs.ExpiresAt,
	})
	s.changed(ctx, cs.ID, false)
	return cs, joined, nil
}

// addMark stores a student's mark once classroom.AcceptMark has let it in.
func (s *Server) addMark(ctx context.Context, cs classroom.Session, st classroom.Student, in classroom.MarkInput) (classroom.Mark, error) {
	m, err := classroom.AcceptMark(ctx, cs, st, in, time.Now(), markFacts{s: s, cs: cs, st: st})
	if err != nil {
		return m, err
	}
	if m, err = s.store.AddMark(ctx, m, classroom.MaxMarksPerStudent); err != nil {
		return m, err
	}
	s.changed(ctx, cs.ID, false)
	return m, nil
}

// markFacts looks up what classroom.AcceptMark asks about a student's mark.
type markFacts struct {
	s  *Server
	cs classroom.Session
	st classroom.Student
}

func (f markFacts) Article(ctx context.Context, id int64) (framing.Article, error) {
	return f.s.store.Article(ctx, id)
}

func (f markFacts) Names(ctx context.Context) (framing.NameMasker, error) {
	return f.s.maskFor(ctx, f.cs)
}

func (f markFacts) ConceptApplies(ctx context.Context, conceptID int64) (bool, error) {
	t, err := f.s.analyzer.EventTopics(ctx, f.cs.EventID)
	if err != nil {
		return false, err
	}
	return f.s.store.ConceptInLexicons(ctx, conceptID, t.Slugs)
}

func (f markFacts) MarksMade(ctx context.Context) (int, error) {
	return f.s.store.CountStudentMarks(ctx, f.st.ID)
}

// setPhase moves a session forward and tells everyone watching it.
func (s *Server) setPhase(ctx context.Context, cs classroom.Session, raw string) (classroom.Session, error) {
	next, err := classroom.ParsePhase(raw)
	if err != nil {
		return cs, err
	}
	if !cs.Phase.CanMoveTo(next) {
		return cs, framing.FieldErrorf(framing.EConflict, "phase",
			"The session is in %s already; a session only moves forward (marking, reveal, closed).", cs.Phase)
	}
	if next == cs.Phase {
		return cs, nil
	}
	if err := s.store.SetClassPhase(ctx, cs.ID, next); err != nil {
		return cs, err
	}
	cs.Phase = next
	s.changed(ctx, cs.ID, true)
	return cs, nil
}

// joinURL is the absolute address students open, with the code filled in.
func joinURL(c echo.Context, code string) string {
	return c.Scheme() + "://" + c.Request().Host + "/join?code=" + classroom.FormatJoinCode(code)
}
