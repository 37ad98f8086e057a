package pgstore

import (
	"context"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"framelens/internal/pgtest"
)

// crossDB is a new database with the cross-instance tables (migrations
// 00100 on) and no others, so these tests do not depend on the store's
// own migrations.
func crossDB(t testing.TB) string {
	t.Helper()
	url := pgtest.URL(t)
	pool := crossPool(t, url)
	files := fstest.MapFS{}
	dir := os.DirFS("migrations")
	matches, err := fs.Glob(dir, "001*.sql")
	if err != nil || len(matches) == 0 {
		t.Fatalf("cross-instance migrations: %v %v", matches, err)
	}
	for _, name := range matches {
		data, err := fs.ReadFile(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: data}
	}
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return url
}

// crossPool is a pool on url, as one instance would open it.
func crossPool(t testing.TB, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}
