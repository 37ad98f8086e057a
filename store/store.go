package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"

	"framelens/framing"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite database behind Framelens.
type Store struct {
	db   *sql.DB
	path string // the database file, named when it cannot be written
	// gate lets one write of this process reach SQLite at a time. Writers
	// that meet inside SQLite wait in its busy handler, which sleeps in
	// steps of up to 100 ms and lets a late writer overtake an early one:
	// forty students marking at once saw half-second waits. Queued here
	// they go in turn. (Another process, the import command, still meets
	// the busy timeout.)
	gate chan struct{}
	// writeWorks is whether the last write reached the database; false
	// until one has (see Writable).
	writeWorks atomic.Bool
	// canWrite asks the system whether this process may write a file.
	canWrite func(path string) error
}

// The connection pool's bounds.
const (
	maxOpenConns = 16
	maxIdleConns = 4
)

// Open opens (creating if needed) the database file at path, with WAL,
// foreign keys and a busy timeout on every connection, and migrates it to
// the newest schema.
func Open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite3", dsn(path, nil))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	s := newStore(db, path)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the SQLite URI of the database file at path, with the settings
// of every connection and any more parameters (tests ask for mode=ro,
// which opens the file read-only as SQLite does a file it may not write).
func dsn(path string, params url.Values) string {
	// _txlock=immediate takes the write lock at BEGIN, so two writers queue
	// on the busy timeout instead of failing with SQLITE_BUSY on upgrade.
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "5000")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	for k, v := range params {
		q[k] = v
	}
	return "file:" + escapePath(path) + "?" + q.Encode()
}

// newStore is the store over db, the database file at path.
func newStore(db *sql.DB, path string) *Store {
	// A bounded pool: a burst of readers (a class's 300 open streams
	// refreshing at once) queues for a connection instead of opening one
	// each, and what stays open afterwards is a handful, not hundreds of
	// file descriptors. Writes go one at a time anyway (see gate).
	db.SetMaxOpenConns(maxOpenConns)
	db.SetMaxIdleConns(maxIdleConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{db: db, path: path, gate: make(chan struct{}, 1), canWrite: canWrite}
}

func (s *Store) migrate(ctx context.Context) error {
	provider, err := goose.NewProvider(goose.DialectSQLite3, s.db, migrationsFS())
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		if isReadOnly(err) {
			err = s.readOnlyError(err)
		}
		return fmt.Errorf("migrate database %s: %w", s.path, err)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// escapePath makes a file path safe in a file: URI. SQLite reads "?" and
// "#" there as delimiters and decodes "%XX", so those characters are
// escaped.
func escapePath(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

// inTx runs fn in one transaction: every write in it lands, or none does.
// A full or read-only database comes out as its own error kind; a
// read-only one names the files at fault.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	return s.write(ctx, func() error {
		err := s.tx(ctx, fn)
		switch {
		case err == nil:
			s.writeWorks.Store(true)
		case framing.ErrorCode(err) == framing.EReadOnly:
			s.writeWorks.Store(false)
		}
		return err
	})
}

// exec runs one statement that writes, in a transaction of its own.
func (s *Store) exec(ctx context.Context, query sqlText, args ...any) (sql.Result, error) {
	var res sql.Result
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = tx.ExecContext(ctx, string(query), args...)
		return err
	})
	return res, err
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", s.fault(err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return s.fault(err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", s.fault(err))
	}
	return nil
}

// write runs fn, which writes to the database, once this process's
// earlier writes are done, or gives up when ctx ends first.
func (s *Store) write(ctx context.Context, fn func() error) error {
	select {
	case s.gate <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait to write: %w", ctx.Err())
	}
	defer func() { <-s.gate }()
	return fn()
}

func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// sqlText is SQL handed to a helper that runs it. Constants convert to it
// by themselves; a string built at run time would need an explicit
// conversion, which TestSQLIsConstantTextWithParameters forbids.
type sqlText string
