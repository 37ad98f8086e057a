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

func insertLexicon(ctx context.Context, tx pgx.Tx, lex *framing.Lexicon) error {
	// Looked for first, so that a refused slug uses up no id.
	var taken bool
	if err := tx.QueryRow(ctx, lexiconTakenSQL, lex.Slug).Scan(&taken); err != nil {
		return fmt.Errorf("look for lexicon %s: %w", lex.Slug, err)
	}
	if taken {
		return storeutil.ErrSlugTaken(lex.Slug)
	}
	err := tx.QueryRow(ctx, insertLexiconSQL, lex.Slug, lex.Name, lex.Description, lex.Language, scopeOf(*lex),
		nonNil(lex.Anchors)).Scan(&lex.ID, &lex.Version)
	if isUniqueViolation(err) {
		return storeutil.ErrSlugTaken(lex.Slug)
	}
	if err != nil {
		return fmt.Errorf("create lexicon %s: %w", lex.Slug, err)
	}
	return storeutil.InsertLexiconParts(ctx, parts{tx}, lex, isUniqueViolation)
}

// parts inserts a lexicon's parts in a transaction (storeutil.PartInserter).
// A term's variants are stored as a text array, which must not be NULL.
type parts struct{ tx pgx.Tx }

func (p parts) InsertPerspective(ctx context.Context, lexID int64, x framing.Perspective) (int64, error) {
	var id int64
	err := p.tx.QueryRow(ctx, insertPerspectiveSQL, lexID, x.Slug, x.Name, x.Description, x.Color).Scan(&id)
	return id, err
}

func (p parts) InsertConcept(ctx context.Context, lexID int64, c framing.Concept, position int) (int64, error) {
	var id int64
	err := p.tx.QueryRow(ctx, insertConceptSQL, lexID, c.Slug, c.Name, c.Category, c.Description, position).Scan(&id)
	return id, err
}

func (p parts) InsertTerm(ctx context.Context, conceptID int64, perspective *int64, t framing.Term, position int) (int64, error) {
	var id int64
	err := p.tx.QueryRow(ctx, insertTermSQL, conceptID, perspective, t.Phrase, t.Language, t.MatchMode(),
		nonNil(t.Variants), t.Note, t.Neutral, t.SourceTitle, t.SourceURL, position).Scan(&id)
	return id, err
}

// nonNil is s, or an empty list for nil: the array columns are NOT NULL.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Lexicons loads every lexicon whole, in the order they were created. Four
// queries, whatever the size: one per table.
func (s *Store) Lexicons(ctx context.Context) ([]framing.Lexicon, error) {
	var set storeutil.Lexicons
	err := s.query(ctx, storeutil.LexiconsSQL, func(rows pgx.Rows) error {
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
	err = s.query(ctx, storeutil.PerspectivesSQL, func(rows pgx.Rows) error { return set.ScanPerspective(rows) })
	if err != nil {
		return nil, fmt.Errorf("load perspectives: %w", err)
	}
	err = s.query(ctx, storeutil.ConceptsSQL, func(rows pgx.Rows) error { return set.ScanConcept(rows) })
	if err != nil {
		return nil, fmt.Errorf("load concepts: %w", err)
	}
	err = s.query(ctx, storeutil.TermsSQL, func(rows pgx.Rows) error {
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
	err := s.query(ctx, storeutil.LexiconVersionsSQL, func(rows pgx.Rows) error { return key.ScanLexiconVersion(rows) })
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
