package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"framelens/framing"
	"framelens/store"
)

func article(outlet, body string) framing.ArticleInput {
	return framing.ArticleInput{Outlet: outlet, Headline: "Headline", Language: "en", Body: body}
}

const body1 = "The two leaders met in Vladivostok and discussed the region."

func TestOpenCreatesAMigratedWALDatabaseThatKeepsDataAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Kept"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", mode, err)
	}
	var migrations int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM goose_db_version WHERE version_id > 0`).Scan(&migrations); err != nil || migrations < 2 {
		t.Errorf("%d migrations recorded (%v)", migrations, err)
	}
	raw.Close()

	st, err = store.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	got, err := st.Event(ctx, ev.ID)
	if err != nil || got.Title != "Kept" {
		t.Errorf("after reopening: %+v, %v", got, err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Error(err)
	}
}

func TestEventsAreValidatedListedNewestFirstWithCountsAndOutlets(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	if _, err := st.CreateEvent(ctx, framing.EventInput{Title: "  ", Date: "2022-13-01"}); framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("invalid event: %v", err)
	}
	old, _ := st.CreateEvent(ctx, framing.EventInput{Title: "Old", Date: "2020-11-10"})
	recent, _ := st.CreateEvent(ctx, framing.EventInput{Title: "Recent", Date: "2023-09-19"})
	for _, a := range []framing.ArticleInput{article("Reuters", body1), article("Asbarez", body1+" More."), article("reuters", body1+" Again.")} {
		if _, err := st.AddArticle(ctx, recent.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.ListEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != recent.ID || list[1].ID != old.ID {
		t.Fatalf("order: %+v", list)
	}
	if list[0].ArticleCount != 3 || strings.Join(list[0].Outlets, ",") != "Reuters,Asbarez" {
		t.Errorf("recent: %d articles, outlets %v", list[0].ArticleCount, list[0].Outlets)
	}
	if list[1].ArticleCount != 0 || len(list[1].Outlets) != 0 {
		t.Errorf("old: %+v", list[1])
	}
	if _, err := st.Event(ctx, 999); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("missing event: %v", err)
	}
}

func TestAnArticleIsStoredWholeWithItsOutletOrNotAtAll(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	ev, _ := st.CreateEvent(ctx, framing.EventInput{Title: "E"})
	other, _ := st.CreateEvent(ctx, framing.EventInput{Title: "F"})
	in := framing.ArticleInput{Outlet: "  Anadolu   Agency ", Headline: "Putin, Pashinyan meet", Byline: "Staff",
		URL: "https://example.org/a", Published: "2022-09-07", Language: "EN", Illustrative: true,
		Body: "Нагорный Карабах.\r\nThe leaders met in Vladivostok on Wednesday."}
	a, err := st.AddArticle(ctx, ev.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.Articles(ctx, ev.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("articles: %v %v", got, err)
	}
	want := framing.Article{ID: a.ID, EventID: ev.ID, Outlet: "Anadolu Agency", Headline: in.Headline, Byline: "Staff",
		URL: in.URL, Published: in.Published, Language: "en", Illustrative: true,
		Body: "Нагорный Карабах.\nThe leaders met in Vladivostok on Wednesday.", CreatedAt: got[0].CreatedAt}
	if got[0] != want || got[0].CreatedAt.IsZero() {
		t.Errorf("stored\n %+v\nwant\n %+v", got[0], want)
	}

	// The same text, spaced and cased differently, is refused in the same
	// event, and the new outlet it names is not left behind.
	_, err = st.AddArticle(ctx, ev.ID, article("Brand New Outlet", "нагорный  карабах.\nthe leaders met in vladivostok on wednesday."))
	var fe *framing.Error
	if framing.ErrorCode(err) != framing.EConflict || !asError(err, &fe) || fe.Field() != "body" {
		t.Fatalf("duplicate: %v", err)
	}
	outlets, _ := st.Outlets(ctx)
	if len(outlets) != 1 || outlets[0].Name != "Anadolu Agency" {
		t.Errorf("outlets after a refused article: %+v", outlets)
	}
	if _, err := st.AddArticle(ctx, other.ID, in); err != nil {
		t.Errorf("the same text in another event: %v", err)
	}
	if _, err := st.AddArticle(ctx, 999, article("X", body1)); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("missing event: %v", err)
	}
	if _, err := st.AddArticle(ctx, ev.ID, article("", "short")); framing.ErrorCode(err) != framing.EInvalid {
		t.Errorf("invalid article: %v", err)
	}
	if n := len(mustArticles(t, st, ev.ID)); n != 1 {
		t.Errorf("event has %d articles after refusals, want 1", n)
	}
}

func asError(err error, target **framing.Error) bool {
	return errors.As(err, target)
}

func mustArticles(t *testing.T, st *store.Store, id int64) []framing.Article {
	t.Helper()
	list, err := st.Articles(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestSeedingIsDoneOnceAndAFailedSeedLeavesNothing(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	ev := framing.EventInput{Title: "Demo"}
	bad := []framing.ArticleInput{article("A", body1), article("B", "")}
	if _, err := st.SeedEvent(ctx, "demo", ev, bad); err == nil {
		t.Fatal("a seed with an invalid article succeeded")
	}
	if list, _ := st.ListEvents(ctx); len(list) != 0 {
		t.Fatalf("a failed seed left %d events", len(list))
	}
	good := []framing.ArticleInput{article("A", body1), article("B", body1+" B.")}
	for i, want := range []bool{true, false} {
		seeded, err := st.SeedEvent(ctx, "demo", ev, good)
		if err != nil || seeded != want {
			t.Fatalf("seed %d: %v %v, want %v", i+1, seeded, err, want)
		}
	}
	list, _ := st.ListEvents(ctx)
	if len(list) != 1 || list[0].ArticleCount != 2 {
		t.Errorf("after two seeds: %+v", list)
	}
}

func TestConcurrentWritersAllSucceed(t *testing.T) {
	st := newStore(t)
	ctx := context.Background()
	ev, _ := st.CreateEvent(ctx, framing.EventInput{Title: "Busy"})
	var wg sync.WaitGroup
	errs := make(chan error, 80)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				_, err := st.AddArticle(ctx, ev.ID, article(fmt.Sprintf("Outlet %d", w), fmt.Sprintf("%s Writer %d, article %d.", body1, w, i)))
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := len(mustArticles(t, st, ev.ID)); n != 80 {
		t.Errorf("%d articles, want 80", n)
	}
}

func TestOpenCreatesTheDatabaseAtExactlyTheGivenPath(t *testing.T) {
	for _, name := range []string{"C#.db", "what?.db", "100%25.db"} {
		path := filepath.Join(t.TempDir(), name)
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Errorf("Open(%q): %v", name, err)
			continue
		}
		st.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open(%q) did not create that file (%v)", name, err)
		}
	}
}
