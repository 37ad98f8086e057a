package throttle

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var ctx = context.Background()

func take(t *testing.T, l *Limiter, key string) time.Duration {
	t.Helper()
	w, err := l.Take(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestAKeyMayTryABurstThenWaitsForItsAllowance(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l := New(3, time.Minute)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if w := take(t, l, "ip:1"); w != 0 {
			t.Fatalf("attempt %d: must wait %v already", i+1, w)
		}
	}
	if w := take(t, l, "ip:1"); w != time.Minute {
		t.Fatalf("after the burst: wait %v, want a minute", w)
	}
	if w := take(t, l, "ip:2"); w != 0 {
		t.Error("another key waits too")
	}
	now = now.Add(40 * time.Second)
	if w := take(t, l, "ip:1"); w != 20*time.Second {
		t.Errorf("40 s later: wait %v, want 20 s", w)
	}
	now = now.Add(20 * time.Second)
	if w := take(t, l, "ip:1"); w != 0 {
		t.Errorf("a minute later: wait %v, want none", w)
	}
	if w := take(t, l, "ip:1"); w == 0 {
		t.Error("the refilled attempt was spent, yet another was allowed")
	}
	l.Reset(ctx, "ip:1")
	if w := take(t, l, "ip:1"); w != 0 {
		t.Errorf("after a reset: wait %v", w)
	}
}

func TestAnAttemptGivenBackMayBeTakenAgainButNeverBeyondTheBurst(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l := New(2, time.Hour)
	l.now = func() time.Time { return now }
	take(t, l, "k")
	take(t, l, "k")
	l.Give(ctx, "k")
	if w := take(t, l, "k"); w != 0 {
		t.Errorf("an attempt given back is refused: wait %v", w)
	}
	l.Reset(ctx, "k")
	l.Give(ctx, "k")
	l.Give(ctx, "k")
	for i := range 2 {
		if w := take(t, l, "k"); w != 0 {
			t.Fatalf("attempt %d refused", i+1)
		}
	}
	if w := take(t, l, "k"); w == 0 {
		t.Error("giving back a whole allowance raised it above the burst")
	}
}

func TestConcurrentAttemptsNeverExceedTheBurst(t *testing.T) {
	l := New(5, time.Hour)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if w, _ := l.Take(ctx, "k"); w == 0 {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 5 {
		t.Errorf("%d attempts allowed, want the burst of 5", n)
	}
}

func TestRestedKeysAreForgottenUnderAFlood(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	l := New(2, time.Second)
	l.now = func() time.Time { return now }
	for i := range maxKeys {
		take(t, l, fmt.Sprint(i))
	}
	now = now.Add(time.Hour)
	take(t, l, "one more")
	if len(l.buckets) != 1 {
		t.Errorf("%d keys kept, want only the new one", len(l.buckets))
	}
}
