package store_test

import (
	"context"
	"slices"
	"testing"

	"framelens/framing"
)

func revisionOf(t *testing.T, st interface {
	Event(context.Context, int64) (framing.Event, error)
}, id int64) int64 {
	t.Helper()
	ev, err := st.Event(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ev.Revision
}

// Every change to an event's articles, or to an outlet they name, raises
// the event's revision, so that what was drawn from the articles can be
// told stale from one row; an event whose articles did not change keeps
// its revision.
func TestAnEventsRevisionGrowsWithEveryChangeToItsArticles(t *testing.T) {
	ctx := context.Background()
	st := openTestStore(t)
	a := mustCreateEvent(t, st, framing.EventInput{Title: "A"})
	b := mustCreateEvent(t, st, framing.EventInput{Title: "B"})
	if r := revisionOf(t, st, a.ID); r != 0 {
		t.Fatalf("a new event has revision %d", r)
	}
	last := map[int64]int64{a.ID: 0, b.ID: 0}
	lastList, err := st.EventsVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, changed ...int64) {
		t.Helper()
		list, err := st.EventsVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if (list != lastList) != (len(changed) > 0) {
			t.Errorf("%s: the events' version went from %s to %s", what, lastList, list)
		}
		lastList = list
		for _, id := range []int64{a.ID, b.ID} {
			r := revisionOf(t, st, id)
			if grew := r > last[id]; grew != slices.Contains(changed, id) {
				t.Errorf("%s: event %d went from revision %d to %d", what, id, last[id], r)
			}
			last[id] = r
		}
	}
	art := mustAddArticle(t, st, a.ID, articleInput("Wire", sampleBody))
	other := mustAddArticle(t, st, b.ID, articleInput("Other", "A text of another event, about the harbour."))
	step("adding an article to each", a.ID, b.ID)

	in := articleInput("Wire", sampleBody)
	in.Headline = "Only the headline changed"
	if _, err := st.UpdateArticle(ctx, art.ID, a.ID, in); err != nil {
		t.Fatal(err)
	}
	step("editing a headline", a.ID)

	if _, err := st.UpdateArticle(ctx, art.ID, b.ID, in); err != nil {
		t.Fatal(err)
	}
	step("moving the article to the other event", a.ID, b.ID)

	outlets := mustListOutlets(t, st)
	var otherOutlet int64
	for _, o := range outlets {
		if o.Name == "Other" {
			otherOutlet = o.ID
		}
	}
	if _, err := st.UpdateOutlet(ctx, otherOutlet, framing.OutletInput{Country: "Armenia"}); err != nil {
		t.Fatal(err)
	}
	step("describing an outlet that only event B names", b.ID)

	if err := st.DeleteArticle(ctx, other.ID); err != nil {
		t.Fatal(err)
	}
	step("deleting an article", b.ID)

	if err := st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "1:1", Article: art}}); err != nil {
		t.Fatal(err)
	}
	step("keeping an analysis, which changes no article")

	before, _ := st.EventsVersion(ctx)
	mustCreateEvent(t, st, framing.EventInput{Title: "C"})
	if after, _ := st.EventsVersion(ctx); after == before {
		t.Errorf("a new event left the events' version at %s", after)
	}
}
