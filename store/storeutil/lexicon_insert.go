package storeutil

import (
	"context"
	"fmt"

	"framelens/framing"
)

// PartInserter inserts one part of a lexicon, inside the transaction
// that stores the lexicon, and returns the part's new id. Each store
// adapts its own: the placeholders and how a term's variants are stored
// (a JSON text in SQLite, an array in PostgreSQL) are the dialect's.
type PartInserter interface {
	InsertPerspective(ctx context.Context, lexiconID int64, p framing.Perspective) (int64, error)
	InsertConcept(ctx context.Context, lexiconID int64, c framing.Concept, position int) (int64, error)
	// InsertTerm stores a term of a concept; perspective is nil for a
	// term of no perspective.
	InsertTerm(ctx context.Context, conceptID int64, perspective *int64, t framing.Term, position int) (int64, error)
}

// InsertLexiconParts inserts the perspectives, concepts and terms of a
// lexicon already inserted (lex.ID is set), in order, and sets their
// ids. isUnique tells the store's unique violation, which is a term
// given twice in a concept.
func InsertLexiconParts(ctx context.Context, ins PartInserter, lex *framing.Lexicon, isUnique func(error) bool) error {
	perspectiveIDs := map[string]int64{}
	for i := range lex.Perspectives {
		p := &lex.Perspectives[i]
		id, err := ins.InsertPerspective(ctx, lex.ID, *p)
		if err != nil {
			return fmt.Errorf("create perspective %s of lexicon %s: %w", p.Slug, lex.Slug, err)
		}
		p.ID = id
		perspectiveIDs[p.Slug] = id
	}
	for ci := range lex.Concepts {
		c := &lex.Concepts[ci]
		id, err := ins.InsertConcept(ctx, lex.ID, *c, ci)
		if err != nil {
			return fmt.Errorf("create concept %s of lexicon %s: %w", c.Slug, lex.Slug, err)
		}
		c.ID = id
		for ti := range c.Terms {
			t := &c.Terms[ti]
			var perspective *int64
			if id, ok := perspectiveIDs[t.Perspective]; ok {
				perspective = &id
			}
			id, err := ins.InsertTerm(ctx, c.ID, perspective, *t, ti)
			if isUnique(err) {
				return framing.Errorf(framing.EConflict, "The term %q appears twice in concept %q.", t.Phrase, c.Name)
			}
			if err != nil {
				return fmt.Errorf("create term %q: %w", t.Phrase, err)
			}
			t.ID = id
		}
	}
	return nil
}

// ErrSlugTaken refuses a lexicon whose slug another has.
func ErrSlugTaken(slug string) error {
	return framing.FieldErrorf(framing.EConflict, "slug", "A lexicon with the slug %q already exists.", slug)
}

// ErrConceptTaken refuses a concept whose slug, made from its name,
// another concept of the lexicon has.
func ErrConceptTaken(name string) error {
	return framing.FieldErrorf(framing.EConflict, "name", "The lexicon already has a concept named like %q.", name)
}

// ErrTermTaken refuses a term that its concept has already.
func ErrTermTaken(phrase string) error {
	return framing.FieldErrorf(framing.EConflict, "phrase", "This concept already has the term %q.", phrase)
}
