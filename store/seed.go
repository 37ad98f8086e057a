package store

import (
	"context"
	"database/sql"
	"fmt"

	"framelens/framing"
)

const (
	seedDoneSQL   = `SELECT COUNT(*) FROM seeds WHERE name = ?`
	markSeededSQL = `INSERT INTO seeds (name) VALUES (?)`
)

// seeded tells whether the seed of that name was ever applied. Seeding
// looks before it takes the write lock, so that a start-up with nothing to
// seed writes nothing and works on a database it may only read.
func (s *Store) seeded(ctx context.Context, name string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, seedDoneSQL, name).Scan(&n); err != nil {
		return false, fmt.Errorf("look up seed %s: %w", name, err)
	}
	return n > 0, nil
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
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, seedDoneSQL, name).Scan(&n); err != nil {
			return fmt.Errorf("seed %s: %w", name, err)
		}
		if n > 0 {
			return nil
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
		if _, err := tx.ExecContext(ctx, markSeededSQL, name); err != nil {
			return fmt.Errorf("seed %s: %w", name, err)
		}
		seeded = true
		return nil
	})
	return seeded, err
}
