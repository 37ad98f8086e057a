package deploy

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for database/sql
	"github.com/pressly/goose/v3"

	"framelens/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestABackupWithPgDumpRestoresIntoANewDatabase runs the backup and
// restore commands of docs/deploy.md on a database with every migration of
// the PostgreSQL store and a row in each table that has rows.
func TestABackupWithPgDumpRestoresIntoANewDatabase(t *testing.T) {
	from, to := pgtest.URL(t), pgtest.URL(t)
	ctx := context.Background()
	db, err := sql.Open("pgx", from)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, os.DirFS("../pgstore/migrations"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO jobs (kind, key) VALUES ('reanalyze', 'v1');
		INSERT INTO throttles (name, key, tokens, at) VALUES ('login', '192.0.2.1', 3, now())`); err != nil {
		t.Fatal(err)
	}

	dump := filepath.Join(t.TempDir(), "framelens.dump")
	run(t, pgTool(t, "pg_dump"), "--format=custom", "--no-owner", "--file="+dump, from)
	run(t, pgTool(t, "pg_restore"), "--no-owner", "--exit-on-error", "--dbname="+to, dump)

	want, got := rowCounts(t, from), rowCounts(t, to)
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("tables restored %v, want %v", got, want)
	}
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: %d rows restored, want %d", table, got[table], n)
		}
	}
}

// rowCounts counts the rows of every table of the public schema.
func rowCounts(t *testing.T, url string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(tables)
	out := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

// pgTool finds a PostgreSQL client program on PATH or in Debian's
// versioned folder, which is not on PATH.
func pgTool(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	sort.Sort(sort.Reverse(sort.StringSlice(matches)))
	if len(matches) == 0 {
		t.Fatalf("%s is not installed (Debian's postgresql-client)", name)
	}
	return matches[0]
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(name), err, out)
	}
}
