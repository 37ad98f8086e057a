package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// Lexicon returns one lexicon whole, or ENotFound.
func (s *Store) Lexicon(ctx context.Context, id int64) (framing.Lexicon, error) {
	all, err := s.Lexicons(ctx)
	if err != nil {
		return framing.Lexicon{}, err
	}
	return storeutil.FindLexicon(all, id)
}

const (
	// The version is raised first: the update holds the lexicon's row
	// until the edit commits, so edits of one lexicon go one at a time and
	// the checks below see every earlier one.
	bumpLexiconSQL   = `UPDATE lexicons SET version = version + 1, updated_at = now() WHERE id = $1`
	conceptOfLexSQL  = `SELECT 1 FROM concepts WHERE id = $1 AND lexicon_id = $2`
	conceptTakenSQL  = `SELECT EXISTS (SELECT 1 FROM concepts WHERE lexicon_id = $1 AND slug = $2)`
	termOfLexSQL     = `SELECT t.concept_id FROM terms t JOIN concepts c ON c.id = t.concept_id WHERE t.id = $1 AND c.lexicon_id = $2`
	nextConceptPos   = `SELECT COALESCE(MAX(position), -1) + 1 FROM concepts WHERE lexicon_id = $1`
	nextTermPos      = `SELECT COALESCE(MAX(position), -1) + 1 FROM terms WHERE concept_id = $1`
	updateConceptSQL = `UPDATE concepts SET name = $1, category = $2, description = $3 WHERE id = $4`
	deleteConceptSQL = `DELETE FROM concepts WHERE id = $1`
	perspectiveIDSQL = `SELECT id FROM perspectives WHERE lexicon_id = $1 AND slug = $2`
	updateTermSQL    = `
UPDATE terms SET perspective_id = $1, phrase = $2, language = $3, match_mode = $4, variants = $5, note = $6, neutral = $7,
       source_title = $8, source_url = $9
WHERE id = $10`
	deleteTermSQL = `DELETE FROM terms WHERE id = $1`
	siblingsSQL   = `SELECT phrase, language FROM terms WHERE concept_id = $1 AND id <> $2 ORDER BY id`
)

// editLexicon runs fn in a transaction and, if it succeeds, raises the
// lexicon's version so that matchers and kept analyses are renewed.
func (s *Store) editLexicon(ctx context.Context, lexID int64, fn func(pgx.Tx) error) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, bumpLexiconSQL, lexID)
		if err != nil {
			return fmt.Errorf("update lexicon %d: %w", lexID, err)
		}
		if tag.RowsAffected() == 0 {
			return framing.Errorf(framing.ENotFound, "There is no lexicon %d.", lexID)
		}
		return fn(tx)
	})
}

func (s *Store) perspectives(ctx context.Context, lexID int64) (map[string]bool, error) {
	lex, err := s.Lexicon(ctx, lexID)
	if err != nil {
		return nil, err
	}
	return storeutil.PerspectiveSlugs(lex), nil
}

// CreateConcept adds a concept, without terms, at the end of a lexicon.
func (s *Store) CreateConcept(ctx context.Context, lexID int64, c framing.Concept) (framing.Concept, error) {
	c.Normalize()
	if err := c.ValidateFields(); err != nil {
		return c, err
	}
	err := s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		var taken bool
		if err := tx.QueryRow(ctx, conceptTakenSQL, lexID, c.Slug).Scan(&taken); err != nil {
			return fmt.Errorf("create concept: %w", err)
		}
		if taken {
			return storeutil.ErrConceptTaken(c.Name)
		}
		var pos int
		if err := tx.QueryRow(ctx, nextConceptPos, lexID).Scan(&pos); err != nil {
			return fmt.Errorf("create concept: %w", err)
		}
		var err error
		c.ID, err = parts{tx}.InsertConcept(ctx, lexID, c, pos)
		if isUniqueViolation(err) {
			return storeutil.ErrConceptTaken(c.Name)
		}
		if err != nil {
			return fmt.Errorf("create concept %q: %w", c.Name, err)
		}
		return nil
	})
	return c, err
}

// UpdateConcept changes a concept's name, category and description.
func (s *Store) UpdateConcept(ctx context.Context, lexID int64, c framing.Concept) error {
	c.Normalize()
	if err := c.ValidateFields(); err != nil {
		return err
	}
	return s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		if err := belongs(ctx, tx, conceptOfLexSQL, c.ID, lexID, "concept"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, updateConceptSQL, c.Name, c.Category, c.Description, c.ID); err != nil {
			return fmt.Errorf("update concept %d: %w", c.ID, err)
		}
		return nil
	})
}

// DeleteConcept removes a concept and its terms.
func (s *Store) DeleteConcept(ctx context.Context, lexID, conceptID int64) error {
	return s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		if err := belongs(ctx, tx, conceptOfLexSQL, conceptID, lexID, "concept"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, deleteConceptSQL, conceptID); err != nil {
			return fmt.Errorf("delete concept %d: %w", conceptID, err)
		}
		return nil
	})
}

