package pgstore_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"

	"framelens/demo"
	"framelens/framing"
	"framelens/internal/pgtest"
	"framelens/lexicons"
	"framelens/pgstore"
)

// Instances started at once on a new database migrate it once between
// them and seed it once: the shipped lexicons and the demo event are
// there once, and no instance fails.
func TestInstancesStartedAtOnceMigrateAndSeedOnce(t *testing.T) {
	url := pgtest.URL(t)
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	ev, articles, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var added, seeded atomic.Int64
	for range 4 {
		wg.Go(func() {
			s, err := pgstore.Open(ctx, url)
			if err != nil {
				t.Errorf("Open: %v", err)
				return
			}
			defer s.Close()
			n, err := s.SeedLexicons(ctx, shipped)
			if err != nil {
				t.Errorf("SeedLexicons: %v", err)
			}
			added.Add(int64(n))
			done, err := s.SeedEvent(ctx, "demo", ev, articles)
			if err != nil {
				t.Errorf("SeedEvent: %v", err)
			}
			if done {
				seeded.Add(1)
			}
		})
	}
	wg.Wait()
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stored, err := s.Lexicons(ctx)
	if err != nil || len(stored) != len(shipped) || added.Load() != int64(len(shipped)) {
		t.Errorf("%d lexicons stored, %d reported added, %v; want %d", len(stored), added.Load(), err, len(shipped))
	}
	events, err := s.ListEvents(ctx)
	if err != nil || len(events) != 1 || seeded.Load() != 1 {
		t.Errorf("%d events, seeded %d times, %v; want once", len(events), seeded.Load(), err)
	}
}

// A database that takes no writes (a standby, or one set read-only) is
// told by Writable, and a write is refused with EReadOnly: reads go on.
func TestAReadOnlyDatabaseRefusesWritesWithItsOwnKind(t *testing.T) {
	url := pgtest.URL(t)
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateEvent(ctx, framing.EventInput{Title: "Before"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Writable(ctx); err != nil {
		t.Fatalf("Writable = %v", err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+conn.Config().Database+" SET default_transaction_read_only = on"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)

	s, err = pgstore.Open(ctx, url) // new connections: read-only
	if err != nil {
		t.Fatalf("Open of a read-only database: %v", err)
	}
	defer s.Close()
	if err := s.Writable(ctx); framing.ErrorCode(err) != framing.EReadOnly {
		t.Errorf("Writable = %v, want EReadOnly", err)
	}
	if _, err := s.CreateEvent(ctx, framing.EventInput{Title: "After"}); framing.ErrorCode(err) != framing.EReadOnly {
		t.Errorf("CreateEvent = %v, want EReadOnly", err)
	}
	if _, err := s.AddArticle(ctx, 1, article("BBC", "A text that cannot be stored just now.")); framing.ErrorCode(err) != framing.EReadOnly {
		t.Errorf("AddArticle = %v, want EReadOnly", err)
	}
	if events, err := s.ListEvents(ctx); err != nil || len(events) != 1 {
		t.Errorf("ListEvents = %d events, %v", len(events), err)
	}
}
