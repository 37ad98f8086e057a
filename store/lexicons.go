package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

const (
	insertLexiconSQL     = `INSERT INTO lexicons (slug, name, description, language, scope, anchors) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, version`
	insertPerspectiveSQL = `INSERT INTO perspectives (lexicon_id, slug, name, description, color) VALUES (?, ?, ?, ?, ?) RETURNING id`
	insertConceptSQL     = `INSERT INTO concepts (lexicon_id, slug, name, category, description, position) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
	insertTermSQL        = `
INSERT INTO terms (concept_id, perspective_id, phrase, language, match_mode, variants, note, neutral, source_title, source_url, position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
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
	err := s.inTx(ctx, func(tx *sql.Tx) error { return insertLexicon(ctx, tx, &lex) })
	return lex, err
}

func insertLexicon(ctx context.Context, tx *sql.Tx, lex *framing.Lexicon) error {
	anchors, err := json.Marshal(nonNil(lex.Anchors))
	if err != nil {
		return fmt.Errorf("encode anchors of lexicon %s: %w", lex.Slug, err)
	}
	err = tx.QueryRowContext(ctx, insertLexiconSQL, lex.Slug, lex.Name, lex.Description, lex.Language, scopeOf(*lex), string(anchors)).Scan(&lex.ID, &lex.Version)
	if isUniqueViolation(err) {
		return storeutil.ErrSlugTaken(lex.Slug)
	}
	if err != nil {
		return fmt.Errorf("create lexicon %s: %w", lex.Slug, err)
	}
	return storeutil.InsertLexiconParts(ctx, parts{tx}, lex, isUniqueViolation)
}

// parts inserts a lexicon's parts in a transaction (storeutil.PartInserter).
// A term's variants are stored as JSON text: SQLite has no arrays.
type parts struct{ tx *sql.Tx }

func (p parts) InsertPerspective(ctx context.Context, lexID int64, x framing.Perspective) (int64, error) {
	var id int64
	err := p.tx.QueryRowContext(ctx, insertPerspectiveSQL, lexID, x.Slug, x.Name, x.Description, x.Color).Scan(&id)
	return id, err
}

func (p parts) InsertConcept(ctx context.Context, lexID int64, c framing.Concept, position int) (int64, error) {
	var id int64
	err := p.tx.QueryRowContext(ctx, insertConceptSQL, lexID, c.Slug, c.Name, c.Category, c.Description, position).Scan(&id)
	return id, err
}

func (p parts) InsertTerm(ctx context.Context, conceptID int64, perspective *int64, t framing.Term, position int) (int64, error) {
	variants, err := variantsJSON(t)
	if err != nil {
		return 0, err
	}
	var id int64
	err = p.tx.QueryRowContext(ctx, insertTermSQL, conceptID, perspective, t.Phrase, t.Language, t.MatchMode(),
		variants, t.Note, t.Neutral, t.SourceTitle, t.SourceURL, position).Scan(&id)
	return id, err
}

// variantsJSON is how a term's variants are stored: a JSON list, never null.
func variantsJSON(t framing.Term) (string, error) {
	variants, err := json.Marshal(nonNil(t.Variants))
	if err != nil {
		return "", fmt.Errorf("encode variants of %q: %w", t.Phrase, err)
	}
	return string(variants), nil
}

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
	err := s.query(ctx, storeutil.LexiconsSQL, func(rows *sql.Rows) error {
		var l framing.Lexicon
		var anchors string
		if err := rows.Scan(&l.ID, &l.Slug, &l.Name, &l.Description, &l.Language, &l.Version, &l.Scope, &anchors); err != nil {
			return err
		}
		if anchors != "[]" {
			if err := json.Unmarshal([]byte(anchors), &l.Anchors); err != nil {
				return fmt.Errorf("anchors of lexicon %d: %w", l.ID, err)
			}
		}
		set.AddLexicon(l)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load lexicons: %w", err)
	}
	err = s.query(ctx, storeutil.PerspectivesSQL, func(rows *sql.Rows) error { return set.ScanPerspective(rows) })
	if err != nil {
		return nil, fmt.Errorf("load perspectives: %w", err)
	}
	err = s.query(ctx, storeutil.ConceptsSQL, func(rows *sql.Rows) error { return set.ScanConcept(rows) })
	if err != nil {
		return nil, fmt.Errorf("load concepts: %w", err)
	}
	err = s.query(ctx, storeutil.TermsSQL, func(rows *sql.Rows) error {
		var t framing.Term
		var conceptID int64
		var variants string
		if err := rows.Scan(&t.ID, &conceptID, &t.Perspective, &t.Phrase, &t.Language, &t.Match, &variants,
			&t.Note, &t.Neutral, &t.SourceTitle, &t.SourceURL); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(variants), &t.Variants); err != nil {
			return fmt.Errorf("variants of term %d: %w", t.ID, err)
		}
		set.AddTerm(conceptID, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load terms: %w", err)
	}
	return set.List(), nil
}

// LexiconKey names the current version of the whole set of lexicons (see
// storeutil.LexiconKey).
func (s *Store) LexiconKey(ctx context.Context) (string, error) {
	var key storeutil.LexiconKey
	err := s.query(ctx, storeutil.LexiconVersionsSQL, func(rows *sql.Rows) error { return key.ScanLexiconVersion(rows) })
	if err != nil {
		return "", fmt.Errorf("read lexicon versions: %w", err)
	}
	return key.String(), nil
}

// scopeOf is the scope a lexicon is stored with: general unless it says.
func scopeOf(l framing.Lexicon) string {
	if l.Scope == "" {
		return framing.ScopeGeneral
	}
	return l.Scope
}

// adoptScopeSQL gives a shipped lexicon seeded before scopes existed the
// scope and anchors it ships with now, once: a lexicon that has anchors
// or a topic scope already is a person's choice and stays as it is.
// toAdoptSQL counts the lexicons it would change.
const (
	adoptScopeSQL = `
UPDATE lexicons SET scope = ?, anchors = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP
WHERE slug = ? AND scope = 'general' AND anchors = '[]' AND ? = 'topic'`
	toAdoptSQL = `
SELECT COUNT(*) FROM lexicons WHERE slug = ? AND scope = 'general' AND anchors = '[]' AND ? = 'topic'`
)

// SeedLexicons stores each shipped lexicon once: a lexicon whose seed was
// applied before (even if a person has since deleted it) is skipped, but
// takes the shipped scope and anchors if it was seeded before there were
// any. A lexicon with nothing to store or change is not written at all.
func (s *Store) SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error) {
	added := 0
	for _, shipped := range lexicons {
		lex := shipped.Clone()
		name := "lexicon:" + lex.Slug
		todo, err := s.lexiconSeedToDo(ctx, name, lex)
		if err != nil {
			return added, fmt.Errorf("seed lexicon %s: %w", lex.Slug, err)
		}
		if !todo {
			continue
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, seedDoneSQL, name).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				anchors, err := json.Marshal(nonNil(lex.Anchors))
				if err != nil {
					return err
				}
				_, err = tx.ExecContext(ctx, adoptScopeSQL, scopeOf(lex), string(anchors), lex.Slug, scopeOf(lex))
				return err
			}
			if err := insertLexicon(ctx, tx, &lex); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, markSeededSQL, name); err != nil {
				return err
			}
			added++
			return nil
		})
		if err != nil {
			return added, fmt.Errorf("seed lexicon %s: %w", lex.Slug, err)
		}
	}
	return added, nil
}

// lexiconSeedToDo tells whether seeding lex would write: it was never
// seeded, or it was and waits to adopt its scope and anchors.
func (s *Store) lexiconSeedToDo(ctx context.Context, name string, lex framing.Lexicon) (bool, error) {
	done, err := s.seeded(ctx, name)
	if err != nil || !done {
		return !done, err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, toAdoptSQL, lex.Slug, scopeOf(lex)).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// query runs a query and calls scan for each row.
func (s *Store) query(ctx context.Context, query sqlText, scan func(*sql.Rows) error, args ...any) error {
	rows, err := s.db.QueryContext(ctx, string(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
