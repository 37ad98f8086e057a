package storetest

import (
	"context"
	"slices"
	"testing"

	"framelens/framing"
)

func events(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("CreateAndLoad", func(t *testing.T) {
		st := open(t)
		ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "  Summit  ", Description: "Two leaders", Date: "2022-09-07"})
		check(t, err)
		if ev.ID == 0 || ev.Title != "Summit" || ev.CreatedAt.IsZero() {
			t.Fatalf("created %+v, want an id, the trimmed title and a time", ev)
		}
		got := load(t, st.Event, ev.ID)
		if got.Title != "Summit" || got.Description != "Two leaders" || got.Date != "2022-09-07" || got.Revision != 0 {
			t.Errorf("loaded %+v, want what was created at revision 0", got)
		}
	})
	t.Run("InvalidIsRefused", func(t *testing.T) {
		st := open(t)
		_, err := st.CreateEvent(ctx, framing.EventInput{Title: "  "})
		wantError(t, err, framing.EInvalid, "title")
		if list, _ := st.ListEvents(ctx); len(list) != 0 {
			t.Errorf("a refused event was stored: %+v", list)
		}
	})
	t.Run("MissingIsNotFound", func(t *testing.T) {
		_, err := open(t).Event(ctx, 999)
		wantError(t, err, framing.ENotFound, "")
	})
	t.Run("ListNewestDayFirstWithCountsAndOutlets", func(t *testing.T) {
		st := open(t)
		if list, err := st.ListEvents(ctx); err != nil || len(list) != 0 {
			t.Fatalf("empty store lists %v, %v", list, err)
		}
		old, err := st.CreateEvent(ctx, framing.EventInput{Title: "Old", Date: "2020-01-01"})
		check(t, err)
		undated := newEvent(t, st, "Undated")
		a, err := st.CreateEvent(ctx, framing.EventInput{Title: "A", Date: "2024-05-01"})
		check(t, err)
		b, err := st.CreateEvent(ctx, framing.EventInput{Title: "B", Date: "2024-05-01"})
		check(t, err)
		addArticle(t, st, a.ID, article("Wire", body(1)))
		addArticle(t, st, a.ID, article("Courier", body(2)))
		addArticle(t, st, a.ID, article("wire", body(3)))
		list, err := st.ListEvents(ctx)
		check(t, err)
		var ids []int64
		for _, e := range list {
			ids = append(ids, e.ID)
		}
		// Newest date first; on the same date the later event first;
		// events without a date last.
		if want := []int64{b.ID, a.ID, old.ID, undated.ID}; !slices.Equal(ids, want) {
			t.Fatalf("order %v, want %v", ids, want)
		}
		if got := list[1]; got.ArticleCount != 3 || !slices.Equal(got.Outlets, []string{"Wire", "Courier"}) {
			t.Errorf("event A lists %d articles from %q, want 3 from [Wire Courier] in the order first added", got.ArticleCount, got.Outlets)
		}
		if list[0].ArticleCount != 0 || len(list[0].Outlets) != 0 {
			t.Errorf("event B lists %+v, want no articles", list[0])
		}
	})
	t.Run("VersionChangesWhenTheListWould", func(t *testing.T) {
		st := open(t)
		seen := map[string]string{}
		step := func(what string) {
			t.Helper()
			v := get(t, st.EventsVersion)
			if v2 := get(t, st.EventsVersion); v2 != v {
				t.Fatalf("two reads with nothing changed: %q, %q", v, v2)
			}
			if before, ok := seen[v]; ok {
				t.Fatalf("after %s the version %q is the one of %s", what, v, before)
			}
			seen[v] = what
		}
		step("nothing")
		ev := newEvent(t, st, "One")
		step("an event added")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		step("an article added")
		_, err := st.UpdateArticle(ctx, a.ID, 0, article("Wire", body(2)))
		check(t, err)
		step("an article changed")
		other := newEvent(t, st, "Two")
		step("another event added")
		_, err = st.UpdateArticle(ctx, a.ID, other.ID, article("Wire", body(2)))
		check(t, err)
		step("an article moved")
		check(t, st.DeleteArticle(ctx, a.ID))
		step("an article removed")
	})
}

