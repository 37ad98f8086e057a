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
func (s *Server) classSession(c echo.Context) (framing.ClassSession, error) {
	id, err := idParam(c, "sid", "class session")
	if err != nil {
		return framing.ClassSession{}, err
	}
	return s.loadClassSession(c.Request().Context(), id)
}

// loadClassSession loads a session as every page, endpoint and stream
// sees it: one past its lifetime is closed, whatever phase it was left in,
// so its code, marks, pages and live updates say so alike (a page and its
// stream that disagreed would reload each other for ever).
func (s *Server) loadClassSession(ctx context.Context, id int64) (framing.ClassSession, error) {
	cs, err := s.store.ClassSession(ctx, id)
	if err == nil && !cs.Open(time.Now()) {
		cs.Phase = framing.PhaseClosed
	}
	return cs, err
}

// teacherSession loads the session in the path for its teacher or an
// admin; anyone else is refused.
func (s *Server) teacherSession(c echo.Context) (framing.ClassSession, error) {
	u := currentUser(c)
	if u == nil {
		return framing.ClassSession{}, framing.Errorf(framing.EUnauthorized, "Log in as the session's teacher.")
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
func (s *Server) currentStudent(c echo.Context) (*framing.Student, error) {
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
func (s *Server) studentSession(c echo.Context) (framing.ClassSession, framing.Student, error) {
	cs, err := s.classSession(c)
	if err != nil {
		return cs, framing.Student{}, err
	}
	st, err := s.currentStudent(c)
	if err != nil {
		return cs, framing.Student{}, err
	}
	if st == nil {
		return cs, framing.Student{}, framing.Errorf(framing.EUnauthorized, "Join the session with its code first.")
	}
	if st.SessionID != cs.ID {
		return cs, *st, framing.Errorf(framing.EForbidden, "You joined another session; join this one with its code.")
	}
	return cs, *st, nil
}

// classArticles are the session's articles in reading order, with what
// the lexicons find in them (analyses are kept, so this is cheap).
func (s *Server) classArticles(ctx context.Context, cs framing.ClassSession) (*framing.Matcher, []framing.ArticleMatches, error) {
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
func (s *Server) classResults(ctx context.Context, cs framing.ClassSession) (*framing.Matcher, []framing.ArticleMatches, framing.ClassResults, error) {
	m, articles, err := s.classArticles(ctx, cs)
	if err != nil {
		return nil, nil, framing.ClassResults{}, err
	}
	marks, err := s.store.SessionMarks(ctx, cs.ID)
	if err != nil {
		return nil, nil, framing.ClassResults{}, err
	}
	students, err := s.store.CountStudents(ctx, cs.ID)
	if err != nil {
		return nil, nil, framing.ClassResults{}, err
	}
	return m, articles, framing.Results(m, articles, marks, students), nil
}

// joinSession checks a code and a nickname and lets the browser in as a
// student of the session. Wrong codes are limited per address; a browser
// that already joined the session keeps its student and marks.
func (s *Server) joinSession(c echo.Context, rawCode, rawNickname string) (framing.ClassSession, framing.Student, error) {
	ctx := c.Request().Context()
	key := "join:" + addressKey(c.RealIP())
	// An attempt is spent before the code is looked up, so that codes
	// guessed at once, on any instance, are counted at once; a code that
	// exists gives it back.
	wait, err := s.joins.Take(ctx, key)
	if err != nil {
		return framing.ClassSession{}, framing.Student{}, fmt.Errorf("count a join attempt: %w", err)
	}
	if wait > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		return framing.ClassSession{}, framing.Student{}, framing.FieldErrorf(framing.ETooMany, "code",
			"Too many wrong codes from this network. Wait %s, then try again.", waitWords(wait))
	}
	code, ok := framing.ParseJoinCode(rawCode)
	if !ok {
		return framing.ClassSession{}, framing.Student{}, framing.FieldErrorf(framing.EInvalid, "code",
			"A code has %d letters and digits, like %s. Check it with your teacher.", framing.JoinCodeLength, "K7M-4QX")
	}
	cs, err := s.store.ClassSessionByCode(ctx, code)
	if err != nil {
		if framing.ErrorCode(err) != framing.ENotFound {
			err = errors.Join(err, s.joins.Give(ctx, key))
		}
		return cs, framing.Student{}, err
	}
	if err := s.joins.Give(ctx, key); err != nil {
		return cs, framing.Student{}, fmt.Errorf("count a join attempt: %w", err)
	}
	st, err := s.currentStudent(c)
	if err != nil {
		return cs, framing.Student{}, err
	}
	if st != nil && st.SessionID == cs.ID {
		return cs, *st, nil
	}
	nickname, err := framing.NormalizeNickname(rawNickname)
	if err != nil {
		return cs, framing.Student{}, err
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return cs, framing.Student{}, err
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

// addMark stores a student's mark once framing.AcceptMark has let it in.
func (s *Server) addMark(ctx context.Context, cs framing.ClassSession, st framing.Student, in framing.MarkInput) (framing.Mark, error) {
	m, err := framing.AcceptMark(ctx, cs, st, in, time.Now(), markFacts{s: s, cs: cs, st: st})
	if err != nil {
		return m, err
	}
	if m, err = s.store.AddMark(ctx, m, framing.MaxMarksPerStudent); err != nil {
		return m, err
	}
	s.changed(ctx, cs.ID, false)
	return m, nil
}

// markFacts looks up what framing.AcceptMark asks about a student's mark.
type markFacts struct {
	s  *Server
	cs framing.ClassSession
	st framing.Student
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
func (s *Server) setPhase(ctx context.Context, cs framing.ClassSession, raw string) (framing.ClassSession, error) {
	next, err := framing.ParsePhase(raw)
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
	return c.Scheme() + "://" + c.Request().Host + "/join?code=" + framing.FormatJoinCode(code)
}
