package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/store/storeutil"
)

const (
	insertStudentSQL  = `INSERT INTO class_students (session_id, nickname, nickname_key, token_hash) VALUES (?, ?, ?, ?) RETURNING id, joined_at`
	nicknameInUseSQL  = `SELECT nickname FROM class_students WHERE session_id = ? AND nickname_key = ?`
	studentByTokenSQL = `SELECT id, session_id, nickname, joined_at FROM class_students WHERE token_hash = ?`
	countStudentsSQL  = `SELECT COUNT(*) FROM class_students WHERE session_id = ?`
	countOwnMarksSQL  = `SELECT COUNT(*) FROM class_marks WHERE student_id = ?`
	// A concept is among an event's lexicons when its lexicon is general
	// or one of the event's topics (framing.Scoped).
	conceptInLexiconsSQL = `
SELECT EXISTS (SELECT 1 FROM concepts c JOIN lexicons l ON l.id = c.lexicon_id
WHERE c.id = ? AND (l.scope <> 'topic' OR l.slug IN (SELECT value FROM json_each(?))))`
	// A mark lands only while its session is open; the check and the
	// insert are one statement, so a close in between cannot slip by.
	insertMarkSQL = `
INSERT INTO class_marks (session_id, student_id, article_id, start_byte, end_byte, text, concept_id, note)
SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM class_sessions WHERE id = ? AND phase <> 'closed' AND expires_at > ?
RETURNING id, created_at`
	sessionMarksSQL = `SELECT ` + storeutil.MarkColumns + ` FROM class_marks m JOIN class_students s ON s.id = m.student_id
WHERE m.session_id = ? ORDER BY m.id`
	studentMarksSQL = `SELECT ` + storeutil.MarkColumns + ` FROM class_marks m JOIN class_students s ON s.id = m.student_id
WHERE m.student_id = ? ORDER BY m.article_id, m.start_byte, m.id`
	deleteMarkSQL = `
DELETE FROM class_marks WHERE id = ? AND student_id = ?
AND session_id IN (SELECT id FROM class_sessions WHERE phase <> 'closed' AND expires_at > ?)`
)

// JoinClassSession adds a student. A nickname already in the session (in
// any case of any script, see classroom.NicknameKey) is EConflict, so the
// teacher can tell every student apart.
func (s *Store) JoinClassSession(ctx context.Context, sessionID int64, nickname, tokenHash string) (classroom.Student, error) {
	st := classroom.Student{SessionID: sessionID, Nickname: nickname}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertStudentSQL, sessionID, nickname, classroom.NicknameKey(nickname), tokenHash).Scan(&st.ID, &st.JoinedAt)
	})
	if isUniqueViolation(err) {
		// The message names the nickname as the class sees it ("Amira"),
		// not as this student typed it ("amira").
		inUse := nickname
		if err := s.db.QueryRowContext(ctx, nicknameInUseSQL, sessionID, classroom.NicknameKey(nickname)).Scan(&inUse); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return st, fmt.Errorf("find the nickname in use in class session %d: %w", sessionID, err)
		}
		return st, storeutil.ErrNicknameTaken(inUse)
	}
	if err != nil {
		return st, fmt.Errorf("join class session %d: %w", sessionID, err)
	}
	return st, nil
}

// StudentByToken finds the student of a cookie's token hash, or
// EUnauthorized.
func (s *Store) StudentByToken(ctx context.Context, tokenHash string) (classroom.Student, error) {
	var st classroom.Student
	err := s.db.QueryRowContext(ctx, studentByTokenSQL, tokenHash).Scan(&st.ID, &st.SessionID, &st.Nickname, &st.JoinedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return st, storeutil.ErrNotJoined()
	}
	if err != nil {
		return st, fmt.Errorf("load student: %w", err)
	}
	return st, nil
}

// CountStudents is how many students joined a session.
func (s *Store) CountStudents(ctx context.Context, sessionID int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, countStudentsSQL, sessionID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count students of class session %d: %w", sessionID, err)
	}
	return n, nil
}