func articles(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("AddAndLoadInOrder", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		if ids := articleIDs(t, st, ev.ID); len(ids) != 0 {
			t.Fatalf("a new event has articles %v", ids)
		}
		in := framing.ArticleInput{Outlet: "  Anadolu   Agency ", Headline: "Leaders meet", Byline: "A. Writer", URL: "https://example.org/a",
			Published: "2022-09-07", Language: "en", Body: body(1), Illustrative: true}
		a, err := st.AddArticle(ctx, ev.ID, in)
		check(t, err)
		if a.ID == 0 || a.EventID != ev.ID || a.Outlet != "Anadolu Agency" || a.CreatedAt.IsZero() {
			t.Fatalf("added %+v, want an id, the event, the outlet's spacing folded and a time", a)
		}
		b := addArticle(t, st, ev.ID, article("Courier", body(2)))
		got, err := st.Article(ctx, a.ID)
		check(t, err)
		if got.Headline != "Leaders meet" || got.Byline != "A. Writer" || got.URL != in.URL || got.Published != "2022-09-07" ||
			got.Language != "en" || got.Body != body(1) || !got.Illustrative || got.Outlet != "Anadolu Agency" || got.EventID != ev.ID {
			t.Errorf("loaded %+v, want every field as added", got)
		}
		if ids := articleIDs(t, st, ev.ID); !slices.Equal(ids, []int64{a.ID, b.ID}) {
			t.Errorf("articles %v, want %v in the order added", ids, []int64{a.ID, b.ID})
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		_, err := st.AddArticle(ctx, 999, article("Wire", body(1)))
		wantError(t, err, framing.ENotFound, "")
		_, err = st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "Wire", Language: "en"})
		wantError(t, err, framing.EInvalid, "")
		addArticle(t, st, ev.ID, article("Wire", body(1)))
		_, err = st.AddArticle(ctx, ev.ID, article("Other outlet", body(1)))
		wantError(t, err, framing.EConflict, "body")
		// The same text may be in another event.
		addArticle(t, st, newEvent(t, st, "Other").ID, article("Wire", body(1)))
		if ids := articleIDs(t, st, ev.ID); len(ids) != 1 {
			t.Errorf("event has %d articles after refusals, want 1", len(ids))
		}
		_, err = st.Article(ctx, 999)
		wantError(t, err, framing.ENotFound, "")
	})
	t.Run("AnEventHoldsAtMostTheMost", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Large")
		full := make([]framing.ArticleInput, framing.MaxArticlesPerEvent+1)
		for i := range full {
			full[i] = article("Wire", body(i))
		}
		report, err := st.ImportArticles(ctx, ev.ID, lines(full...), nil)
		check(t, err)
		if report.Imported != framing.MaxArticlesPerEvent || len(report.Skipped) != 1 || report.Skipped[0].Code != framing.EInvalid {
			t.Errorf("imported %d with %+v refused, want %d and the last refused", report.Imported, report.Skipped, framing.MaxArticlesPerEvent)
		}
		_, err = st.AddArticle(ctx, ev.ID, article("Wire", body(-1)))
		wantError(t, err, framing.EInvalid, "event")
	})
	t.Run("Update", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		b := addArticle(t, st, ev.ID, article("Courier", body(2)))
		in := article("Herald", body(3))
		in.Headline = "New headline"
		got, err := st.UpdateArticle(ctx, a.ID, 0, in)
		check(t, err)
		if got.ID != a.ID || got.EventID != ev.ID || got.Outlet != "Herald" || got.Body != body(3) || got.Headline != "New headline" {
			t.Errorf("updated %+v, want every field replaced in the same event", got)
		}
		if loaded, _ := st.Article(ctx, a.ID); loaded.Body != body(3) || loaded.Outlet != "Herald" {
			t.Errorf("loaded %+v after the update", loaded)
		}
		_, err = st.UpdateArticle(ctx, a.ID, 0, article("Herald", body(2)))
		wantError(t, err, framing.EConflict, "body")
		_, err = st.UpdateArticle(ctx, 999, 0, article("Herald", body(5)))
		wantError(t, err, framing.ENotFound, "")
		_, err = st.UpdateArticle(ctx, a.ID, 999, article("Herald", body(5)))
		wantError(t, err, framing.ENotFound, "event_id")
		_, err = st.UpdateArticle(ctx, a.ID, 0, framing.ArticleInput{Outlet: "Herald"})
		wantError(t, err, framing.EInvalid, "")

		other := newEvent(t, st, "Other")
		addArticle(t, st, other.ID, article("Wire", body(2)))
		_, err = st.UpdateArticle(ctx, b.ID, other.ID, article("Courier", body(2)))
		wantError(t, err, framing.EConflict, "event_id")
		moved, err := st.UpdateArticle(ctx, a.ID, other.ID, article("Herald", body(3)))
		check(t, err)
		if moved.EventID != other.ID || len(articleIDs(t, st, ev.ID)) != 1 || len(articleIDs(t, st, other.ID)) != 2 {
			t.Errorf("moving: article in event %d, events hold %v and %v", moved.EventID, articleIDs(t, st, ev.ID), articleIDs(t, st, other.ID))
		}
	})
	t.Run("Delete", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		check(t, st.DeleteArticle(ctx, a.ID))
		_, err := st.Article(ctx, a.ID)
		wantError(t, err, framing.ENotFound, "")
		wantError(t, st.DeleteArticle(ctx, a.ID), framing.ENotFound, "")
		// Its text may be added again.
		addArticle(t, st, ev.ID, article("Wire", body(1)))
	})
}

