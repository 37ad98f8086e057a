package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/store"
)

func demoEvent() framing.EventInput {
	return framing.EventInput{Title: "Putin and Pashinyan meet in Vladivostok", Date: "2022-09-07",
		Description: "The demonstration event."}
}

func demoArticles() []framing.ArticleInput {
	ru := articleInput("ТАСС", "Владимир Путин и Никол Пашинян встретились во Владивостоке.")
	ru.Language = "ru"
	return []framing.ArticleInput{
		articleInput("Anadolu Agency", sampleBody+" Anadolu's text."),
		ru,
		articleInput("Asbarez", sampleBody+" Asbarez's text."),
	}
}

// assertNothingStored fails the test if the store holds any event, article
// or outlet.
func assertNothingStored(t *testing.T, st *store.Store) {
	t.Helper()
	events := mustListEvents(t, st)
	if len(events) != 0 {
		t.Errorf("events stored: %+v", events)
	}
	for _, e := range events {
		if arts := mustListArticles(t, st, e.ID); len(arts) != 0 {
			t.Errorf("articles stored in event %d: %d", e.ID, len(arts))
		}
	}
	// Articles of the first ids, in case an article landed without its event.
	for id := int64(1); id <= 3; id++ {
		if arts := mustListArticles(t, st, id); len(arts) != 0 {
			t.Errorf("articles stored in event %d: %d", id, len(arts))
		}
	}
	if outlets := mustListOutlets(t, st); len(outlets) != 0 {
		t.Errorf("outlets stored: %+v", outlets)
	}
}

func TestSeedEventStoresTheEventAndItsArticlesTheFirstTime(t *testing.T) {
	st := openTestStore(t)
	seeded, err := st.SeedEvent(context.Background(), "vladivostok", demoEvent(), demoArticles())
	if err != nil || !seeded {
		t.Fatalf("SeedEvent = %v, %v; want true, nil", seeded, err)
	}
	events := mustListEvents(t, st)
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	ev := events[0]
	want := demoEvent()
	if ev.Title != want.Title || ev.Date != want.Date || ev.Description != want.Description || ev.ArticleCount != 3 {
		t.Errorf("seeded event %+v", ev)
	}
	if got := strings.Join(ev.Outlets, ","); got != "Anadolu Agency,ТАСС,Asbarez" {
		t.Errorf("outlets %q", got)
	}
	arts := mustListArticles(t, st, ev.ID)
	for i, in := range demoArticles() {
		if err := in.Normalize(); err != nil {
			t.Fatal(err)
		}
		w := in.Article(ev.ID)
		w.ID, w.CreatedAt = arts[i].ID, arts[i].CreatedAt
		if arts[i] != w || arts[i].ID <= 0 || arts[i].CreatedAt.IsZero() {
			t.Errorf("seeded article %d\n %+v\nwant\n %+v", i+1, arts[i], w)
		}
	}
}

func TestSeedEventDoesNothingTheSecondTime(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	if seeded, err := st.SeedEvent(ctx, "vladivostok", demoEvent(), demoArticles()); err != nil || !seeded {
		t.Fatalf("first SeedEvent = %v, %v", seeded, err)
	}
	before := mustListEvents(t, st)
	outletsBefore := mustListOutlets(t, st)

	// Even a changed data set under the same name is not applied again.
	changed := demoEvent()
	changed.Title = "Changed title"
	more := append(demoArticles(), articleInput("New Outlet", sampleBody+" Another text."))
	for round := 2; round <= 3; round++ {
		seeded, err := st.SeedEvent(ctx, "vladivostok", changed, more)
		if err != nil || seeded {
			t.Fatalf("SeedEvent call %d = %v, %v; want false, nil", round, seeded, err)
		}
	}
	after := mustListEvents(t, st)
	if len(after) != 1 || after[0].ID != before[0].ID || after[0].Title != before[0].Title || after[0].ArticleCount != 3 {
		t.Errorf("after seeding again: %+v, before: %+v", after, before)
	}
	if n := len(mustListOutlets(t, st)); n != len(outletsBefore) {
		t.Errorf("%d outlets after seeding again, want %d", n, len(outletsBefore))
	}
}

