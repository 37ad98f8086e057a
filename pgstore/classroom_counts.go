package pgstore

import (
	"context"
	"fmt"
)

const (
	countOwnMarksSQL = `SELECT COUNT(*) FROM class_marks WHERE student_id = $1`
	// A concept is among an event's lexicons when its lexicon is general
	// or one of the event's topics (framing.Scoped).
	conceptInLexiconsSQL = `
SELECT EXISTS (SELECT 1 FROM concepts c JOIN lexicons l ON l.id = c.lexicon_id
WHERE c.id = $1 AND (l.scope <> 'topic' OR l.slug = ANY($2::text[])))`
)

// CountStudentMarks is how many marks a student has made.
func (s *Store) CountStudentMarks(ctx context.Context, studentID int64) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, countOwnMarksSQL, studentID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count marks of student %d: %w", studentID, fault(err))
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
	var in bool
	if err := s.pool.QueryRow(ctx, conceptInLexiconsSQL, conceptID, topics).Scan(&in); err != nil {
		return false, fmt.Errorf("look up concept %d among lexicons: %w", conceptID, fault(err))
	}
	return in, nil
}
