package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

const (
	eventResultSQL     = `SELECT data FROM event_results WHERE event_id = $1 AND kind = $2 AND version = $3`
	saveEventResultSQL = `
INSERT INTO event_results (event_id, kind, version, data)
SELECT id, $1, $2, $3 FROM events WHERE id = $4
ON CONFLICT (event_id, kind) DO UPDATE SET version = excluded.version, data = excluded.data`
)

// EventResult returns the kept result of the given kind and version of an
// event, and false when none is kept for that version.
func (s *Store) EventResult(ctx context.Context, eventID int64, kind, version string) ([]byte, bool, error) {
	var data []byte
	err := s.pool.QueryRow(ctx, eventResultSQL, eventID, kind, version).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("load %s of event %d: %w", kind, eventID, err)
	}
	return data, true, nil
}

// SaveEventResult keeps a result of an event, replacing the one of the
// same kind kept for an older version. Nothing is kept for an event that
// is gone.
func (s *Store) SaveEventResult(ctx context.Context, eventID int64, kind, version string, data []byte) error {
	if _, err := s.exec(ctx, saveEventResultSQL, kind, version, data, eventID); err != nil {
		return fmt.Errorf("keep %s of event %d: %w", kind, eventID, err)
	}
	return nil
}