func TestSeedsWithDifferentNamesAreEachApplied(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	for _, name := range []string{"one", "two"} {
		ev := demoEvent()
		ev.Title = "Event " + name
		if seeded, err := st.SeedEvent(ctx, name, ev, demoArticles()); err != nil || !seeded {
			t.Fatalf("SeedEvent(%s) = %v, %v; want true, nil", name, seeded, err)
		}
	}
	events := mustListEvents(t, st)
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	for _, e := range events {
		if e.ArticleCount != 3 {
			t.Errorf("%s has %d articles, want 3 (the same texts in two events)", e.Title, e.ArticleCount)
		}
	}
	if n := len(mustListOutlets(t, st)); n != 3 {
		t.Errorf("%d outlets, want the 3 shared ones", n)
	}
}

func TestAFailedSeedLeavesNoEventNoArticlesAndCanBeRetried(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	bad := demoArticles()
	bad[1].Body = "" // the second article is invalid; the first is fine and was written already

	seeded, err := st.SeedEvent(ctx, "vladivostok", demoEvent(), bad)
	if err == nil || seeded {
		t.Fatalf("SeedEvent with an invalid article = %v, %v; want false and an error", seeded, err)
	}
	if framing.ErrorCode(err) != framing.EInvalid || appError(t, err).Field() != "body" {
		t.Errorf("error %v: want the article's invalid body", err)
	}
	if !strings.Contains(err.Error(), "vladivostok") || !strings.Contains(err.Error(), "article 2") {
		t.Errorf("error %q does not name the seed and the article", err)
	}
	assertNothingStored(t, st)

	// The failed seed is not recorded as done.
	seeded, err = st.SeedEvent(ctx, "vladivostok", demoEvent(), demoArticles())
	if err != nil || !seeded {
		t.Fatalf("SeedEvent after a failed one = %v, %v; want true, nil", seeded, err)
	}
	if events := mustListEvents(t, st); len(events) != 1 || events[0].ArticleCount != 3 {
		t.Errorf("after the retry: %+v", events)
	}
}

func TestASeedWithTheSameTextTwiceIsRefusedWhole(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	arts := demoArticles()
	arts[2].Body = strings.ToUpper(arts[0].Body)
	seeded, err := st.SeedEvent(ctx, "dup", demoEvent(), arts)
	if err == nil || seeded {
		t.Fatalf("SeedEvent with a duplicate text = %v, %v; want false and an error", seeded, err)
	}
	if framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("error %v, want code %q", err, framing.EConflict)
	}
	assertNothingStored(t, st)
}

func TestASeedWithAnInvalidEventIsRefusedAndNotRecorded(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	seeded, err := st.SeedEvent(ctx, "demo", framing.EventInput{Title: " ", Date: "2022-02-30"}, demoArticles())
	if err == nil || seeded {
		t.Fatalf("SeedEvent with an invalid event = %v, %v; want false and an error", seeded, err)
	}
	if framing.ErrorCode(err) != framing.EInvalid {
		t.Errorf("error %v, want code %q", err, framing.EInvalid)
	}
	assertNothingStored(t, st)
	if seeded, err := st.SeedEvent(ctx, "demo", demoEvent(), demoArticles()); err != nil || !seeded {
		t.Errorf("SeedEvent after an invalid event = %v, %v; want true, nil", seeded, err)
	}
}

func TestASeedWithoutArticlesStoresItsEvent(t *testing.T) {
	st := openTestStore(t)
	seeded, err := st.SeedEvent(context.Background(), "bare", demoEvent(), nil)
	if err != nil || !seeded {
		t.Fatalf("SeedEvent = %v, %v; want true, nil", seeded, err)
	}
	if events := mustListEvents(t, st); len(events) != 1 || events[0].ArticleCount != 0 {
		t.Errorf("events %+v, want one without articles", events)
	}
}

func TestAnAppliedSeedIsRememberedAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "seeded.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if seeded, err := st.SeedEvent(ctx, "vladivostok", demoEvent(), demoArticles()); err != nil || !seeded {
		t.Fatalf("SeedEvent = %v, %v", seeded, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st = openStoreAt(t, path)
	if seeded, err := st.SeedEvent(ctx, "vladivostok", demoEvent(), demoArticles()); err != nil || seeded {
		t.Errorf("SeedEvent after a restart = %v, %v; want false, nil", seeded, err)
	}
	if events := mustListEvents(t, st); len(events) != 1 || events[0].ArticleCount != 3 {
		t.Errorf("events after a restart: %+v", events)
	}
}