func revisions(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	st := open(t)
	ev := newEvent(t, st, "Summit")
	other := newEvent(t, st, "Other")
	bystander := newEvent(t, st, "Bystander")
	addArticle(t, st, bystander.ID, article("Courier", body(9)))
	createLexicon(t, st, topicLexicon("karabakh", "Stepanakert"))
	rev := map[int64]int64{ev.ID: 0, other.ID: 0, bystander.ID: load(t, st.Event, bystander.ID).Revision}
	// changed checks that the revisions of the events named grew and no
	// other's changed.
	changed := func(what string, grew ...int64) {
		t.Helper()
		for id, before := range rev {
			now := load(t, st.Event, id).Revision
			if slices.Contains(grew, id) && now <= before {
				t.Errorf("%s: revision of event %d stayed %d", what, id, now)
			}
			if !slices.Contains(grew, id) && now != before {
				t.Errorf("%s: revision of event %d moved from %d to %d", what, id, before, now)
			}
			rev[id] = now
		}
	}
	a := addArticle(t, st, ev.ID, article("Wire", body(1)))
	changed("an article added", ev.ID)
	in := article("Wire", body(1))
	in.Headline = "Only the headline changed"
	_, err := st.UpdateArticle(ctx, a.ID, 0, in)
	check(t, err)
	changed("an article's headline changed", ev.ID)
	_, err = st.UpdateArticle(ctx, a.ID, other.ID, in)
	check(t, err)
	changed("an article moved", ev.ID, other.ID)
	outlets, err := st.Outlets(ctx)
	check(t, err)
	for _, o := range outlets {
		if o.Name == "Wire" {
			_, err := st.UpdateOutlet(ctx, o.ID, framing.OutletInput{Country: "Türkiye"})
			check(t, err)
		}
	}
	changed("its outlet changed", other.ID)
	check(t, st.ChooseEventTopics(ctx, other.ID, []string{"karabakh"}))
	changed("topics chosen", other.ID)
	check(t, st.ResetEventTopics(ctx, other.ID))
	changed("topics reset", other.ID)
	check(t, st.SaveDetectedTopics(ctx, other.ID, []string{"karabakh"}, "1:1"))
	changed("topics detected (which only writes down what the texts say)")
	check(t, st.SaveEventResult(ctx, other.ID, "alignments", "x", []byte("data")))
	changed("a result kept")
	check(t, st.DeleteArticle(ctx, a.ID))
	changed("an article removed", other.ID)
	_, err = st.ImportArticles(ctx, ev.ID, lines(article("Wire", body(5))), nil)
	check(t, err)
	changed("an article imported", ev.ID)
}

func outlets(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("RememberedByFoldedNameFillingGaps", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		first := article("Anadolu Agency", body(1))
		first.OutletCountry = "Türkiye"
		addArticle(t, st, ev.ID, first)
		second := article("anadolu   AGENCY", body(2))
		second.OutletCountry, second.OutletURL, second.Language = "Elsewhere", "https://aa.com.tr", "tr"
		a := addArticle(t, st, ev.ID, second)
		addArticle(t, st, ev.ID, article("Courier", body(3)))
		if a, err := st.Article(ctx, a.ID); err != nil || a.Outlet != "Anadolu Agency" {
			t.Errorf("the second article names outlet %q, want the remembered name", a.Outlet)
		}
		list, err := st.Outlets(ctx)
		check(t, err)
		if len(list) != 2 || list[0].Name != "Anadolu Agency" || list[1].Name != "Courier" {
			t.Fatalf("outlets %+v, want Anadolu Agency and Courier by name", list)
		}
		aa := list[0]
		if aa.Country != "Türkiye" || aa.URL != "https://aa.com.tr" || aa.Language != "en" || aa.ArticleCount != 2 {
			t.Errorf("outlet %+v: want the first country and language kept, the missing address filled, 2 articles", aa)
		}
		one, err := st.Outlet(ctx, aa.ID)
		check(t, err)
		if one != aa {
			t.Errorf("Outlet(%d) = %+v, want %+v", aa.ID, one, aa)
		}
	})
	t.Run("Update", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		list, err := st.Outlets(ctx)
		check(t, err)
		id := list[0].ID
		got, err := st.UpdateOutlet(ctx, id, framing.OutletInput{Country: " Armenia ", Language: "HY", URL: "https://wire.example"})
		check(t, err)
		if got.ID != id || got.Name != "Wire" || got.Country != "Armenia" || got.Language != "hy" || got.URL != "https://wire.example" || got.ArticleCount != 1 {
			t.Errorf("updated %+v", got)
		}
		_, err = st.UpdateOutlet(ctx, 999, framing.OutletInput{})
		wantError(t, err, framing.ENotFound, "")
		_, err = st.UpdateOutlet(ctx, id, framing.OutletInput{URL: "not a url"})
		wantError(t, err, framing.EInvalid, "url")
		_, err = st.Outlet(ctx, 999)
		wantError(t, err, framing.ENotFound, "")
		// An outlet stays remembered when its articles are gone.
		check(t, st.DeleteArticle(ctx, a.ID))
		if o, err := st.Outlet(ctx, id); err != nil || o.ArticleCount != 0 || o.Country != "Armenia" {
			t.Errorf("after its article was removed: %+v, %v", o, err)
		}
	})
}
