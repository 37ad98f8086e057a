package pgstore

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"framelens/internal/pgtest"
)

// hangBound only bounds a hang: a notification takes milliseconds (see
// BenchmarkBusPublishToAnotherInstance).
const hangBound = 10 * time.Second

// listeningBus is an instance's bus on url, listening until the test ends.
func listeningBus(t testing.TB, url string) *Bus {
	t.Helper()
	b := NewBus(crossPool(t, url), slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.Listen(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	select {
	case <-b.Ready():
	case <-time.After(hangBound):
		t.Fatal("the bus never listened")
	}
	return b
}

func waitSignal(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(hangBound):
		t.Fatalf("%s: no signal", what)
	}
}

func TestAChangePublishedOnOneInstanceReachesAStreamOnAnother(t *testing.T) {
	url := pgtest.URL(t)
	a, b := listeningBus(t, url), listeningBus(t, url)

	teacher, stopT := b.Subscribe(7, false)
	defer stopT()
	student, stopS := b.Subscribe(7, true)
	defer stopS()
	if err := a.Publish(context.Background(), 7, false); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, teacher, "the teacher's stream on B after a mark on A")
	if err := a.Publish(context.Background(), 7, true); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, student, "a student's stream on B after a phase change on A")
	// The phase change came after the mark, so once the student heard it
	// the teacher has too; the student never heard the mark.
	waitSignal(t, teacher, "the teacher's stream on B after a phase change on A")
	select {
	case <-student:
		t.Error("a student's stream heard a mark")
	default:
	}
}

func TestManySessionsAtOnceEachHearOnlyTheirOwnChanges(t *testing.T) {
	url := pgtest.URL(t)
	a, b := listeningBus(t, url), listeningBus(t, url)
	const sessions = 60
	subs := make([]<-chan struct{}, sessions)
	for i := range sessions {
		ch, stop := b.Subscribe(int64(i+1), false)
		defer stop()
		subs[i] = ch
	}
	// Even sessions change on A; then a marker on the last session.
	for i := 0; i < sessions-1; i += 2 {
		if err := a.Publish(context.Background(), int64(i+1), false); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Publish(context.Background(), sessions, false); err != nil {
		t.Fatal(err)
	}
	// Notifications from one connection arrive in order: once the marker
	// is heard, every earlier one has been.
	waitSignal(t, subs[sessions-1], "the last session")
	for i := 0; i < sessions-1; i++ {
		select {
		case <-subs[i]:
			if i%2 == 1 {
				t.Errorf("session %d heard a change of another session", i+1)
			}
		default:
			if i%2 == 0 {
				t.Errorf("session %d missed its change", i+1)
			}
		}
	}
}

func TestUnsubscribingForgetsTheSession(t *testing.T) {
	url := pgtest.URL(t)
	b := listeningBus(t, url)
	_, stop1 := b.Subscribe(1, false)
	_, stop2 := b.Subscribe(1, true)
	_, stop3 := b.Subscribe(2, false)
	if n := b.Sessions(); n != 2 {
		t.Fatalf("%d sessions followed, want 2", n)
	}
	stop1()
	stop2()
	stop3()
	if n := b.Sessions(); n != 0 {
		t.Errorf("%d sessions still followed after every stream left", n)
	}
}

func TestTheBusListensAgainAfterLosingItsConnection(t *testing.T) {
	url := pgtest.URL(t)
	a, b := listeningBus(t, url), listeningBus(t, url)
	ch, stop := b.Subscribe(3, false)
	defer stop()
	// The database ends B's listening connection, as a restart or a
	// network cut would.
	admin := crossPool(t, url)
	var ended int
	if err := admin.QueryRow(context.Background(),
		`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
		busAppName).Scan(&ended); err != nil || ended != 2 {
		t.Fatalf("ended %d listening connections (%v), want both buses'", ended, err)
	}
	// Once listening again, B wakes every stream: changes made while it
	// was deaf were not heard.
	waitSignal(t, ch, "the wake-up after reconnecting")
	if err := a.Publish(context.Background(), 3, false); err != nil {
		t.Fatal(err)
	}
	waitSignal(t, ch, "a change published after the reconnection")
}

func BenchmarkBusPublishToAnotherInstance(b *testing.B) {
	url := pgtest.URL(b)
	pa, pb := listeningBus(b, url), listeningBus(b, url)
	ch, stop := pb.Subscribe(1, false)
	defer stop()
	for b.Loop() {
		if err := pa.Publish(context.Background(), 1, false); err != nil {
			b.Fatal(err)
		}
		<-ch
	}
}
