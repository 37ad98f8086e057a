package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"framelens/framing"
)

func TestCreateEventStoresTheNormalizedEventAndReturnsItsIDAndTime(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	before := time.Now().UTC().Add(-2 * time.Second) // CURRENT_TIMESTAMP has whole seconds
	ev, err := st.CreateEvent(ctx, framing.EventInput{
		Title:       "  Встреча во Владивостоке ",
		Description: "Первый абзац.\r\nВторой абзац.",
		Date:        " 2022-09-07 ",
	})
	if err != nil {
		t.Fatal(err)
	}
	if ev.ID <= 0 {
		t.Errorf("ID = %d, want a positive id", ev.ID)
	}
	if ev.CreatedAt.Before(before) || ev.CreatedAt.After(time.Now().Add(2*time.Second)) {
		t.Errorf("CreatedAt = %v, want about now", ev.CreatedAt)
	}
	want := framing.Event{ID: ev.ID, Title: "Встреча во Владивостоке", Description: "Первый абзац.\nВторой абзац.",
		Date: "2022-09-07", CreatedAt: ev.CreatedAt}
	if ev != want {
		t.Errorf("CreateEvent returned\n %+v\nwant\n %+v", ev, want)
	}
	got, err := st.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != ev || !got.CreatedAt.Equal(ev.CreatedAt) {
		t.Errorf("Event(%d) =\n %+v\nwant what CreateEvent returned\n %+v", ev.ID, got, ev)
	}
}

func TestCreateEventGivesEveryEventItsOwnID(t *testing.T) {
	st := openTestStore(t)
	seen := map[int64]string{}
	for i := range 5 {
		title := fmt.Sprintf("Event %d", i)
		ev := mustCreateEvent(t, st, framing.EventInput{Title: title})
		if prev, dup := seen[ev.ID]; dup {
			t.Fatalf("%s got the id of %s", title, prev)
		}
		seen[ev.ID] = title
	}
	for id, title := range seen {
		got, err := st.Event(context.Background(), id)
		if err != nil || got.Title != title {
			t.Errorf("Event(%d) = %+v, %v; want title %q", id, got, err, title)
		}
	}
}

func TestCreateEventRefusesInvalidInputNamingEveryFieldAndStoresNothing(t *testing.T) {
	st := openTestStore(t)
	_, err := st.CreateEvent(context.Background(), framing.EventInput{Title: "   ", Description: "a\x00b", Date: "2022-13-01"})
	if framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("code = %q (%v), want %q", framing.ErrorCode(err), err, framing.EInvalid)
	}
	if got := fieldNames(appError(t, err)); !slices.Equal(got, []string{"title", "description", "date"}) {
		t.Errorf("fields = %v, want [title description date]", got)
	}
	if list := mustListEvents(t, st); len(list) != 0 {
		t.Errorf("an invalid event was stored: %+v", list)
	}
}

func TestEventOfAMissingIDIsNotFound(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Only one"})
	for _, id := range []int64{ev.ID + 1, 0, -1, 999} {
		_, err := st.Event(context.Background(), id)
		if framing.ErrorCode(err) != framing.ENotFound {
			t.Errorf("Event(%d) error %v, want code %q", id, err, framing.ENotFound)
			continue
		}
		if want := fmt.Sprintf("There is no event %d.", id); framing.ErrorMessage(err) != want {
			t.Errorf("Event(%d) message %q, want %q", id, framing.ErrorMessage(err), want)
		}
	}
}

func TestListEventsOfAnEmptyDatabaseIsEmpty(t *testing.T) {
	st := openTestStore(t)
	if list := mustListEvents(t, st); len(list) != 0 {
		t.Errorf("ListEvents = %+v, want none", list)
	}
}

func TestListEventsPutsTheNewestDateFirstAndUndatedEventsLast(t *testing.T) {
	st := openTestStore(t)
	ids := map[string]int64{}
	for _, in := range []framing.EventInput{
		{Title: "2021", Date: "2021-05-01"},
		{Title: "undated"},
		{Title: "2023", Date: "2023-09-19"},
		{Title: "2020", Date: "2020-11-10"},
		{Title: "2023 later added", Date: "2023-09-19"},
		{Title: "2022", Date: "2022-09-07"},
	} {
		ids[in.Title] = mustCreateEvent(t, st, in).ID
	}
	var got []string
	for _, e := range mustListEvents(t, st) {
		got = append(got, e.Title)
		if ids[e.Title] != e.ID {
			t.Errorf("%s listed with id %d, want %d", e.Title, e.ID, ids[e.Title])
		}
	}
	// On the same day the event added last comes first.
	want := []string{"2023 later added", "2023", "2022", "2021", "2020", "undated"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q, want %q", got, want)
	}
}

func TestListEventsCountsArticlesAndNamesOutletsInTheOrderOfTheirFirstArticle(t *testing.T) {
	st := openTestStore(t)
	first := mustCreateEvent(t, st, framing.EventInput{Title: "First", Date: "2022-09-07", Description: "Described."})
	second := mustCreateEvent(t, st, framing.EventInput{Title: "Second", Date: "2022-09-08"})
	empty := mustCreateEvent(t, st, framing.EventInput{Title: "Empty", Date: "2022-09-06"})

	add := func(ev framing.Event, outlet string, n int) {
		mustAddArticle(t, st, ev.ID, articleInput(outlet, fmt.Sprintf("%s Article %d of %s.", sampleBody, n, ev.Title)))
	}
	add(first, "Reuters", 1)
	add(second, "ТАСС", 1)
	add(first, "Asbarez", 2)
	add(first, "  reuters ", 3) // the same outlet as the first article
	add(second, "Reuters", 2)
	add(first, "ТАСС", 4)
	add(first, "Asbarez", 5)

	list := mustListEvents(t, st)
	if len(list) != 3 {
		t.Fatalf("%d events listed, want 3: %+v", len(list), list)
	}
	byID := map[int64]framing.EventSummary{}
	for _, e := range list {
		byID[e.ID] = e
	}
	tests := []struct {
		ev      framing.Event
		count   int
		outlets []string
	}{
		{first, 5, []string{"Reuters", "Asbarez", "ТАСС"}},
		{second, 2, []string{"ТАСС", "Reuters"}},
		{empty, 0, nil},
	}
	for _, tt := range tests {
		got, ok := byID[tt.ev.ID]
		if !ok {
			t.Errorf("event %s is not listed", tt.ev.Title)
			continue
		}
		if got.ArticleCount != tt.count {
			t.Errorf("%s: ArticleCount = %d, want %d", tt.ev.Title, got.ArticleCount, tt.count)
		}
		if !slices.Equal(got.Outlets, tt.outlets) {
			t.Errorf("%s: Outlets = %q, want %q", tt.ev.Title, got.Outlets, tt.outlets)
		}
		if got.Event != tt.ev {
			t.Errorf("%s: listed event\n %+v\nwant\n %+v", tt.ev.Title, got.Event, tt.ev)
		}
	}
	if len(byID[empty.ID].Outlets) != 0 {
		t.Errorf("an event without articles has outlets %q", byID[empty.ID].Outlets)
	}
}
