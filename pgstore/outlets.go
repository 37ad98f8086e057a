package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// A known outlet keeps its country, language and address and only has
// gaps filled, so an article typed in a hurry never overwrites what
// someone set on purpose. It is updated even when nothing changes, as
// SQLite's upsert does, so that the events naming it get a new revision
// alike. Update first, insert if there was none: an upsert would use up
// an id each time it found the outlet. Writes to outlets hold the
// articles' lock (see Store), so no other can insert the same outlet in
// between.
const (
	fillOutletSQL = `
UPDATE outlets SET
    language = CASE WHEN language = '' THEN $2 ELSE language END,
    country  = CASE WHEN country  = '' THEN $3 ELSE country  END,
    url      = CASE WHEN url      = '' THEN $4 ELSE url      END
WHERE name_key = $1
RETURNING id`
	insertOutletSQL = `INSERT INTO outlets (name, name_key, language, country, url) VALUES ($1, $2, $3, $4, $5) RETURNING id`
)

// upsertOutlet remembers the outlet of a normalized article input and
// returns its id.
func upsertOutlet(ctx context.Context, tx pgx.Tx, in framing.ArticleInput) (int64, error) {
	var id int64
	key := framing.OutletKey(in.Outlet)
	err := tx.QueryRow(ctx, fillOutletSQL, key, in.Language, in.OutletCountry, in.OutletURL).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		err = tx.QueryRow(ctx, insertOutletSQL, in.Outlet, key, in.Language, in.OutletCountry, in.OutletURL).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("remember outlet %q: %w", in.Outlet, err)
	}
	return id, nil
}

const outletsSQL = `SELECT ` + storeutil.OutletColumns + ` FROM outlets o ORDER BY o.name_key COLLATE "C"`

// Outlets returns every remembered outlet by name, with its article count.
func (s *Store) Outlets(ctx context.Context) ([]framing.Outlet, error) {
	var list []framing.Outlet
	err := s.query(ctx, outletsSQL, func(rows pgx.Rows) error {
		o, err := storeutil.ScanOutlet(rows)
		list = append(list, o)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return list, nil
}

const outletSQL = `SELECT ` + storeutil.OutletColumns + ` FROM outlets o WHERE o.id = $1`

// Outlet returns one outlet, or a framing ENotFound error.
func (s *Store) Outlet(ctx context.Context, id int64) (framing.Outlet, error) {
	o, err := storeutil.ScanOutlet(s.pool.QueryRow(ctx, outletSQL, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return o, framing.Errorf(framing.ENotFound, "There is no outlet %d.", id)
	}
	if err != nil {
		return o, fmt.Errorf("load outlet %d: %w", id, err)
	}
	return o, nil
}

const updateOutletSQL = `UPDATE outlets SET country = $1, language = $2, url = $3 WHERE id = $4`

// UpdateOutlet validates in and sets the outlet's country, language and
// address, returning the outlet as stored.
func (s *Store) UpdateOutlet(ctx context.Context, id int64, in framing.OutletInput) (framing.Outlet, error) {
	if err := in.Normalize(); err != nil {
		return framing.Outlet{}, err
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockArticles(ctx, tx); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, updateOutletSQL, in.Country, in.Language, in.URL, id)
		if err != nil {
			return fmt.Errorf("update outlet %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return framing.Errorf(framing.ENotFound, "There is no outlet %d.", id)
		}
		return nil
	})
	if err != nil {
		return framing.Outlet{}, err
	}
	return s.Outlet(ctx, id)
}
