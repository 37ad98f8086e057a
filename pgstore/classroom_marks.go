package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/store/storeutil"
)

const (
	insertStudentSQL = `INSERT INTO class_students (session_id, nickname, nickname_key, token_hash) VALUES ($1, $2, $3, $4) RETURNING id, joined_at`
	// Who has the nickname in the session, and whether the token is taken
	// (a token is drawn at random, so only by chance).
	joinTakenSQL = `
SELECT (SELECT nickname FROM class_students WHERE session_id = $1 AND nickname_key = $2),
       EXISTS (SELECT 1 FROM class_students WHERE token_hash = $3)`
	studentByTokenSQL = `SELECT id, session_id, nickname, joined_at FROM class_students WHERE token_hash = $1`
	countStudentsSQL  = `SELECT COUNT(*) FROM class_students WHERE session_id = $1`
	// A student's marks are added one at a time: the student's row is
	// locked before they are counted, so that many marks posted at once by
	// one student, on any instance, cannot slip past the limit.
	lockStudentSQL = `SELECT 1 FROM class_students WHERE id = $1 FOR NO KEY UPDATE`
	// A mark lands only while its session is open, below the limit and not
	// marked before; the checks and the insert are one statement, so a
	// close in between cannot slip by, and a refused mark uses up no id.
	insertMarkSQL = `
INSERT INTO class_marks (session_id, student_id, article_id, start_byte, end_byte, text, concept_id, note)
SELECT $1, $2, $3, $4, $5, $6, $7, $8 FROM class_sessions
WHERE id = $1 AND phase <> 'closed' AND expires_at > $9
  AND (SELECT COUNT(*) FROM class_marks WHERE student_id = $2) < $10
  AND NOT EXISTS (SELECT 1 FROM class_marks WHERE student_id = $2 AND article_id = $3 AND start_byte = $4 AND end_byte = $5)
RETURNING id, created_at`
	// Why a mark was refused, asked only when one was.
	markRefusedSQL = `
SELECT (SELECT COUNT(*) FROM class_marks WHERE student_id = $2),
       EXISTS (SELECT 1 FROM class_sessions WHERE id = $1 AND phase <> 'closed' AND expires_at > $3)`
	sessionMarksSQL = `SELECT ` + storeutil.MarkColumns + ` FROM class_marks m JOIN class_students s ON s.id = m.student_id
WHERE m.session_id = $1 ORDER BY m.id`
	studentMarksSQL = `SELECT ` + storeutil.MarkColumns + ` FROM class_marks m JOIN class_students s ON s.id = m.student_id
WHERE m.student_id = $1 ORDER BY m.article_id, m.start_byte, m.id`
	deleteMarkSQL = `
DELETE FROM class_marks WHERE id = $1 AND student_id = $2
AND session_id IN (SELECT id FROM class_sessions WHERE phase <> 'closed' AND expires_at > $3)`
)

// JoinClassSession adds a student. A nickname already in the session (in
// any case of any script, see classroom.NicknameKey) is EConflict, so the
// teacher can tell every student apart.
func (s *Store) JoinClassSession(ctx context.Context, sessionID int64, nickname, tokenHash string) (classroom.Student, error) {
	st := classroom.Student{SessionID: sessionID, Nickname: nickname}
	key := classroom.NicknameKey(nickname)
	// Looked for first, so that a refused student uses up no id; the
	// unique indexes still decide between two students joining at once.
	if err := s.joinFree(ctx, sessionID, nickname, key, tokenHash); err != nil {
		return st, err
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, insertStudentSQL, sessionID, nickname, key, tokenHash).Scan(&st.ID, &st.JoinedAt)
	})
	if isUniqueViolation(err) {
		if err := s.joinFree(ctx, sessionID, nickname, key, tokenHash); err != nil {
			return st, err
		}
		return st, storeutil.ErrNicknameTaken(nickname)
	}
	if err != nil {
		return st, fmt.Errorf("join class session %d: %w", sessionID, err)
	}
	return st, nil
}

