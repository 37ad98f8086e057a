package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"framelens/framing"
)

// Backup writes a consistent copy of the database to the new file at path
// while the server keeps reading and writing: VACUUM INTO copies one read
// transaction's snapshot, so a write in progress is either wholly in the
// copy or not at all. It never overwrites a file, and the copy is synced
// to disk and checked before Backup returns.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := checkBackupPath(path); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		// A copy cut short (the disk filled up) is no backup: remove it so
		// that nobody restores from it. The file did not exist before.
		_ = os.Remove(path)
		return fmt.Errorf("copy the database to %s: %w", path, storageFault(err))
	}
	if err := syncFile(path); err != nil {
		return err
	}
	return CheckFile(ctx, path)
}

// checkBackupPath refuses a path that exists (a backup never replaces a
// file, not even an older backup) or whose folder does not.
func checkBackupPath(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return framing.Errorf(framing.EInvalid, "%s is a folder: give the name of a new file for the backup, such as %s", path, filepath.Join(path, "framelens-backup.db"))
	case err == nil:
		return framing.Errorf(framing.EConflict, "%s already exists, and a backup never overwrites a file: give a new file name", path)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("check the backup file %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return framing.Errorf(framing.EInvalid, "the folder %s does not exist: create it first or give another place for the backup", dir)
	}
	return nil
}

// syncFile makes the copy durable: VACUUM INTO writes without syncing.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("open the backup %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync the backup %s: %w", path, err)
	}
	return f.Close()
}

// CheckFile runs SQLite's integrity check on the database file at path,
// opened read-only so that checking changes nothing.
func CheckFile(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("open %s to check it: %w", path, err)
	}
	defer db.Close()
	return integrityCheck(ctx, db, path)
}

// IntegrityCheck runs SQLite's integrity check on the open database.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	return integrityCheck(ctx, s.db, "the database")
}

func integrityCheck(ctx context.Context, db *sql.DB, name string) error {
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("check %s: %w", name, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("check %s: %w", name, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check %s: %w", name, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check %s: SQLite's integrity check found %d problems, the first: %s", name, len(problems), problems[0])
	}
	return nil
}

// SchemaVersion is the newest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	return v, nil
}
