package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
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

// An import that fills the database stops at the line that did not fit,
// keeps every line before it whole, and says so: its report names the
// line and the articles stored, its EFull error says what was stored
// rather than "nothing was saved", and importing the file again once the
// database may grow stores the rest, the stored lines refused as
// duplicates.
func TestAnImportThatFillsTheDatabaseReportsWhatItStoredAndWhereItStopped(t *testing.T) {
	ctx := context.Background()
	st, _, ev := faultStore(t)
	st.db.SetMaxOpenConns(1) // the page limit is per connection: keep to one
	var pages int64
	if err := st.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := st.db.ExecContext(ctx, `PRAGMA max_page_count = `+fmt.Sprint(pages+200)); err != nil {
		t.Fatal(err)
	}
	// Lines as in a CSV file, after its header; line 3 has no headline.
	var lines []framing.ImportLine
	for n := 2; n < 12; n++ {
		in := bigArticle(n)
		if n == 3 {
			in.Headline = ""
		}
		lines = append(lines, framing.ImportLine{N: n, Input: in})
	}

	report, importErr := st.ImportArticles(ctx, ev.ID, slices.Values(lines), nil)
	if framing.ErrorCode(importErr) != framing.EFull {
		t.Fatalf("ImportArticles = %+v, %v; want an EFull error part way", report, importErr)
	}
	if report.Imported == 0 || report.StoppedAt == 0 || report.StoppedAt > 11 {
		t.Fatalf("report %+v: the test wants a few lines to fit before the database is full", report)
	}
	stored, err := st.Articles(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range stored[1:] { // after the first article of faultStore
		ids = append(ids, a.ID)
		if a.Outlet == fmt.Sprintf("Big %d", report.StoppedAt) {
			t.Errorf("the line the import stopped at, %d, is stored", report.StoppedAt)
		}
	}
	if !slices.Equal(ids, report.ArticleIDs) || report.Imported != len(ids) {
		t.Errorf("stored %v; the report says %d: %v", ids, report.Imported, report.ArticleIDs)
	}
	if len(report.Skipped) != 1 || report.Skipped[0].Line != 3 {
		t.Errorf("refused lines %+v, want line 3", report.Skipped)
	}
	msg := framing.ErrorMessage(importErr)
	want := fmt.Sprintf("The database is full: the import stopped at line %d. The %d articles imported from the lines before it are stored",
		report.StoppedAt, report.Imported)
	if report.Imported == 1 {
		want = fmt.Sprintf("The database is full: the import stopped at line %d. The article imported", report.StoppedAt)
	}
	if !strings.HasPrefix(msg, want) || strings.Contains(msg, "nothing was saved") {
		t.Errorf("message %q, want it to begin %q", msg, want)
	}

	if _, err := st.db.ExecContext(ctx, `PRAGMA max_page_count = 1073741823`); err != nil {
		t.Fatal(err)
	}
	again, err := st.ImportArticles(ctx, ev.ID, slices.Values(lines), nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 9-report.Imported || len(again.Skipped) != 1+report.Imported {
		t.Errorf("the file imported again: %d imported, %d refused; want the %d not stored before, and the rest refused",
			again.Imported, len(again.Skipped), 9-report.Imported)
	}
}