// joinFree is nil, or EConflict naming the nickname as the class sees it
// ("Amira"), not as this student typed it ("amira"). A token taken is
// worded as a nickname taken, as SQLite's store words it.
func (s *Store) joinFree(ctx context.Context, sessionID int64, nickname, key, tokenHash string) error {
	var inUse *string
	var tokenTaken bool
	if err := s.pool.QueryRow(ctx, joinTakenSQL, sessionID, key, tokenHash).Scan(&inUse, &tokenTaken); err != nil {
		return fmt.Errorf("find the nickname in use in class session %d: %w", sessionID, err)
	}
	switch {
	case inUse != nil:
		return storeutil.ErrNicknameTaken(*inUse)
	case tokenTaken:
		return storeutil.ErrNicknameTaken(nickname)
	}
	return nil
}

// StudentByToken finds the student of a cookie's token hash, or
// EUnauthorized.
func (s *Store) StudentByToken(ctx context.Context, tokenHash string) (classroom.Student, error) {
	var st classroom.Student
	err := s.pool.QueryRow(ctx, studentByTokenSQL, tokenHash).Scan(&st.ID, &st.SessionID, &st.Nickname, &st.JoinedAt)
	if errors.Is(err, pgx.ErrNoRows) {
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
	if err := s.pool.QueryRow(ctx, countStudentsSQL, sessionID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count students of class session %d: %w", sessionID, err)
	}
	return n, nil
}

// AddMark stores a mark unless the student has made limit marks already
// (EConflict). The count and the insert are one transaction under the
// student's row lock, so a student posting many marks at once cannot slip
// past the limit. A closed or expired session refuses the mark
// (EConflict); the same span marked twice by one student is EConflict.
func (s *Store) AddMark(ctx context.Context, m classroom.Mark, limit int) (classroom.Mark, error) {
	var concept *int64
	if m.ConceptID > 0 {
		concept = &m.ConceptID
	}
	now := time.Now().UTC()
	// The lock and the insert go to the server together, as one implicit
	// transaction of two statements: the insert's count is taken after
	// the lock is held, and a mark costs one round trip.
	var batch pgx.Batch
	batch.Queue(lockStudentSQL, m.StudentID)
	batch.Queue(insertMarkSQL, m.SessionID, m.StudentID, m.ArticleID, m.Start, m.End, m.Text, concept, m.Note, now, limit)
	results := s.pool.SendBatch(ctx, &batch)
	// A student who is not there has no row to lock: the insert then
	// fails on the foreign key, as it does in SQLite.
	_, err := results.Exec()
	if err == nil {
		err = results.QueryRow().Scan(&m.ID, &m.CreatedAt)
	}
	if cerr := results.Close(); err == nil {
		err = cerr
	}
	err = fault(err)
	if errors.Is(err, pgx.ErrNoRows) {
		err = s.markRefused(ctx, m, limit, now)
	}
	var fe *framing.Error
	switch {
	case errors.As(err, &fe):
		return m, err
	case isUniqueViolation(err):
		return m, storeutil.ErrMarkedTwice
	case err != nil:
		return m, fmt.Errorf("add mark to class session %d: %w", m.SessionID, err)
	}
	return m, nil
}

// markRefused tells why a mark was refused: the limit, the session
// closed, or the same span marked before.
func (s *Store) markRefused(ctx context.Context, m classroom.Mark, limit int, now time.Time) error {
	var n int
	var open bool
	if err := s.pool.QueryRow(ctx, markRefusedSQL, m.SessionID, m.StudentID, now).Scan(&n, &open); err != nil {
		return fmt.Errorf("count marks of student %d: %w", m.StudentID, err)
	}
	switch {
	case n >= limit:
		return classroom.TooManyMarks(n)
	case !open:
		return classroom.ErrSessionClosed
	}
	return storeutil.ErrMarkedTwice
}

// DeleteMark removes one of a student's own marks. A mark that is not
// theirs is ENotFound, which tells nothing about other students' marks.
func (s *Store) DeleteMark(ctx context.Context, studentID, markID int64) error {
	tag, err := s.exec(ctx, deleteMarkSQL, markID, studentID, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("delete mark %d: %w", markID, err)
	}
	if tag.RowsAffected() == 0 {
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
	err := s.query(ctx, query, func(rows pgx.Rows) error {
		m, err := storeutil.ScanMark(rows)
		list = append(list, m)
		return err
	}, id)
	if err != nil {
		return nil, fmt.Errorf("list marks of %s %d: %w", what, id, err)
	}
	return list, nil
}
