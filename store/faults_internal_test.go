package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
)

func faultStore(t *testing.T) (*Store, string, framing.Event) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Storage faults"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "Before", Headline: "Stored first", Language: "en",
		Body: "The first article was stored while there was room."}); err != nil {
		t.Fatal(err)
	}
	return st, path, ev
}

// bigArticle needs many new pages: its text alone is ~200 KB.
func bigArticle(n int) framing.ArticleInput {
	return framing.ArticleInput{Outlet: fmt.Sprintf("Big %d", n), Headline: "A long report", Language: "en",
		Body: strings.Repeat(fmt.Sprintf("Paragraph %d of a long report on the harbour works. ", n), 4000)}
}

// A database that may not grow (SQLite's max_page_count at its current
// size gives the same SQLITE_FULL as a full disk) refuses a write with the
// EFull kind, keeps nothing of it, stays sound and readable, and takes
// writes again as soon as it may grow, with no reopening.
func TestAFullDatabaseRefusesTheWriteKeepsNothingAndRecovers(t *testing.T) {
	ctx := context.Background()
	st, _, ev := faultStore(t)
	st.db.SetMaxOpenConns(1) // the page limit is per connection: keep to one
	var pages int64
	if err := st.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `PRAGMA max_page_count = `+fmt.Sprint(pages)); err != nil {
		t.Fatal(err)
	}

	_, err := st.AddArticle(ctx, ev.ID, bigArticle(1))
	if framing.ErrorCode(err) != framing.EFull || !strings.Contains(framing.ErrorMessage(err), "nothing was saved") {
		t.Fatalf("AddArticle on a full database = %v (%s), want an EFull error", err, framing.ErrorCode(err))
	}
	if _, err := st.CreateEvent(ctx, framing.EventInput{Title: strings.Repeat("A long title ", 15), Description: strings.Repeat("x", 2000)}); err != nil && framing.ErrorCode(err) != framing.EFull {
		t.Fatalf("CreateEvent on a full database = %v, want nil (it fits) or EFull", err)
	}
	articles, err := st.Articles(ctx, ev.ID)
	if err != nil || len(articles) != 1 || articles[0].Outlet != "Before" {
		t.Fatalf("after the refused write the event has %+v (%v), want only the first article", articles, err)
	}
	outlets, err := st.Outlets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outlets {
		if o.Name == "Big 1" {
			t.Fatalf("the refused article left its outlet %+v behind", o)
		}
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}

	if _, err := st.db.ExecContext(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddArticle(ctx, ev.ID, bigArticle(1)); err != nil {
		t.Fatalf("AddArticle once the database may grow again: %v", err)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}

// A database file SQLite can only read (opened read-only, as it opens a
// file it cannot write) serves every read and refuses every write with
// the EReadOnly kind.
func TestAReadOnlyDatabaseServesReadsAndRefusesWritesWithItsOwnKind(t *testing.T) {
	ctx := context.Background()
	_, path, ev := faultStore(t)
	db, err := sql.Open("sqlite3", "file:"+escapePath(path)+"?mode=ro&_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ro := newStore(db, path)

	if _, err := ro.Event(ctx, ev.ID); err != nil {
		t.Fatalf("reading an event: %v", err)
	}
	if list, err := ro.Articles(ctx, ev.ID); err != nil || len(list) != 1 {
		t.Fatalf("reading the articles: %d, %v", len(list), err)
	}
	writes := map[string]func() error{
		"add an article": func() error { _, err := ro.AddArticle(ctx, ev.ID, bigArticle(2)); return err },
		"create an event": func() error {
			_, err := ro.CreateEvent(ctx, framing.EventInput{Title: "Not now"})
			return err
		},
		"delete an article": func() error { return ro.DeleteArticle(ctx, 1) },
		"create a user":     func() error { _, err := ro.CreateUser(ctx, "reader", "hash", framing.RoleTeacher); return err },
	}
	for name, write := range writes {
		if err := write(); framing.ErrorCode(err) != framing.EReadOnly {
			t.Errorf("%s on a read-only database = %v, want an EReadOnly error", name, err)
		}
	}
}
