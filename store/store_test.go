package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"framelens/framing"
	"framelens/store"
)

// openTestStore opens a fresh database file in a temporary directory and
// closes it when the test ends.
func openTestStore(t *testing.T) *store.Store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "framelens.db"))
}

// openStoreAt opens the database at path and closes it when the test ends.
func openStoreAt(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// openRaw opens the database file directly, bypassing the store, to look at
// what the store left in it.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// articleInput is a valid article input from outlet with the given text.
func articleInput(outlet, body string) framing.ArticleInput {
	return framing.ArticleInput{Outlet: outlet, Headline: "A headline", Language: "en", Body: body}
}

const sampleBody = "The two leaders met in Vladivostok on Wednesday and discussed the region."

func mustCreateEvent(t *testing.T, st *store.Store, in framing.EventInput) framing.Event {
	t.Helper()
	ev, err := st.CreateEvent(context.Background(), in)
	if err != nil {
		t.Fatalf("CreateEvent(%+v): %v", in, err)
	}
	return ev
}

func mustAddArticle(t *testing.T, st *store.Store, eventID int64, in framing.ArticleInput) framing.Article {
	t.Helper()
	a, err := st.AddArticle(context.Background(), eventID, in)
	if err != nil {
		t.Fatalf("AddArticle(%d, %+v): %v", eventID, in, err)
	}
	return a
}

func mustListArticles(t *testing.T, st *store.Store, eventID int64) []framing.Article {
	t.Helper()
	list, err := st.Articles(context.Background(), eventID)
	if err != nil {
		t.Fatalf("Articles(%d): %v", eventID, err)
	}
	return list
}

func mustListEvents(t *testing.T, st *store.Store) []framing.EventSummary {
	t.Helper()
	list, err := st.ListEvents(context.Background())
	if err != nil {
		t.Fatalf("ListEvents: %v", err)
	}
	return list
}

func mustListOutlets(t *testing.T, st *store.Store) []framing.Outlet {
	t.Helper()
	list, err := st.Outlets(context.Background())
	if err != nil {
		t.Fatalf("Outlets: %v", err)
	}
	return list
}

// appError is the framing.Error in err's chain, failing the test when there
// is none.
func appError(t *testing.T, err error) *framing.Error {
	t.Helper()
	var e *framing.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *framing.Error", err, err)
	}
	return e
}

func fieldNames(e *framing.Error) []string {
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

// migrationVersions is the goose versions recorded in the database, one
// entry per recorded application.
func migrationVersions(t *testing.T, db *sql.DB) []int64 {
	t.Helper()
	rows, err := db.Query(`SELECT version_id FROM goose_db_version WHERE version_id > 0 ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shippedMigrations is the number of migration files in the package.
func shippedMigrations(t *testing.T) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migration files found: %v", err)
	}
	return len(files)
}

func TestOpenCreatesTheDatabaseFileWithTheWholeSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file exists before Open: %v", err)
	}
	openStoreAt(t, path)
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		t.Fatalf("after Open the file is missing or empty: %v", err)
	}

	raw := openRaw(t, path)
	rows, err := raw.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	tables := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables[name] = true
	}
	for _, want := range []string{"outlets", "events", "articles", "lexicons", "perspectives", "concepts", "terms",
		"article_analyses", "seeds", "users", "sessions", "goose_db_version"} {
		if !tables[want] {
			t.Errorf("table %s is missing; tables: %v", want, tables)
		}
	}
	if got, want := len(migrationVersions(t, raw)), shippedMigrations(t); got != want {
		t.Errorf("%d migrations recorded, want %d", got, want)
	}
}

func TestOpenPutsTheDatabaseInWALMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	journalMode := func() string {
		t.Helper()
		raw, err := sql.Open("sqlite3", path) // the driver's defaults: no journal mode asked for
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var mode string
		if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		return mode
	}
	if mode := journalMode(); mode != "wal" {
		t.Errorf("journal_mode while the store is open = %q, want wal", mode)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// WAL is a property of the file, so it outlives the store.
	if mode := journalMode(); mode != "wal" {
		t.Errorf("journal_mode after the store closed = %q, want wal", mode)
	}
}

func TestReopeningKeepsTheDataAndRunsEachMigrationOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reopen.db")

	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Встреча", Date: "2022-09-07"})
	a := mustAddArticle(t, st, ev.ID, articleInput("ТАСС", "Лидеры встретились во Владивостоке в среду."))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	raw := openRaw(t, path)
	first := migrationVersions(t, raw)
	ev.Revision = 1 // the article added

	for round := 1; round <= 2; round++ {
		st, err = store.Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", round, err)
		}
		got, err := st.Event(ctx, ev.ID)
		if err != nil || got != ev {
			t.Errorf("reopen %d: Event = %+v, %v; want %+v", round, got, err, ev)
		}
		arts, err := st.Articles(ctx, ev.ID)
		if err != nil || len(arts) != 1 || arts[0] != a {
			t.Errorf("reopen %d: Articles = %+v, %v; want [%+v]", round, arts, err, a)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		if again := migrationVersions(t, raw); !slices.Equal(again, first) {
			t.Errorf("reopen %d: migrations recorded %v, after the first open %v", round, again, first)
		}
	}
	if len(first) != shippedMigrations(t) {
		t.Errorf("migrations recorded %v, want one per file (%d)", first, shippedMigrations(t))
	}
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := bytes.Repeat([]byte("These are somebody's notes, not a database.\n"), 200)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err == nil {
		st.Close()
		t.Fatal("Open succeeded on a text file")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	after, rerr := os.ReadFile(path)
	if rerr != nil || !bytes.Equal(after, content) {
		t.Errorf("Open changed the file it refused (%v)", rerr)
	}
}

func TestOpenFailsWhenTheDirectoryDoesNotExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "dir", "framelens.db")
	st, err := store.Open(context.Background(), path)
	if err == nil {
		st.Close()
		t.Fatal("Open succeeded in a directory that does not exist")
	}
	if _, serr := os.Stat(filepath.Dir(path)); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("Open created the directory: %v", serr)
	}
}

func TestPingAnswersWhileOpenAndFailsAfterClose(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ping.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Errorf("Ping on an open store: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Ping(ctx); err == nil {
		t.Error("Ping on a closed store succeeded")
	}
}

func TestOpenStopsWhenTheContextIsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "cancelled.db"))
	if err == nil {
		st.Close()
		t.Fatal("Open succeeded with a cancelled context")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not say the context was cancelled", err)
	}
}
