package pgstore

import (
	"context"
	"fmt"

	"framelens/store/storeutil"
)

// Writable tells whether a write would reach the database: nil, or an
// EReadOnly error when the server takes no writes (a standby, or a
// database set read-only). PostgreSQL has no files for this process to be
// refused, unlike SQLite, so there is nothing to name or reconnect.
func (s *Store) Writable(ctx context.Context) error {
	var readOnly string
	if err := s.pool.QueryRow(ctx, `SHOW transaction_read_only`).Scan(&readOnly); err != nil {
		return fmt.Errorf("check that the database can be written: %w", err)
	}
	if readOnly == "on" {
		return storeutil.ErrReadOnly
	}
	return nil
}

// IntegrityCheck asks the server a question that reads the catalogue:
// PostgreSQL checks its pages itself as it reads them (and with data
// checksums if the cluster has them), and has no check of a whole
// database that SQLite's integrity_check would compare to.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM pg_catalog.pg_class`).Scan(&n); err != nil {
		return fmt.Errorf("check the database: %w", err)
	}
	return nil
}

// SchemaVersion is the newest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	return v, nil
}