// CreateTerm validates a term and adds it to a concept of the lexicon.
func (s *Store) CreateTerm(ctx context.Context, lexID, conceptID int64, t framing.Term) (framing.Term, error) {
	t.Normalize()
	perspectives, err := s.perspectives(ctx, lexID)
	if err != nil {
		return t, err
	}
	if err := t.Validate(perspectives); err != nil {
		return t, err
	}
	err = s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		if err := belongs(ctx, tx, conceptOfLexSQL, conceptID, lexID, "concept"); err != nil {
			return err
		}
		if err := phraseTaken(ctx, tx, conceptID, t); err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRow(ctx, nextTermPos, conceptID).Scan(&pos); err != nil {
			return fmt.Errorf("create term: %w", err)
		}
		pid, err := perspectiveID(ctx, tx, lexID, t)
		if err != nil {
			return err
		}
		t.ID, err = parts{tx}.InsertTerm(ctx, conceptID, pid, t, pos)
		if isUniqueViolation(err) {
			return storeutil.ErrTermTaken(t.Phrase)
		}
		if err != nil {
			return fmt.Errorf("create term %q: %w", t.Phrase, err)
		}
		return nil
	})
	return t, err
}

// UpdateTerm validates and saves a term of the lexicon.
func (s *Store) UpdateTerm(ctx context.Context, lexID int64, t framing.Term) error {
	t.Normalize()
	perspectives, err := s.perspectives(ctx, lexID)
	if err != nil {
		return err
	}
	if err := t.Validate(perspectives); err != nil {
		return err
	}
	return s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		var conceptID int64
		if err := tx.QueryRow(ctx, termOfLexSQL, t.ID, lexID).Scan(&conceptID); errors.Is(err, pgx.ErrNoRows) {
			return framing.Errorf(framing.ENotFound, "There is no term %d in this lexicon.", t.ID)
		} else if err != nil {
			return fmt.Errorf("find term %d: %w", t.ID, err)
		}
		if err := phraseTaken(ctx, tx, conceptID, t); err != nil {
			return err
		}
		pid, err := perspectiveID(ctx, tx, lexID, t)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, updateTermSQL, pid, t.Phrase, t.Language, t.MatchMode(), nonNil(t.Variants),
			t.Note, t.Neutral, t.SourceTitle, t.SourceURL, t.ID)
		if isUniqueViolation(err) {
			return storeutil.ErrTermTaken(t.Phrase)
		}
		if err != nil {
			return fmt.Errorf("update term %d: %w", t.ID, err)
		}
		return nil
	})
}

// DeleteTerm removes a term of the lexicon.
func (s *Store) DeleteTerm(ctx context.Context, lexID, termID int64) error {
	return s.editLexicon(ctx, lexID, func(tx pgx.Tx) error {
		if err := belongs(ctx, tx, termOfLexSQL, termID, lexID, "term"); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, deleteTermSQL, termID); err != nil {
			return fmt.Errorf("delete term %d: %w", termID, err)
		}
		return nil
	})
}

// phraseTaken refuses a phrase that another term of the concept already
// has in the same language, ignoring case, as lexicon files do.
func phraseTaken(ctx context.Context, tx pgx.Tx, conceptID int64, t framing.Term) error {
	var taken error
	err := queryOn(ctx, tx, siblingsSQL, func(rows pgx.Rows) error {
		var phrase, lang string
		if err := rows.Scan(&phrase, &lang); err != nil {
			return err
		}
		if taken == nil {
			taken = storeutil.PhraseTaken(t, phrase, lang)
		}
		return nil
	}, conceptID, t.ID)
	if err != nil {
		return fmt.Errorf("check phrase %q: %w", t.Phrase, err)
	}
	return taken
}

// belongs checks that a concept or term is part of the lexicon, so that an
// id from another lexicon is "not found" rather than edited.
func belongs(ctx context.Context, tx pgx.Tx, query sqlText, id, lexID int64, what string) error {
	var x int64
	err := tx.QueryRow(ctx, string(query), id, lexID).Scan(&x)
	if errors.Is(err, pgx.ErrNoRows) {
		return framing.Errorf(framing.ENotFound, "There is no %s %d in this lexicon.", what, id)
	}
	if err != nil {
		return fmt.Errorf("find %s %d: %w", what, id, err)
	}
	return nil
}

// perspectiveID is the id of the term's perspective in the lexicon, nil
// for none.
func perspectiveID(ctx context.Context, tx pgx.Tx, lexID int64, t framing.Term) (*int64, error) {
	if t.Perspective == "" {
		return nil, nil
	}
	var pid int64
	if err := tx.QueryRow(ctx, perspectiveIDSQL, lexID, t.Perspective).Scan(&pid); err != nil {
		return nil, fmt.Errorf("find perspective %q: %w", t.Perspective, err)
	}
	return &pid, nil
}
