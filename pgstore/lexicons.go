package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

const (
	lexiconTakenSQL      = `SELECT EXISTS (SELECT 1 FROM lexicons WHERE slug = $1)`
	insertLexiconSQL     = `INSERT INTO lexicons (slug, name, description, language, scope, anchors) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, version`
	insertPerspectiveSQL = `INSERT INTO perspectives (lexicon_id, slug, name, description, color) VALUES ($1, $2, $3, $4, $5) RETURNING id`
	insertConceptSQL     = `INSERT INTO concepts (lexicon_id, slug, name, category, description, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`
	insertTermSQL        = `
INSERT INTO terms (concept_id, perspective_id, phrase, language, match_mode, variants, note, neutral, source_title, source_url, position)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`
)

// CreateLexicon validates a lexicon and stores it whole, in one
// transaction; it returns the lexicon with its ids and version.
func (s *Store) CreateLexicon(ctx context.Context, lex framing.Lexicon) (framing.Lexicon, error) {
	if err := lex.Validate(); err != nil {
		return lex, err
	}
	if err := lex.ValidateSlugs(); err != nil {
		return lex, err
	}
	lex = lex.Clone()
	err := s.inTx(ctx, func(tx pgx.Tx) error { return insertLexicon(ctx, tx, &lex) })
	return lex, err
}

func errSlugTaken(slug string) error {
	return framing.FieldErrorf(framing.EConflict, "slug", "A lexicon with the slug %q already exists.", slug)
}

func insertLexicon(ctx context.Context, tx pgx.Tx, lex *framing.Lexicon) error {
	// Looked for first, so that a refused slug uses up no id.
	var taken bool
	if err := tx.QueryRow(ctx, lexiconTakenSQL, lex.Slug).Scan(&taken); err != nil {
		return fmt.Errorf("look for lexicon %s: %w", lex.Slug, err)
	}
	if taken {
		return errSlugTaken(lex.Slug)
	}
	err := tx.QueryRow(ctx, insertLexiconSQL, lex.Slug, lex.Name, lex.Description, lex.Language, scopeOf(*lex),
		nonNil(lex.Anchors)).Scan(&lex.ID, &lex.Version)
	if isUniqueViolation(err) {
		return errSlugTaken(lex.Slug)
	}
	if err != nil {
		return fmt.Errorf("create lexicon %s: %w", lex.Slug, err)
	}
	perspectiveIDs := map[string]int64{}
	for i := range lex.Perspectives {
		p := &lex.Perspectives[i]
		if err := tx.QueryRow(ctx, insertPerspectiveSQL, lex.ID, p.Slug, p.Name, p.Description, p.Color).Scan(&p.ID); err != nil {
			return fmt.Errorf("create perspective %s of lexicon %s: %w", p.Slug, lex.Slug, err)
		}
		perspectiveIDs[p.Slug] = p.ID
	}
	for ci := range lex.Concepts {
		c := &lex.Concepts[ci]
		if err := tx.QueryRow(ctx, insertConceptSQL, lex.ID, c.Slug, c.Name, c.Category, c.Description, ci).Scan(&c.ID); err != nil {
			return fmt.Errorf("create concept %s of lexicon %s: %w", c.Slug, lex.Slug, err)
		}
		for ti := range c.Terms {
			t := &c.Terms[ti]
			var perspective *int64
			if id, ok := perspectiveIDs[t.Perspective]; ok {
				perspective = &id
			}
			err = tx.QueryRow(ctx, insertTermSQL, c.ID, perspective, t.Phrase, t.Language, t.MatchMode(),
				nonNil(t.Variants), t.Note, t.Neutral, t.SourceTitle, t.SourceURL, ti).Scan(&t.ID)
			if isUniqueViolation(err) {
				return framing.Errorf(framing.EConflict, "The term %q appears twice in concept %q.", t.Phrase, c.Name)
			}
			if err != nil {
				return fmt.Errorf("create term %q: %w", t.Phrase, err)
			}
		}
	}
	return nil
}

