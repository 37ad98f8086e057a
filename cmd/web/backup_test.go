package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/store"
)

func runBackupCommand(args ...string) importRun {
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), append([]string{"backup"}, args...), envFrom(nil), nil, &stdout, &stderr)
	return importRun{code, stdout.String(), stderr.String()}
}

// The backup command copies the database of a running server while
// articles keep arriving through the API; the copy passes SQLite's
// integrity check and opens at the same schema version with the demo
// event and the articles that were stored before the copy began.
func TestBackupCommandCopiesTheDatabaseOfARunningServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data.db")
	base, stop := startServer(t, "-db", db)
	t.Cleanup(func() { _ = stop() })
	eventID := getEvents(t, base).Events[0].ID

	post := func(i int) error {
		body, _ := json.Marshal(map[string]string{
			"outlet": "Backup Wire", "headline": fmt.Sprintf("Report %d", i), "language": "en",
			"body": fmt.Sprintf("Report %d on the water levels: the river rose by %d centimetres overnight and the ferry stopped at %d o'clock.", i, i*7, i%24),
		})
		resp, err := http.Post(fmt.Sprintf("%s/api/events/%d/articles", base, eventID), "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("article %d: status %d", i, resp.StatusCode)
		}
		return nil
	}
	for i := range 5 {
		if err := post(i); err != nil {
			t.Fatal(err)
		}
	}
	stopWriting := make(chan struct{})
	writerDone := make(chan error, 1)
	go func() {
		for i := 5; ; i++ {
			select {
			case <-stopWriting:
				writerDone <- nil
				return
			default:
			}
			if err := post(i); err != nil {
				writerDone <- err
				return
			}
		}
	}()

	out := filepath.Join(t.TempDir(), "backup.db")
	r := runBackupCommand("-db", db, out)
	close(stopWriting)
	if err := <-writerDone; err != nil {
		t.Fatalf("the server failed a write during the backup: %v", err)
	}
	if r.code != 0 || !strings.Contains(r.stdout, "integrity check found no problem") {
		t.Fatalf("backup: status %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}

	ctx := context.Background()
	if err := store.CheckFile(ctx, out); err != nil {
		t.Fatal(err)
	}
	live, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	copied, err := store.Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	want, _ := live.SchemaVersion(ctx)
	if got, err := copied.SchemaVersion(ctx); err != nil || got != want || want == 0 {
		t.Fatalf("the copy is at schema version %d (%v), the server's database at %d", got, err, want)
	}
	articles, err := copied.Articles(ctx, eventID)
	if err != nil {
		t.Fatal(err)
	}
	var reports int
	for _, a := range articles {
		if a.Outlet == "Backup Wire" {
			reports++
		}
	}
	if reports < 5 {
		t.Fatalf("the copy has %d of the reports, want at least the 5 stored before it", reports)
	}
}

func TestBackupCommandRefusesWhatItMustNotTouch(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	existing := filepath.Join(dir, "yesterday.db")
	if err := os.WriteFile(existing, []byte("yesterday's backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"an existing file", []string{"-db", db, existing}, 1, "never overwrites"},
		{"a folder", []string{"-db", db, dir}, 1, "is a folder"},
		{"a missing database", []string{"-db", filepath.Join(dir, "none.db"), filepath.Join(dir, "new.db")}, 1, "no database at"},
		{"a database that is a folder", []string{"-db", dir, filepath.Join(dir, "new.db")}, 1, "is a folder, not a database"},
		{"no file", []string{"-db", db}, 2, "usage: web backup"},
		{"two files", []string{"-db", db, "a.db", "b.db"}, 2, "not 2"},
		{"a PostgreSQL database", []string{"-db", "postgres://u@127.0.0.1:1/none", filepath.Join(dir, "new.db")}, 1, "pg_dump --format=custom"},
		{"an unknown flag", []string{"-force", filepath.Join(dir, "new.db")}, 2, "usage: web backup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBackupCommand(tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("status %d, stderr %q; want %d and %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "yesterday's backup" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Fatal("a backup of a missing database created it")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.db")); err == nil {
		t.Fatal("a refused backup left a file")
	}
}

func TestBackupCommandTakesTheFileBeforeOrAfterTheFlagsAndExplainsRestoring(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "data.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if r := runBackupCommand(filepath.Join(dir, "first.db"), "-db", db); r.code != 0 {
		t.Fatalf("file before flags: %+v", r)
	}
	if r := runBackupCommand("-h"); r.code != 0 || !strings.Contains(r.stdout, "To restore: stop the server") {
		t.Fatalf("help: %+v", r)
	}
}
