package storeutil

import (
	"context"
	"fmt"

	"framelens/framing"
)

// LexiconTx is one edit of a lexicon, inside its transaction. Each store
// adapts its own: the SQL text (placeholders, the clock), how a term's
// variants are stored and how a row that is not there is told are the
// dialect's; the order of the checks and the messages are here.
type LexiconTx interface {
	PartInserter
	// BumpLexicon raises the lexicon's version; false if there is none.
	BumpLexicon(ctx context.Context, lexID int64) (bool, error)
	// ConceptInLexicon tells whether the concept is one of the lexicon's.
	ConceptInLexicon(ctx context.Context, conceptID, lexID int64) (bool, error)
	// TermConcept is the concept of a term of the lexicon; false if the
	// term is not one of the lexicon's.
	TermConcept(ctx context.Context, termID, lexID int64) (int64, bool, error)
	// ConceptTaken tells whether the lexicon has a concept of that slug
	// before the insert tries; a store may answer false and leave it to
	// the unique index.
	ConceptTaken(ctx context.Context, lexID int64, slug string) (bool, error)
	NextConceptPosition(ctx context.Context, lexID int64) (int, error)
	NextTermPosition(ctx context.Context, conceptID int64) (int, error)
	UpdateConcept(ctx context.Context, c framing.Concept) error
	DeleteConcept(ctx context.Context, conceptID int64) error
	// Siblings calls fn with the phrase and language of every other term
	// of the concept.
	Siblings(ctx context.Context, conceptID, termID int64, fn func(phrase, language string)) error
	PerspectiveID(ctx context.Context, lexID int64, slug string) (int64, error)
	UpdateTerm(ctx context.Context, perspective *int64, t framing.Term) error
	DeleteTerm(ctx context.Context, termID int64) error
}

// LexiconEditor is a store that edits lexicons.
type LexiconEditor interface {
	Lexicon(ctx context.Context, id int64) (framing.Lexicon, error)
	// InLexiconTx runs fn in a transaction, committed if fn succeeds.
	InLexiconTx(ctx context.Context, fn func(LexiconTx) error) error
	// IsUnique tells the store's unique violation.
	IsUnique(err error) bool
}

// editLexicon runs fn in a transaction and, if it succeeds, raises the
// lexicon's version so that matchers and kept analyses are renewed. The
// version is raised first: the update holds the lexicon's row until the
// edit commits, so edits of one lexicon go one at a time and the checks
// of fn see every earlier one.
func editLexicon(ctx context.Context, ed LexiconEditor, lexID int64, fn func(LexiconTx) error) error {
	return ed.InLexiconTx(ctx, func(tx LexiconTx) error {
		found, err := tx.BumpLexicon(ctx, lexID)
		if err != nil {
			return fmt.Errorf("update lexicon %d: %w", lexID, err)
		}
		if !found {
			return framing.Errorf(framing.ENotFound, "There is no lexicon %d.", lexID)
		}
		return fn(tx)
	})
}

// CreateConcept adds a concept, without terms, at the end of a lexicon.
func CreateConcept(ctx context.Context, ed LexiconEditor, lexID int64, c framing.Concept) (framing.Concept, error) {
	c.Normalize()
	if err := c.ValidateFields(); err != nil {
		return c, err
	}
	err := editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		taken, err := tx.ConceptTaken(ctx, lexID, c.Slug)
		if err != nil {
			return fmt.Errorf("create concept: %w", err)
		}
		if taken {
			return ErrConceptTaken(c.Name)
		}
		pos, err := tx.NextConceptPosition(ctx, lexID)
		if err != nil {
			return fmt.Errorf("create concept: %w", err)
		}
		c.ID, err = tx.InsertConcept(ctx, lexID, c, pos)
		if ed.IsUnique(err) {
			return ErrConceptTaken(c.Name)
		}
		if err != nil {
			return fmt.Errorf("create concept %q: %w", c.Name, err)
		}
		return nil
	})
	return c, err
}

// UpdateConcept changes a concept's name, category and description.
func UpdateConcept(ctx context.Context, ed LexiconEditor, lexID int64, c framing.Concept) error {
	c.Normalize()
	if err := c.ValidateFields(); err != nil {
		return err
	}
	return editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		if err := conceptBelongs(ctx, tx, c.ID, lexID); err != nil {
			return err
		}
		if err := tx.UpdateConcept(ctx, c); err != nil {
			return fmt.Errorf("update concept %d: %w", c.ID, err)
		}
		return nil
	})
}

// DeleteConcept removes a concept and its terms.
func DeleteConcept(ctx context.Context, ed LexiconEditor, lexID, conceptID int64) error {
	return editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		if err := conceptBelongs(ctx, tx, conceptID, lexID); err != nil {
			return err
		}
		if err := tx.DeleteConcept(ctx, conceptID); err != nil {
			return fmt.Errorf("delete concept %d: %w", conceptID, err)
		}
		return nil
	})
}

