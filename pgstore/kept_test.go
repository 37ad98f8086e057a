package pgstore

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"framelens/framing"
	"framelens/internal/pgtest"
)

// keptInstance is one instance's store on url with its bus listening
// until the test ends, so that it keeps what kept pages read again.
func keptInstance(t *testing.T, url string) (*Store, *Bus) {
	t.Helper()
	st, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	b := st.NewBus(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.Listen(ctx) }()
	t.Cleanup(func() { cancel(); <-done; st.Close() })
	select {
	case <-b.Ready():
	case <-time.After(hangBound):
		t.Fatal("the bus never listened")
	}
	return st, b
}

// heardAll waits until b has heard every notification committed before
// now: notifications reach a listener in the order their transactions
// committed, so once a marker published now is heard, so is every
// earlier one.
func heardAll(t *testing.T, from *Store, b *Bus) {
	t.Helper()
	const marker = 1 << 40 // a class session no test uses
	ch, stop := b.Subscribe(marker, false)
	defer stop()
	if err := NewBus(from.pool, nil).Publish(context.Background(), marker, false); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, ch, "the marker")
}

// keptEvent is the event st keeps, failing the test if it keeps none:
// the test would not exercise what is kept.
func keptEvent(t *testing.T, st *Store, id int64) framing.Event {
	t.Helper()
	e, _, ok := st.kept.event(id)
	if !ok {
		t.Fatalf("event %d is not kept after a read", id)
	}
	return e
}

// keptKey is the lexicons' key st keeps, failing the test if it keeps
// none.
func keptKey(t *testing.T, st *Store) string {
	t.Helper()
	k, _, ok := st.kept.lexiconKey()
	if !ok {
		t.Fatal("the lexicons' key is not kept after a read")
	}
	return k
}

// addArticle adds an article to event id, which raises its revision.
func addArticle(t *testing.T, st *Store, id int64) {
	t.Helper()
	if _, err := st.AddArticle(context.Background(), id, framing.ArticleInput{Outlet: "Northern Herald",
		Headline: "Troops in the city", Language: "en", Body: "Troops entered the city on Monday."}); err != nil {
		t.Fatal(err)
	}
}

func keptLexicon(slug string) framing.Lexicon {
	return framing.Lexicon{Slug: slug, Name: "Lexicon " + slug, Language: "en",
		Perspectives: []framing.Perspective{{Slug: "east", Name: "East"}},
		Concepts: []framing.Concept{{Slug: "control", Name: "Control", Terms: []framing.Term{
			{Phrase: "occupied", Language: "en", Perspective: "east", Note: "Note on occupied",
				SourceURL: "https://example.org/usage"}}}}}
}

func TestAWriteOnOneInstanceIsSeenByAnotherOnceItHearsOfIt(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, _ := keptInstance(t, url)
	b, bus := keptInstance(t, url)
	ev, err := a.CreateEvent(ctx, framing.EventInput{Title: "Troops enter the city"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Event(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	before := keptEvent(t, b, ev.ID)
	if _, err := b.LexiconKey(ctx); err != nil {
		t.Fatal(err)
	}
	keyBefore := keptKey(t, b)

	addArticle(t, a, ev.ID)
	if _, err := a.CreateLexicon(ctx, keptLexicon("armenia")); err != nil {
		t.Fatal(err)
	}
	heardAll(t, a, bus)

	got, err := b.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	want, err := a.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision != want.Revision || got.Revision == before.Revision {
		t.Errorf("B serves revision %d after A's new article, want %d (was %d)", got.Revision, want.Revision, before.Revision)
	}
	key, err := b.LexiconKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantKey, err := a.LexiconKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if key != wantKey || key == keyBefore {
		t.Errorf("B serves lexicon key %q after A's new lexicon, want %q (was %q)", key, wantKey, keyBefore)
	}
}

func TestAnInstanceSeesItsOwnWriteAtOnce(t *testing.T) {
	ctx := context.Background()
	a, _ := keptInstance(t, pgtest.URL(t))
	ev, err := a.CreateEvent(ctx, framing.EventInput{Title: "Troops enter the city"})
	if err != nil {
		t.Fatal(err)
	}
	before, err := a.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	keptEvent(t, a, ev.ID)
	addArticle(t, a, ev.ID)
	// No waiting for the notification: the write itself forgot.
	got, err := a.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision == before.Revision {
		t.Errorf("after its own new article the instance serves revision %d, as before it", got.Revision)
	}
}

// A change made while an instance's listener was disconnected is never
// heard: reconnecting must forget whatever was kept.
func TestAnInstanceForgetsWhatItKeptWhenItsListenerLosesItsConnection(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, err := Open(ctx, url) // writes, and does not listen
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, bus := keptInstance(t, url)
	ev, err := a.CreateEvent(ctx, framing.EventInput{Title: "Troops enter the city"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Event(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	before := keptEvent(t, b, ev.ID)
	woken, stop := bus.Subscribe(5, false)
	defer stop()

	// The database ends B's listening connection and waits until it has
	// gone, so that the edit below is never delivered to B.
	var ended int
	if err := a.pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))
		FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, busAppName).Scan(&ended); err != nil || ended != 1 {
		t.Fatalf("ended %d listening connections (%v), want B's", ended, err)
	}
	addArticle(t, a, ev.ID)
	// B wakes its streams once it listens again.
	waitSignal(t, woken, "the wake-up after reconnecting")
	got, err := b.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Revision == before.Revision {
		t.Errorf("after reconnecting B serves revision %d, kept from before the lost connection", got.Revision)
	}
}

func TestNothingIsKeptWithoutAListener(t *testing.T) {
	k := newKept()
	_, gen, _ := k.event(1)
	k.keepEvent(gen, framing.Event{ID: 1})
	if _, _, ok := k.event(1); ok {
		t.Fatal("an event was kept with no listener connected")
	}
	h := &keptHandler{k: k, listened: func() {}}
	if err := h.HandleBacklog(context.Background(), keptChannel, nil); err != nil {
		t.Fatal(err)
	}
	_, gen, _ = k.event(1)
	k.keepEvent(gen, framing.Event{ID: 1})
	if _, _, ok := k.event(1); !ok {
		t.Fatal("an event was not kept with a listener connected")
	}
	h.lost()
	if _, _, ok := k.event(1); ok {
		t.Error("an event is still kept after the listener lost its connection")
	}
	_, gen, _ = k.event(1)
	k.keepEvent(gen, framing.Event{ID: 1})
	if _, _, ok := k.event(1); ok {
		t.Error("an event was kept after the listener lost its connection")
	}
}

func TestALoadRacingAChangeIsNotKept(t *testing.T) {
	k := newKept()
	(&keptHandler{k: k, listened: func() {}}).HandleBacklog(context.Background(), keptChannel, nil)
	_, gen, _ := k.event(1)
	// The event is loaded (old), then its change is heard, then the load
	// would keep it.
	k.forgetEvent(1)
	k.keepEvent(gen, framing.Event{ID: 1})
	if _, _, ok := k.event(1); ok {
		t.Error("an event loaded before a change was kept after it")
	}
	_, gen, _ = k.lexiconKey()
	k.forgetLexiconKey()
	k.keepLexiconKey(gen, "1:1")
	if _, _, ok := k.lexiconKey(); ok {
		t.Error("a lexicon key loaded before a change was kept after it")
	}
}
