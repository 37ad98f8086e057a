package pgstore_test

import (
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/internal/pgtest"
	"framelens/pgstore"
)

// Instances started at once on a new database migrate it once between
// them, and a later start finds nothing to do.
func TestInstancesStartedAtOnceMigrateOnce(t *testing.T) {
	url := pgtest.URL(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			s, err := pgstore.Open(ctx, url)
			if err != nil {
				t.Errorf("Open: %v", err)
				return
			}
			defer s.Close()
			if _, err := s.CreateEvent(ctx, framing.EventInput{Title: "Started"}); err != nil {
				t.Errorf("CreateEvent: %v", err)
			}
		})
	}
	wg.Wait()
	s, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	events, err := s.ListEvents(ctx)
	if err != nil || len(events) != 4 {
		t.Errorf("ListEvents = %d events, %v; want 4", len(events), err)
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