// validTerm normalizes a term and checks it against the lexicon's
// perspectives.
func validTerm(ctx context.Context, ed LexiconEditor, lexID int64, t *framing.Term) error {
	t.Normalize()
	lex, err := ed.Lexicon(ctx, lexID)
	if err != nil {
		return err
	}
	return t.Validate(PerspectiveSlugs(lex))
}

// CreateTerm validates a term and adds it to a concept of the lexicon.
func CreateTerm(ctx context.Context, ed LexiconEditor, lexID, conceptID int64, t framing.Term) (framing.Term, error) {
	if err := validTerm(ctx, ed, lexID, &t); err != nil {
		return t, err
	}
	err := editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		if err := conceptBelongs(ctx, tx, conceptID, lexID); err != nil {
			return err
		}
		if err := phraseTaken(ctx, tx, conceptID, t); err != nil {
			return err
		}
		pos, err := tx.NextTermPosition(ctx, conceptID)
		if err != nil {
			return fmt.Errorf("create term: %w", err)
		}
		pid, err := perspectiveID(ctx, tx, lexID, t)
		if err != nil {
			return err
		}
		t.ID, err = tx.InsertTerm(ctx, conceptID, pid, t, pos)
		if ed.IsUnique(err) {
			return ErrTermTaken(t.Phrase)
		}
		if err != nil {
			return fmt.Errorf("create term %q: %w", t.Phrase, err)
		}
		return nil
	})
	return t, err
}

// UpdateTerm validates and saves a term of the lexicon.
func UpdateTerm(ctx context.Context, ed LexiconEditor, lexID int64, t framing.Term) error {
	if err := validTerm(ctx, ed, lexID, &t); err != nil {
		return err
	}
	return editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		conceptID, err := termBelongs(ctx, tx, t.ID, lexID)
		if err != nil {
			return err
		}
		if err := phraseTaken(ctx, tx, conceptID, t); err != nil {
			return err
		}
		pid, err := perspectiveID(ctx, tx, lexID, t)
		if err != nil {
			return err
		}
		err = tx.UpdateTerm(ctx, pid, t)
		if ed.IsUnique(err) {
			return ErrTermTaken(t.Phrase)
		}
		if err != nil {
			return fmt.Errorf("update term %d: %w", t.ID, err)
		}
		return nil
	})
}

// DeleteTerm removes a term of the lexicon.
func DeleteTerm(ctx context.Context, ed LexiconEditor, lexID, termID int64) error {
	return editLexicon(ctx, ed, lexID, func(tx LexiconTx) error {
		if _, err := termBelongs(ctx, tx, termID, lexID); err != nil {
			return err
		}
		if err := tx.DeleteTerm(ctx, termID); err != nil {
			return fmt.Errorf("delete term %d: %w", termID, err)
		}
		return nil
	})
}

// conceptBelongs checks that a concept is part of the lexicon, so that an
// id from another lexicon is "not found" rather than edited.
func conceptBelongs(ctx context.Context, tx LexiconTx, conceptID, lexID int64) error {
	ok, err := tx.ConceptInLexicon(ctx, conceptID, lexID)
	if err != nil {
		return fmt.Errorf("find concept %d: %w", conceptID, err)
	}
	if !ok {
		return framing.Errorf(framing.ENotFound, "There is no concept %d in this lexicon.", conceptID)
	}
	return nil
}

// termBelongs is the concept of a term of the lexicon, or ENotFound for
// a term of another lexicon.
func termBelongs(ctx context.Context, tx LexiconTx, termID, lexID int64) (int64, error) {
	conceptID, ok, err := tx.TermConcept(ctx, termID, lexID)
	if err != nil {
		return 0, fmt.Errorf("find term %d: %w", termID, err)
	}
	if !ok {
		return 0, framing.Errorf(framing.ENotFound, "There is no term %d in this lexicon.", termID)
	}
	return conceptID, nil
}

// phraseTaken refuses a phrase that another term of the concept already
// has in the same language, ignoring case, as lexicon files do.
func phraseTaken(ctx context.Context, tx LexiconTx, conceptID int64, t framing.Term) error {
	var taken error
	err := tx.Siblings(ctx, conceptID, t.ID, func(phrase, language string) {
		if taken == nil {
			taken = PhraseTaken(t, phrase, language)
		}
	})
	if err != nil {
		return fmt.Errorf("check phrase %q: %w", t.Phrase, err)
	}
	return taken
}

// perspectiveID is the id of the term's perspective in the lexicon, nil
// for none.
func perspectiveID(ctx context.Context, tx LexiconTx, lexID int64, t framing.Term) (*int64, error) {
	if t.Perspective == "" {
		return nil, nil
	}
	pid, err := tx.PerspectiveID(ctx, lexID, t.Perspective)
	if err != nil {
		return nil, fmt.Errorf("find perspective %q: %w", t.Perspective, err)
	}
	return &pid, nil
}
