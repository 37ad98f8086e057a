package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"framelens/framing"
	"framelens/store"
)

// A backup taken while another goroutine keeps adding articles is a whole
// database: it passes the integrity check, opens with the migrations at
// the same version, and holds a prefix of the articles, each complete.
func TestBackupWhileWritingIsAConsistentCopy(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Backups"})
	body := func(i int) string { return fmt.Sprintf("Article number %d of the backup test. %s", i, sampleBody) }
	for i := range 20 {
		mustAddArticle(t, st, ev.ID, articleInput("Writer", body(i)))
	}

	var written atomic.Int64
	written.Store(20)
	stop := make(chan struct{})
	flowing := make(chan struct{}) // closed once 40 articles are stored
	done := make(chan error, 1)
	go func() {
		for i := 20; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := st.AddArticle(ctx, ev.ID, articleInput("Writer", body(i))); err != nil {
				done <- err
				return
			}
			if written.Add(1) == 40 {
				close(flowing)
			}
		}
	}()

	out := filepath.Join(t.TempDir(), "backup.db")
	select { // the backup starts with the writer in full flow
	case <-flowing:
	case err := <-done:
		t.Fatalf("the writer failed before the backup: %v", err)
	}
	err := st.Backup(ctx, out)
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatalf("the writer failed during the backup: %v", werr)
	}
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}

	if err := store.CheckFile(ctx, out); err != nil {
		t.Fatal(err)
	}
	copied := openStoreAt(t, out)
	want, err := st.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := copied.SchemaVersion(ctx); err != nil || got != want {
		t.Fatalf("the copy's schema version is %d (%v), want %d", got, err, want)
	}
	articles := mustListArticles(t, copied, ev.ID)
	if len(articles) < 40 || int64(len(articles)) > written.Load() {
		t.Fatalf("the copy has %d articles; %d were written, at least 40 before the backup", len(articles), written.Load())
	}
	for i, a := range articles {
		if a.Body != body(i) || a.Outlet != "Writer" {
			t.Fatalf("article %d of the copy is %q by %q, want %q", i, a.Body, a.Outlet, body(i))
		}
	}
}

func TestBackupNeverOverwritesAndNeedsAFolder(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "old.db")
	if err := os.WriteFile(existing, []byte("an older backup"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, code string
	}{
		{"an existing file", existing, framing.EConflict},
		{"a folder", dir, framing.EInvalid},
		{"a missing folder", filepath.Join(dir, "no", "such", "backup.db"), framing.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := st.Backup(ctx, tt.path)
			if framing.ErrorCode(err) != tt.code {
				t.Fatalf("Backup(%s) = %v, want a %s error", tt.path, err, tt.code)
			}
		})
	}
	if b, err := os.ReadFile(existing); err != nil || string(b) != "an older backup" {
		t.Fatalf("the existing file was changed: %q, %v", b, err)
	}
}

func TestCheckFileFindsACorruptDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "corrupt.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "To be damaged"})
	for i := range 200 {
		mustAddArticle(t, st, ev.ID, articleInput("Outlet", fmt.Sprintf("Text %d. %s", i, sampleBody)))
	}
	st.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Overwrite the middle of the file: pages of the articles' table.
	fi, _ := f.Stat()
	junk := make([]byte, 8192)
	for i := range junk {
		junk[i] = byte(i * 7)
	}
	if _, err := f.WriteAt(junk, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := store.CheckFile(ctx, path); err == nil {
		t.Fatal("CheckFile found no problem in a damaged file")
	}
}
