package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"framelens/framing"
	"framelens/store/storeutil"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the PostgreSQL database behind Framelens.
//
// Writes that SQLite serializes with its one writer are serialized here
// by row locks, always taken in the same order so that two of them never
// wait for each other: first the corpus_version row (by every write to
// articles or outlets, whose triggers update it and events' revisions
// anyway), then the event, the outlet, the lexicon or the student the
// write is about.
type Store struct {
	pool *pgxpool.Pool
	kept *kept
}

// maxConns bounds each instance's connections unless the URL sets
// pool_max_conns.
const maxConns = 16

// Open connects to the database at url (a postgres:// URL or a key=value
// string, as libpq takes them) and migrates it to the newest schema.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		// pgxpool's default is four on a machine of two cores: too few
		// for a class whose marks each hold a connection for a few round
		// trips. As many as SQLite's store keeps (the server's
		// max_connections must allow this times the instances).
		cfg.MaxConns = maxConns
	}
	// Times come back in UTC, as SQLite's driver gives them.
	cfg.AfterConnect = func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
			Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", cfg.ConnConfig.Database, err)
	}
	s := &Store{pool: pool, kept: newKept()}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// migrateLock is the advisory lock that lets one instance migrate at a
// time when several start at once.
const migrateLock = 0x6672616d656c656e // "framelen"

func (s *Store) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	// The lock is held by one connection while goose migrates on others.
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return fmt.Errorf("migrate database: wait for other instances: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	db := stdlib.OpenDBFromPool(s.pool)
	defer db.Close()
	provider, err := goose.NewProvider(goose.DialectPostgres, db, sub)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", fault(err))
	}
	return nil
}

// Close closes every connection.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Ping reports whether the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.pool.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// inTx runs fn in one transaction: every write in it lands, or none does.
// A full or read-only database comes out as its own error kind. Like
// every write, it forgets what the store keeps (see kept).
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	defer s.kept.forget() // whether or not the write landed
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", fault(err))
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return fault(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit transaction: %w", fault(err))
	}
	return nil
}

// exec runs one statement that writes, in a transaction of its own.
func (s *Store) exec(ctx context.Context, query sqlText, args ...any) (pgconn.CommandTag, error) {
	defer s.kept.forget()
	tag, err := s.pool.Exec(ctx, string(query), args...)
	return tag, fault(err)
}

// query runs a query and calls scan for each row.
func (s *Store) query(ctx context.Context, query sqlText, scan func(pgx.Rows) error, args ...any) error {
	return queryOn(ctx, s.pool, query, scan, args...)
}

// querier is the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

func queryOn(ctx context.Context, q querier, query sqlText, scan func(pgx.Rows) error, args ...any) error {
	rows, err := q.Query(ctx, string(query), args...)
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

// lockArticlesSQL takes the first lock of every write to articles or
// outlets (see Store).
const lockArticlesSQL = `SELECT version FROM corpus_version WHERE id = 1 FOR UPDATE`

func lockArticles(ctx context.Context, tx pgx.Tx) error {
	var v int64
	if err := tx.QueryRow(ctx, lockArticlesSQL).Scan(&v); err != nil {
		return fmt.Errorf("lock the articles: %w", err)
	}
	return nil
}

// PostgreSQL's error codes that the store tells apart.
const (
	codeUniqueViolation = "23505"
	codeDiskFull        = "53100"
	codeReadOnlySQLTxn  = "25006" // a standby, or default_transaction_read_only
)

// fault gives a full disk and a database that may not be written (a
// standby after a failover, or one set read-only) their own kinds,
// joined to the driver's error so that the log keeps the detail. Every
// other error is returned as it is.
func fault(err error) error {
	var pe *pgconn.PgError
	var fe *framing.Error
	if err == nil || !errors.As(err, &pe) || errors.As(err, &fe) {
		return err
	}
	switch pe.Code {
	case codeDiskFull:
		return errors.Join(storeutil.ErrFull, err)
	case codeReadOnlySQLTxn:
		return errors.Join(storeutil.ErrReadOnly, err)
	}
	return err
}

func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == codeUniqueViolation
}

// sqlText is SQL handed to a helper that runs it. Constants convert to it
// by themselves; a string built at run time would need an explicit
// conversion, which TestSQLIsConstantTextWithParameters forbids.
type sqlText string
