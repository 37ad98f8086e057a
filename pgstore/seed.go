package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
)

const (
	seedDoneSQL = `SELECT EXISTS (SELECT 1 FROM seeds WHERE name = $1)`
	// Claiming a seed is the first write of seeding it: an instance that
	// seeds at the same time waits on the row, then finds it taken.
	claimSeedSQL = `INSERT INTO seeds (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`
)

// seeded tells whether the seed of that name was ever applied. Seeding
// looks before it writes, so that a start-up with nothing to seed writes
// nothing.
func (s *Store) seeded(ctx context.Context, name string) (bool, error) {
	var done bool
	if err := s.pool.QueryRow(ctx, seedDoneSQL, name).Scan(&done); err != nil {
		return false, fmt.Errorf("look up seed %s: %w", name, err)
	}
	return done, nil
}

// claimSeed records the seed as applied in tx, and tells whether it was
// not before.
func claimSeed(ctx context.Context, tx pgx.Tx, name string) (bool, error) {
	tag, err := tx.Exec(ctx, claimSeedSQL, name)
	if err != nil {
		return false, fmt.Errorf("seed %s: %w", name, err)
	}
	return tag.RowsAffected() == 1, nil
}

// SeedEvent stores an event with its articles under a seed name, once: if a
// seed of that name was ever applied it does nothing (and writes nothing)
// and reports false. The event, its articles and the record of the seed
// land in one transaction.
func (s *Store) SeedEvent(ctx context.Context, name string, ev framing.EventInput, articles []framing.ArticleInput) (bool, error) {
	if err := ev.Normalize(); err != nil {
		return false, fmt.Errorf("seed %s: %w", name, err)
	}
	if done, err := s.seeded(ctx, name); done || err != nil {
		return false, err
	}
	seeded := false
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		claimed, err := claimSeed(ctx, tx, name)
		if err != nil || !claimed {
			return err
		}
		event, err := insertEvent(ctx, tx, ev)
		if err != nil {
			return fmt.Errorf("seed %s: %w", name, err)
		}
		for i := range articles {
			in := articles[i]
			if err := in.Normalize(); err != nil {
				return fmt.Errorf("seed %s article %d: %w", name, i+1, err)
			}
			if _, err := insertArticle(ctx, tx, event.ID, in); err != nil {
				return fmt.Errorf("seed %s article %d: %w", name, i+1, err)
			}
		}
		seeded = true
		return nil
	})
	return seeded && err == nil, err
}

// adoptScopeSQL gives a shipped topic lexicon seeded before scopes existed
// the scope and anchors it ships with now, once: a lexicon that has
// anchors or a topic scope already is a person's choice and stays as it
// is. toAdoptSQL counts the lexicons it would change.
const (
	adoptScopeSQL = `
UPDATE lexicons SET scope = $1, anchors = $2, version = version + 1, updated_at = now()
WHERE slug = $3 AND scope = 'general' AND cardinality(anchors) = 0`
	toAdoptSQL = `
SELECT EXISTS (SELECT 1 FROM lexicons WHERE slug = $1 AND scope = 'general' AND cardinality(anchors) = 0)`
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
		inserted := false
		err = s.inTx(ctx, func(tx pgx.Tx) error {
			claimed, err := claimSeed(ctx, tx, name)
			if err != nil {
				return err
			}
			if !claimed {
				if scopeOf(lex) != framing.ScopeTopic {
					return nil
				}
				_, err = tx.Exec(ctx, adoptScopeSQL, scopeOf(lex), nonNil(lex.Anchors), lex.Slug)
				return err
			}
			inserted = true
			return insertLexicon(ctx, tx, &lex)
		})
		if err != nil {
			return added, fmt.Errorf("seed lexicon %s: %w", lex.Slug, err)
		}
		if inserted {
			added++
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
	if scopeOf(lex) != framing.ScopeTopic {
		return false, nil
	}
	var todo bool
	if err := s.pool.QueryRow(ctx, toAdoptSQL, lex.Slug).Scan(&todo); err != nil {
		return false, err
	}
	return todo, nil
}
