package storeutil

import (
	"framelens/framing"
	"framelens/framing/classroom"
)

// MarkColumns are the columns ScanMark reads, from class_marks m joined
// to class_students s.
const MarkColumns = `m.id, m.session_id, m.student_id, s.nickname, m.article_id, m.start_byte, m.end_byte, m.text,
COALESCE(m.concept_id, 0), m.note, m.created_at`

// ScanMark reads the columns of MarkColumns.
func ScanMark(row Row) (classroom.Mark, error) {
	var m classroom.Mark
	err := row.Scan(&m.ID, &m.SessionID, &m.StudentID, &m.Nickname, &m.ArticleID, &m.Start, &m.End, &m.Text,
		&m.ConceptID, &m.Note, &m.CreatedAt)
	return m, err
}

// ErrNicknameTaken refuses a nickname, naming it as the class sees it
// ("Amira"), not as the student typed it ("amira").
func ErrNicknameTaken(inUse string) error {
	return framing.FieldErrorf(framing.EConflict, "nickname",
		"Someone in this session is already called %q; add a letter or choose another nickname.", inUse)
}

// ErrNotJoined is the answer for a token no student has.
func ErrNotJoined() error {
	return framing.Errorf(framing.EUnauthorized, "Join the session with its code first.")
}

// ErrMarkedTwice refuses a span the student has marked already.
var ErrMarkedTwice = framing.FieldErrorf(framing.EConflict, "start", "You marked exactly this already.")

// ErrNoMark is the answer for a mark that is not the student's, or not
// in an open session; it tells nothing about other students' marks.
func ErrNoMark(markID int64) error {
	return framing.Errorf(framing.ENotFound, "You have no mark %d in an open session.", markID)
}
