package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

const (
	insertClassSessionSQL = `
INSERT INTO class_sessions (event_id, teacher_id, title, blind, code, expires_at, last_article_id)
VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM articles)) RETURNING id, phase, created_at, last_article_id`
	insertClassArticleSQL = `INSERT INTO class_session_articles (session_id, article_id, position) VALUES (?, ?, ?)`
	// A code is taken while a session with it still accepts it.
	codeTakenSQL     = `SELECT COUNT(*) FROM class_sessions WHERE code = ? AND phase <> 'closed' AND expires_at > ?`
	classSessionCols = `id, event_id, teacher_id, title, blind, code, phase, created_at, expires_at, last_article_id`
	classSessionSQL  = `SELECT ` + classSessionCols + ` FROM class_sessions WHERE id = ?`
	classByCodeSQL   = `
SELECT ` + classSessionCols + ` FROM class_sessions
WHERE code = ? AND phase <> 'closed' AND expires_at > ? ORDER BY id DESC LIMIT 1`
	teacherSessionsSQL = `SELECT ` + classSessionCols + ` FROM class_sessions WHERE teacher_id = ? ORDER BY id DESC LIMIT 100`
	classArticlesSQL   = `SELECT article_id FROM class_session_articles WHERE session_id = ? ORDER BY position`
	setPhaseSQL        = `UPDATE class_sessions SET phase = ? WHERE id = ?`
)

// codeAttempts is how many codes CreateClassSession draws before giving
// up: with hundreds of millions of codes, a second draw is already rare.
const codeAttempts = 20

// CreateClassSession opens a session with a join code drawn by newCode
// that no session accepting joins uses, and the chosen articles.
func (s *Store) CreateClassSession(ctx context.Context, in classroom.SessionInput, newCode func() (string, error)) (classroom.Session, error) {
	now := time.Now().UTC()
	cs := classroom.Session{EventID: in.EventID, TeacherID: in.TeacherID, Title: in.Title, Blind: in.Blind,
		ArticleIDs: in.ArticleIDs, ExpiresAt: now.Add(classroom.SessionLifetime)}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for range codeAttempts {
			code, err := newCode()
			if err != nil {
				return err
			}
			var taken int
			if err := tx.QueryRowContext(ctx, codeTakenSQL, code, now).Scan(&taken); err != nil {
				return fmt.Errorf("check join code: %w", err)
			}
			if taken == 0 {
				cs.Code = code
				break
			}
		}
		if cs.Code == "" {
			return fmt.Errorf("no free join code after %d draws", codeAttempts)
		}
		var phase string
		err := tx.QueryRowContext(ctx, insertClassSessionSQL, in.EventID, in.TeacherID, in.Title, in.Blind, cs.Code,
			cs.ExpiresAt).Scan(&cs.ID, &phase, &cs.CreatedAt, &cs.LastArticleID)
		if err != nil {
			return fmt.Errorf("create class session on event %d: %w", in.EventID, err)
		}
		cs.Phase = classroom.Phase(phase)
		for i, id := range in.ArticleIDs {
			if _, err := tx.ExecContext(ctx, insertClassArticleSQL, cs.ID, id, i); err != nil {
				return fmt.Errorf("add article %d to class session: %w", id, err)
			}
		}
		return nil
	})
	return cs, err
}

func scanClassSession(row interface{ Scan(...any) error }) (classroom.Session, error) {
	var cs classroom.Session
	var phase string
	err := row.Scan(&cs.ID, &cs.EventID, &cs.TeacherID, &cs.Title, &cs.Blind, &cs.Code, &phase, &cs.CreatedAt, &cs.ExpiresAt, &cs.LastArticleID)
	cs.Phase = classroom.Phase(phase)
	return cs, err
}

// ClassSession loads a session with its articles' ids, or ENotFound.
func (s *Store) ClassSession(ctx context.Context, id int64) (classroom.Session, error) {
	cs, err := scanClassSession(s.db.QueryRowContext(ctx, classSessionSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return cs, framing.Errorf(framing.ENotFound, "There is no class session %d.", id)
	}
	if err != nil {
		return cs, fmt.Errorf("load class session %d: %w", id, err)
	}
	return cs, s.loadClassArticles(ctx, &cs)
}

func (s *Store) loadClassArticles(ctx context.Context, cs *classroom.Session) error {
	err := s.query(ctx, classArticlesSQL, func(rows *sql.Rows) error {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		cs.ArticleIDs = append(cs.ArticleIDs, id)
		return nil
	}, cs.ID)
	if err != nil {
		return fmt.Errorf("load articles of class session %d: %w", cs.ID, err)
	}
	return nil
}

// ClassSessionByCode finds the session that accepts a join code now, or
// ENotFound: closed and expired sessions accept none.
func (s *Store) ClassSessionByCode(ctx context.Context, code string) (classroom.Session, error) {
	cs, err := scanClassSession(s.db.QueryRowContext(ctx, classByCodeSQL, code, time.Now().UTC()))
	if errors.Is(err, sql.ErrNoRows) {
		return cs, framing.FieldErrorf(framing.ENotFound, "code", "No open session has this code. Check it with your teacher.")
	}
	if err != nil {
		return cs, fmt.Errorf("find class session by code: %w", err)
	}
	return cs, s.loadClassArticles(ctx, &cs)
}

// TeacherSessions lists a teacher's sessions, newest first.
func (s *Store) TeacherSessions(ctx context.Context, teacherID int64) ([]classroom.Session, error) {
	var list []classroom.Session
	err := s.query(ctx, teacherSessionsSQL, func(rows *sql.Rows) error {
		cs, err := scanClassSession(rows)
		list = append(list, cs)
		return err
	}, teacherID)
	if err != nil {
		return nil, fmt.Errorf("list class sessions of user %d: %w", teacherID, err)
	}
	return list, nil
}

// SetClassPhase moves a session to another phase.
func (s *Store) SetClassPhase(ctx context.Context, id int64, phase classroom.Phase) error {
	if _, err := s.exec(ctx, setPhaseSQL, string(phase), id); err != nil {
		return fmt.Errorf("set phase of class session %d: %w", id, err)
	}
	return nil
}