// CountStudentMarks is how many marks a student has made.
func (s *Store) CountStudentMarks(ctx context.Context, studentID int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, countOwnMarksSQL, studentID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count marks of student %d: %w", studentID, err)
	}
	return n, nil
}

// ConceptInLexicons reports whether a concept belongs to a general lexicon
// or to one of the topic lexicons named by slug: those that apply to an
// event whose topics they are.
func (s *Store) ConceptInLexicons(ctx context.Context, conceptID int64, topics []string) (bool, error) {
	if topics == nil {
		topics = []string{}
	}
	list, err := json.Marshal(topics)
	if err != nil {
		return false, fmt.Errorf("encode lexicon slugs: %w", err)
	}
	var in bool
	if err := s.db.QueryRowContext(ctx, conceptInLexiconsSQL, conceptID, string(list)).Scan(&in); err != nil {
		return false, fmt.Errorf("look up concept %d among lexicons: %w", conceptID, err)
	}
	return in, nil
}

// AddMark stores a mark unless the student has made limit marks already
// (EConflict). The count and the insert are one transaction, so a student
// posting many marks at once cannot slip past the limit. A closed or
// expired session refuses the mark (EConflict); the same span marked twice
// by one student is EConflict.
func (s *Store) AddMark(ctx context.Context, m classroom.Mark, limit int) (classroom.Mark, error) {
	var concept any
	if m.ConceptID > 0 {
		concept = m.ConceptID
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, countOwnMarksSQL, m.StudentID).Scan(&n); err != nil {
			return fmt.Errorf("count marks of student %d: %w", m.StudentID, err)
		}
		if n >= limit {
			return classroom.TooManyMarks(n)
		}
		return tx.QueryRowContext(ctx, insertMarkSQL, m.SessionID, m.StudentID, m.ArticleID, m.Start, m.End, m.Text,
			concept, m.Note, m.SessionID, time.Now().UTC()).Scan(&m.ID, &m.CreatedAt)
	})
	var fe *framing.Error
	switch {
	case errors.As(err, &fe):
		return m, err
	case errors.Is(err, sql.ErrNoRows):
		return m, classroom.ErrSessionClosed
	case isUniqueViolation(err):
		return m, storeutil.ErrMarkedTwice
	case err != nil:
		return m, fmt.Errorf("add mark to class session %d: %w", m.SessionID, err)
	}
	return m, nil
}

// DeleteMark removes one of a student's own marks. A mark that is not
// theirs is ENotFound, which tells nothing about other students' marks.
func (s *Store) DeleteMark(ctx context.Context, studentID, markID int64) error {
	res, err := s.exec(ctx, deleteMarkSQL, markID, studentID, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("delete mark %d: %w", markID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return fmt.Errorf("delete mark %d: %w", markID, err)
		}
		return storeutil.ErrNoMark(markID)
	}
	return nil
}

// SessionMarks lists every mark of a session, oldest first, with the
// students' nicknames.
func (s *Store) SessionMarks(ctx context.Context, sessionID int64) ([]classroom.Mark, error) {
	return s.marks(ctx, sessionMarksSQL, sessionID, "class session")
}

// StudentMarks lists one student's marks in text order.
func (s *Store) StudentMarks(ctx context.Context, studentID int64) ([]classroom.Mark, error) {
	return s.marks(ctx, studentMarksSQL, studentID, "student")
}

func (s *Store) marks(ctx context.Context, query sqlText, id int64, what string) ([]classroom.Mark, error) {
	var list []classroom.Mark
	err := s.query(ctx, query, func(rows *sql.Rows) error {
		m, err := storeutil.ScanMark(rows)
		list = append(list, m)
		return err
	}, id)
	if err != nil {
		return nil, fmt.Errorf("list marks of %s %d: %w", what, id, err)
	}
	return list, nil
}
