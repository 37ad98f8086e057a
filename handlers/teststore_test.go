package handlers_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"framelens/internal/pgtest"
	"framelens/pgstore"
	"framelens/store"
	"framelens/store/storetest"
)

// Every handler test runs on SQLite, and again on PostgreSQL with
// FRAMELENS_TEST_STORE=postgres (.ci/run does both): the handlers see a
// store only through its seams, so both stores must serve them alike.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testStore is a store as these tests use it: every seam the handlers and
// the analysis service use, seeding, and Close.
type testStore interface {
	storetest.Store
	Close() error
}

// openTestStore opens a new, empty store of the kind FRAMELENS_TEST_STORE
// names: SQLite in t.TempDir() by default, or "postgres" for a database of
// its own in a throwaway PostgreSQL cluster (skipped without PostgreSQL
// unless FRAMELENS_PG=1). The caller closes it.
func openTestStore(t testing.TB) testStore {
	t.Helper()
	var st testStore
	var err error
	switch kind := os.Getenv("FRAMELENS_TEST_STORE"); kind {
	case "", "sqlite":
		st, err = store.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	case "postgres":
		st, err = pgstore.Open(context.Background(), pgtest.URL(t))
	default:
		t.Fatalf("FRAMELENS_TEST_STORE=%q: want sqlite or postgres", kind)
	}
	if err != nil {
		t.Fatal(err)
	}
	return st
}
