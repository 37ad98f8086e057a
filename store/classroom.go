package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"framelens/framing/classroom"
	"framelens/store/storeutil"
)

const (
	insertClassSessionSQL = `
INSERT INTO class_sessions (event_id, teacher_id, title, blind, code, expires_at, last_article_id)
VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM articles)) RETURNING id, phase, created_at, last_article_id`
	insertClassArticleSQL = `INSERT INTO class_session_articles (session_id, article_id, position) VALUES (?, ?, ?)`
	// A code is taken while a session with it still accepts it.
	codeTakenSQL    = `SELECT COUNT(*) FROM class_sessions WHERE code = ? AND phase <> 'closed' AND expires_at > ?`
	classSessionSQL = `SELECT ` + storeutil.ClassSessionColumns + ` FROM class_sessions WHERE id = ?`
	classByCodeSQL  = `
SELECT ` + storeutil.ClassSessionColumns + ` FROM class_sessions
WHERE code = ? AND phase <> 'closed' AND expires_at > ? ORDER BY id DESC LIMIT 1`
	teacherSessionsSQL = `SELECT ` + storeutil.ClassSessionColumns + ` FROM class_sessions WHERE teacher_id = ? ORDER BY id DESC LIMIT 100`
	classArticlesSQL   = `SELECT article_id FROM class_session_articles WHERE session_id = ? ORDER BY position`
	setPhaseSQL        = `UPDATE class_sessions SET phase = ? WHERE id = ?`
)

// CreateClassSession opens a session with a join code drawn by newCode
// that no session accepting joins uses, and the chosen articles.
func (s *Store) CreateClassSession(ctx context.Context, in classroom.SessionInput, newCode func() (string, error)) (classroom.Session, error) {
	return storeutil.CreateClassSession(ctx, func(fn func(storeutil.ClassSessionTx) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(classSessionTx{tx}) })
	}, in, newCode)
}

// classSessionTx is storeutil.ClassSessionTx on an SQLite transaction.
// Drawing a code needs no lock: SQLite writes one transaction at a time.
type classSessionTx struct{ tx *sql.Tx }

func (x classSessionTx) CodeTaken(ctx context.Context, code string, now time.Time) (bool, error) {
	var taken int
	err := x.tx.QueryRowContext(ctx, codeTakenSQL, code, now).Scan(&taken)
	return taken > 0, err
}

func (x classSessionTx) InsertClassSession(ctx context.Context, cs *classroom.Session) error {
	var phase string
	err := x.tx.QueryRowContext(ctx, insertClassSessionSQL, cs.EventID, cs.TeacherID, cs.Title, cs.Blind, cs.Code,
		cs.ExpiresAt).Scan(&cs.ID, &phase, &cs.CreatedAt, &cs.LastArticleID)
	cs.Phase = classroom.Phase(phase)
	return err
}

func (x classSessionTx) InsertClassArticle(ctx context.Context, sessionID, articleID int64, position int) error {
	_, err := x.tx.ExecContext(ctx, insertClassArticleSQL, sessionID, articleID, position)
	return err
}

// ClassSession loads a session with its articles' ids, or ENotFound.
func (s *Store) ClassSession(ctx context.Context, id int64) (classroom.Session, error) {
	cs, err := storeutil.ScanClassSession(s.db.QueryRowContext(ctx, classSessionSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return cs, storeutil.ErrNoClassSession(id)
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
	cs, err := storeutil.ScanClassSession(s.db.QueryRowContext(ctx, classByCodeSQL, code, time.Now().UTC()))
	if errors.Is(err, sql.ErrNoRows) {
		return cs, storeutil.ErrNoSessionForCode()
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
		cs, err := storeutil.ScanClassSession(rows)
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
