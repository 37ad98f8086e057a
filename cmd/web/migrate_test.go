package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"framelens/internal/pgtest"
	"framelens/store"
)

func runMigrateCommand(args ...string) importRun {
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), append([]string{"migrate-to"}, args...), envFrom(nil), nil, &stdout, &stderr)
	return importRun{code, stdout.String(), stderr.String()}
}

// migrate-to copies a seeded database and prints every table's rows in
// both databases; a second copy into the same database is refused. (The
// copy itself, entity by entity, is pgstore's TestLoad….)
func TestMigrateToCopiesAndCountsAndRefusesADatabaseWithData(t *testing.T) {
	url := pgtest.URL(t)
	db := filepath.Join(t.TempDir(), "data.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed(context.Background(), st, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	st.Close()

	r := runMigrateCommand("-from", db, "-to", url)
	if r.code != 0 || !strings.Contains(r.stdout, "Every table's rows add up") {
		t.Fatalf("status %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if !regexp.MustCompile(`(?m)^  events +1 +1$`).MatchString(r.stdout) ||
		!regexp.MustCompile(`(?m)^  articles +3 +3$`).MatchString(r.stdout) {
		t.Errorf("the counts printed:\n%s", r.stdout)
	}
	r = runMigrateCommand("-from", db, "-to", url)
	if r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("a second copy: status %d, stderr %q", r.code, r.stderr)
	}
}

func TestMigrateToRefusesWhatItCannotCopy(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no target", []string{"-from", filepath.Join(dir, "data.db")}, 2, "-to postgres://"},
		{"a file as target", []string{"-to", filepath.Join(dir, "other.db")}, 2, "-to postgres://"},
		{"PostgreSQL as source", []string{"-from", "postgres://u@h/a", "-to", "postgres://u@h/b"}, 2, "not a PostgreSQL address"},
		{"an argument", []string{"-to", "postgres://u@h/b", "extra"}, 2, "unexpected argument"},
		{"a missing source", []string{"-from", filepath.Join(dir, "none.db"), "-to", "postgres://u@127.0.0.1:1/b"}, 1, "no database at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runMigrateCommand(tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("status %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
}
