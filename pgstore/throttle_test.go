package pgstore

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestTwoInstancesThrottlesShareOneAllowance(t *testing.T) {
	url := crossDB(t)
	ctx := context.Background()
	a := NewThrottle(crossPool(t, url), "login", 4, time.Hour)
	b := NewThrottle(crossPool(t, url), "login", 4, time.Hour)
	other := NewThrottle(crossPool(t, url), "join", 4, time.Hour)
	for i, l := range []*Throttle{a, b, a, b} {
		if w, err := l.Take(ctx, "ip:1"); err != nil || w != 0 {
			t.Fatalf("attempt %d: wait %v, %v", i+1, w, err)
		}
	}
	for _, l := range []*Throttle{a, b} {
		if w, err := l.Take(ctx, "ip:1"); err != nil || w != time.Hour {
			t.Errorf("after the burst spent on two instances: wait %v (%v), want an hour", w, err)
		}
	}
	if w, _ := a.Take(ctx, "ip:2"); w != 0 {
		t.Error("another key waits too")
	}
	if w, _ := other.Take(ctx, "ip:1"); w != 0 {
		t.Error("another limiter's key waits too")
	}
	if err := b.Give(ctx, "ip:1"); err != nil {
		t.Fatal(err)
	}
	if w, _ := a.Take(ctx, "ip:1"); w != 0 {
		t.Error("an attempt given back on one instance is refused on the other")
	}
	if err := b.Reset(ctx, "ip:1"); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if w, _ := a.Take(ctx, "ip:1"); w != 0 {
			t.Fatalf("after a reset on the other instance, attempt %d waits %v", i+1, w)
		}
	}
}

func TestConcurrentAttemptsOnTwoInstancesNeverExceedTheBurst(t *testing.T) {
	url := crossDB(t)
	ctx := context.Background()
	limiters := []*Throttle{
		NewThrottle(crossPool(t, url), "join", 7, time.Hour),
		NewThrottle(crossPool(t, url), "join", 7, time.Hour),
	}
	var allowed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i := range 60 {
		wg.Go(func() {
			w, err := limiters[i%2].Take(ctx, "ip:1")
			if err != nil {
				errs <- err
			} else if w == 0 {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := allowed.Load(); n != 7 {
		t.Errorf("%d attempts allowed, want the burst of 7", n)
	}
}

func TestRestedKeysAreForgotten(t *testing.T) {
	url := crossDB(t)
	ctx := context.Background()
	pool := crossPool(t, url)
	// A refill of a millisecond: every key is whole again at once.
	l := NewThrottle(pool, "created-events", 2, time.Millisecond)
	for range pruneEvery - 1 {
		if _, err := l.Take(ctx, "ip:1"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pool.Exec(ctx, `UPDATE throttles SET at = now() - interval '1 minute'`); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Take(ctx, "ip:2"); err != nil {
		t.Fatal(err)
	}
	var keys []string
	rows, _ := pool.Query(ctx, `SELECT key FROM throttles ORDER BY key`)
	for rows.Next() {
		var k string
		rows.Scan(&k)
		keys = append(keys, k)
	}
	if rows.Err() != nil || len(keys) != 1 || keys[0] != "ip:2" {
		t.Errorf("keys kept %v (%v), want only the new one", keys, rows.Err())
	}
}

// BenchmarkThrottleTake is one attempt counted in the database: what a
// login or a join adds with PostgreSQL.
func BenchmarkThrottleTake(b *testing.B) {
	l := NewThrottle(crossPool(b, crossDB(b)), "login", 1<<30, time.Hour)
	ctx := context.Background()
	for b.Loop() {
		if _, err := l.Take(ctx, "ip:1"); err != nil {
			b.Fatal(err)
		}
	}
}
