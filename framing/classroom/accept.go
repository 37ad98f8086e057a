package classroom

import (
	"context"
	"slices"
	"strings"
	"time"

	"framelens/framing"
)

// MaxMarksPerStudent stops one student from flooding a session.
const MaxMarksPerStudent = 300

// MarkFacts looks up what the rules for a student's mark need beyond the
// session, the student and what they sent. Each is asked only when a rule
// before it has passed.
type MarkFacts interface {
	// Article is the marked article as stored.
	Article(ctx context.Context, id int64) (framing.Article, error)
	// Names hides the outlets the session hides (see BlindMask).
	Names(ctx context.Context) (framing.NameMasker, error)
	// ConceptApplies reports whether a concept belongs to a lexicon that
	// applies to the session's event: the "refers to" list offers no other.
	ConceptApplies(ctx context.Context, conceptID int64) (bool, error)
	// MarksMade is how many marks the student has made.
	MarksMade(ctx context.Context) (int, error)
}

// AcceptMark applies the rules for a student's mark and returns the mark
// to store: the session is open, the article is one of the session's, the
// span is a short stretch of whole characters (MarkInput.Check) that does
// not cut through a hidden outlet name, a chosen concept is one the event's
// lexicons have, and the student has marks left.
func AcceptMark(ctx context.Context, cs Session, st Student, in MarkInput, now time.Time, facts MarkFacts) (Mark, error) {
	if !cs.Open(now) {
		return Mark{}, ErrSessionClosed
	}
	if !slices.Contains(cs.ArticleIDs, in.ArticleID) {
		return Mark{}, framing.FieldErrorf(framing.ENotFound, "article_id", "Article %d is not part of this session.", in.ArticleID)
	}
	a, err := facts.Article(ctx, in.ArticleID)
	if err != nil {
		return Mark{}, err
	}
	sp, err := in.Check(a.Body)
	if err != nil {
		return Mark{}, err
	}
	names, err := facts.Names(ctx)
	if err != nil {
		return Mark{}, err
	}
	if names.CutsAName(a.Body, sp) {
		return Mark{}, framing.FieldErrorf(framing.EInvalid, "start",
			"The selection cuts through an outlet's name: select the whole name (\"Outlet A\"…) or leave it out.")
	}
	if in.ConceptID != 0 {
		ok, err := facts.ConceptApplies(ctx, in.ConceptID)
		if err != nil {
			return Mark{}, err
		}
		if !ok {
			return Mark{}, framing.FieldErrorf(framing.EInvalid, "concept_id",
				"There is no concept %d among this event's lexicons; choose one from the list or none.", in.ConceptID)
		}
	}
	n, err := facts.MarksMade(ctx)
	if err != nil {
		return Mark{}, err
	}
	if n >= MaxMarksPerStudent {
		return Mark{}, TooManyMarks(n)
	}
	return Mark{SessionID: cs.ID, StudentID: st.ID, Nickname: st.Nickname, ArticleID: a.ID, Span: sp,
		Text: a.Body[sp.Start:sp.End], ConceptID: in.ConceptID, Note: strings.TrimSpace(in.Note)}, nil
}

// ErrSessionClosed refuses a change to a session's marks once it closed.
var ErrSessionClosed = framing.Errorf(framing.EConflict, "This session is closed: marks can no longer be added or removed.")

// TooManyMarks refuses a mark from a student who has made n, the most a
// session takes. The store says it too: it counts again as it adds the
// mark, so that marks posted at once cannot slip past the limit.
func TooManyMarks(n int) error {
	return framing.Errorf(framing.EConflict, "You have made %s, the most one session takes. Undo some first.", framing.Plural(n, "mark", "marks"))
}