// nonNil is s, or an empty list for nil: the array columns are NOT NULL.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const (
	lexiconsSQL     = `SELECT id, slug, name, description, language, version, scope, anchors FROM lexicons ORDER BY id`
	perspectivesSQL = `SELECT id, lexicon_id, slug, name, description, color FROM perspectives ORDER BY lexicon_id, id`
	conceptsSQL     = `SELECT id, lexicon_id, slug, name, category, description FROM concepts ORDER BY lexicon_id, position, id`
	termsSQL        = `
SELECT t.id, t.concept_id, COALESCE(p.slug, ''), t.phrase, t.language, t.match_mode, t.variants,
       t.note, t.neutral, t.source_title, t.source_url
FROM terms t LEFT JOIN perspectives p ON p.id = t.perspective_id
ORDER BY t.concept_id, t.position, t.id`
	lexiconVersionsSQL = `SELECT id, version FROM lexicons ORDER BY id`
)

// Lexicons loads every lexicon whole, in the order they were created. Four
// queries, whatever the size: one per table.
func (s *Store) Lexicons(ctx context.Context) ([]framing.Lexicon, error) {
	var set storeutil.Lexicons
	err := s.query(ctx, lexiconsSQL, func(rows pgx.Rows) error {
		var l framing.Lexicon
		if err := rows.Scan(&l.ID, &l.Slug, &l.Name, &l.Description, &l.Language, &l.Version, &l.Scope, &l.Anchors); err != nil {
			return err
		}
		if len(l.Anchors) == 0 {
			l.Anchors = nil // as SQLite's store leaves a lexicon without anchors
		}
		set.AddLexicon(l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	err = s.query(ctx, perspectivesSQL, func(rows pgx.Rows) error {
		var p framing.Perspective
		var lexID int64
		if err := rows.Scan(&p.ID, &lexID, &p.Slug, &p.Name, &p.Description, &p.Color); err != nil {
			return err
		}
		set.AddPerspective(lexID, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load perspectives: %w", err)
	}
	err = s.query(ctx, conceptsSQL, func(rows pgx.Rows) error {
		var c framing.Concept
		var lexID int64
		if err := rows.Scan(&c.ID, &lexID, &c.Slug, &c.Name, &c.Category, &c.Description); err != nil {
			return err
		}
		set.AddConcept(lexID, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load concepts: %w", err)
	}
	err = s.query(ctx, termsSQL, func(rows pgx.Rows) error {
		var t framing.Term
		var conceptID int64
		if err := rows.Scan(&t.ID, &conceptID, &t.Perspective, &t.Phrase, &t.Language, &t.Match, &t.Variants,
			&t.Note, &t.Neutral, &t.SourceTitle, &t.SourceURL); err != nil {
			return err
		}
		t.Variants = nonNil(t.Variants) // as SQLite's store reads "[]"
		set.AddTerm(conceptID, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load terms: %w", err)
	}
	return set.List(), nil
}

// LexiconKey names the current version of the whole set of lexicons (see
// storeutil.LexiconKey). It is kept in memory while this instance hears
// its changes (see kept).
func (s *Store) LexiconKey(ctx context.Context) (string, error) {
	kept, gen, ok := s.kept.lexiconKey()
	if ok {
		return kept, nil
	}
	var key storeutil.LexiconKey
	err := s.query(ctx, lexiconVersionsSQL, func(rows pgx.Rows) error {
		var id, version int64
		if err := rows.Scan(&id, &version); err != nil {
			return err
		}
		key.Add(id, version)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("read lexicon versions: %w", err)
	}
	s.kept.keepLexiconKey(gen, key.String())
	return key.String(), nil
}

// scopeOf is the scope a lexicon is stored with: general unless it says.
func scopeOf(l framing.Lexicon) string {
	if l.Scope == "" {
		return framing.ScopeGeneral
	}
	return l.Scope
}
