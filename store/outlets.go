package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

// upsertOutletSQL remembers an outlet by its folded name. A known outlet
// keeps its country, language and address and only has gaps filled, so an
// article typed in a hurry never overwrites what someone set on purpose.
// The update also makes RETURNING give the id of an existing outlet.
const upsertOutletSQL = `
INSERT INTO outlets (name, name_key, language, country, url) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (name_key) DO UPDATE SET
    language = CASE WHEN outlets.language = '' THEN excluded.language ELSE outlets.language END,
    country  = CASE WHEN outlets.country  = '' THEN excluded.country  ELSE outlets.country  END,
    url      = CASE WHEN outlets.url      = '' THEN excluded.url      ELSE outlets.url      END
RETURNING id`

// upsertOutlet remembers the outlet of a normalized article input and
// returns its id.
func upsertOutlet(ctx context.Context, tx *sql.Tx, in framing.ArticleInput) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, upsertOutletSQL, in.Outlet, framing.OutletKey(in.Outlet), in.Language,
		in.OutletCountry, in.OutletURL).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("remember outlet %q: %w", in.Outlet, err)
	}
	return id, nil
}

const outletsSQL = `SELECT ` + storeutil.OutletColumns + ` FROM outlets o ORDER BY o.name_key`

// Outlets returns every remembered outlet by name, with its article count.
func (s *Store) Outlets(ctx context.Context) ([]framing.Outlet, error) {
	var list []framing.Outlet
	err := s.query(ctx, outletsSQL, func(rows *sql.Rows) error {
		o, err := storeutil.ScanOutlet(rows)
		list = append(list, o)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return list, nil
}

const outletSQL = `SELECT ` + storeutil.OutletColumns + ` FROM outlets o WHERE o.id = ?`

// Outlet returns one outlet, or a framing ENotFound error.
func (s *Store) Outlet(ctx context.Context, id int64) (framing.Outlet, error) {
	o, err := storeutil.ScanOutlet(s.db.QueryRowContext(ctx, outletSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, framing.Errorf(framing.ENotFound, "There is no outlet %d.", id)
	}
	if err != nil {
		return o, fmt.Errorf("load outlet %d: %w", id, err)
	}
	return o, nil
}

const updateOutletSQL = `UPDATE outlets SET country = ?, language = ?, url = ? WHERE id = ?`

// UpdateOutlet validates in and sets the outlet's country, language and
// address, returning the outlet as stored.
func (s *Store) UpdateOutlet(ctx context.Context, id int64, in framing.OutletInput) (framing.Outlet, error) {
	if err := in.Normalize(); err != nil {
		return framing.Outlet{}, err
	}
	res, err := s.exec(ctx, updateOutletSQL, in.Country, in.Language, in.URL, id)
	if err != nil {
		return framing.Outlet{}, fmt.Errorf("update outlet %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return framing.Outlet{}, fmt.Errorf("update outlet %d: %w", id, err)
	} else if n == 0 {
		return framing.Outlet{}, framing.Errorf(framing.ENotFound, "There is no outlet %d.", id)
	}
	return s.Outlet(ctx, id)
}
