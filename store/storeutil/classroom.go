package storeutil

import (
	"context"
	"fmt"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

// ClassSessionColumns are the columns ScanClassSession reads, from
// class_sessions.
const ClassSessionColumns = `id, event_id, teacher_id, title, blind, code, phase, created_at, expires_at, last_article_id`

// ScanClassSession reads the columns of ClassSessionColumns.
func ScanClassSession(row Row) (classroom.Session, error) {
	var cs classroom.Session
	var phase string
	err := row.Scan(&cs.ID, &cs.EventID, &cs.TeacherID, &cs.Title, &cs.Blind, &cs.Code, &phase, &cs.CreatedAt, &cs.ExpiresAt, &cs.LastArticleID)
	cs.Phase = classroom.Phase(phase)
	return cs, err
}

// ClassSessionTx opens a class session inside its transaction. Each
// store adapts its own: the placeholders, and whether drawing a code
// needs a lock (PostgreSQL serves several instances at once) are the
// dialect's.
type ClassSessionTx interface {
	// CodeTaken tells whether a session that accepts joins at now has
	// the code.
	CodeTaken(ctx context.Context, code string, now time.Time) (bool, error)
	// InsertClassSession stores cs (its code and expiry set) and reads
	// back its id, phase, creation time and last article id.
	InsertClassSession(ctx context.Context, cs *classroom.Session) error
	InsertClassArticle(ctx context.Context, sessionID, articleID int64, position int) error
}

// codeAttempts is how many codes CreateClassSession draws before giving
// up: with hundreds of millions of codes, a second draw is already rare.
const codeAttempts = 20

// CreateClassSession opens a session with a join code drawn by newCode
// that no session accepting joins uses, and the chosen articles. inTx
// runs its function in one of the store's transactions.
func CreateClassSession(ctx context.Context, inTx func(func(ClassSessionTx) error) error, in classroom.SessionInput, newCode func() (string, error)) (classroom.Session, error) {
	now := time.Now().UTC()
	cs := classroom.Session{EventID: in.EventID, TeacherID: in.TeacherID, Title: in.Title, Blind: in.Blind,
		ArticleIDs: in.ArticleIDs, ExpiresAt: now.Add(classroom.SessionLifetime)}
	err := inTx(func(tx ClassSessionTx) error {
		// A transaction tried again draws afresh.
		cs.Code = ""
		for range codeAttempts {
			code, err := newCode()
			if err != nil {
				return err
			}
			taken, err := tx.CodeTaken(ctx, code, now)
			if err != nil {
				return fmt.Errorf("check join code: %w", err)
			}
			if !taken {
				cs.Code = code
				break
			}
		}
		if cs.Code == "" {
			return fmt.Errorf("no free join code after %d draws", codeAttempts)
		}
		if err := tx.InsertClassSession(ctx, &cs); err != nil {
			return fmt.Errorf("create class session on event %d: %w", in.EventID, err)
		}
		for i, id := range in.ArticleIDs {
			if err := tx.InsertClassArticle(ctx, cs.ID, id, i); err != nil {
				return fmt.Errorf("add article %d to class session: %w", id, err)
			}
		}
		return nil
	})
	return cs, err
}

// ErrNoClassSession is the answer for a session id that has none.
func ErrNoClassSession(id int64) error {
	return framing.Errorf(framing.ENotFound, "There is no class session %d.", id)
}

// ErrNoSessionForCode is the answer for a join code no session accepts.
func ErrNoSessionForCode() error {
	return framing.FieldErrorf(framing.ENotFound, "code", "No open session has this code. Check it with your teacher.")
}
