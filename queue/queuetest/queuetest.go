// Package queuetest is the contract every queue.Backend passes: run it
// from the backend's tests with two backends over one store, as two
// instances would hold them.
package queuetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"framelens/queue"
)

// Open returns two backends over one new, empty store.
type Open func(t *testing.T) (a, b queue.Backend)

// hangBound only bounds a hang; nothing here waits for time to pass.
const hangBound = 20 * time.Second

// Run runs the contract.
func Run(t *testing.T, open Open) {
	t.Run("a job is enqueued once per kind and key", func(t *testing.T) { enqueueOnce(t, open) })
	t.Run("a claimed job is no other worker's", func(t *testing.T) { claimOnce(t, open) })
	t.Run("a job whose lease ran out is another worker's", func(t *testing.T) { leaseRunsOut(t, open) })
	t.Run("a failed job is retried, then given up", func(t *testing.T) { retryThenFail(t, open) })
	t.Run("two runners run each job once", func(t *testing.T) { twoRunners(t, open) })
	t.Run("a dead worker's job is run by another runner", func(t *testing.T) { deadWorker(t, open) })
}

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func claim(t *testing.T, b queue.Backend, worker string, lease time.Duration) (queue.Job, bool) {
	t.Helper()
	j, ok, err := b.Claim(ctx, worker, []string{"align", "reanalyze"}, lease)
	must(t, err)
	return j, ok
}

func enqueueOnce(t *testing.T, open Open) {
	a, b := open(t)
	must(t, a.Enqueue(ctx, "align", "event 1 rev 3", []byte("p")))
	must(t, b.Enqueue(ctx, "align", "event 1 rev 3", []byte("p")))
	must(t, a.Enqueue(ctx, "reanalyze", "event 1 rev 3", nil))
	j1, ok1 := claim(t, a, "a", time.Hour)
	j2, ok2 := claim(t, b, "b", time.Hour)
	if _, ok := claim(t, a, "a", time.Hour); !ok1 || !ok2 || ok {
		t.Fatalf("claims %v %v, want two jobs, then none", ok1, ok2)
	}
	if j1.Kind != "align" || j1.Key != "event 1 rev 3" || string(j1.Payload) != "p" || j1.Attempt != 1 {
		t.Errorf("the oldest job first, as enqueued: %+v", j1)
	}
	if j2.Kind != "reanalyze" {
		t.Errorf("second job %+v, want the other kind's", j2)
	}
	must(t, a.Complete(ctx, j1))
	must(t, b.Enqueue(ctx, "align", "event 1 rev 3", nil))
	if j, ok := claim(t, b, "b", time.Hour); ok {
		t.Errorf("a job done is enqueued again: %+v", j)
	}
	if _, ok, _ := a.Claim(ctx, "a", []string{"other"}, time.Hour); ok {
		t.Error("a worker claimed a kind it does not handle")
	}
}

func claimOnce(t *testing.T, open Open) {
	a, b := open(t)
	const jobs = 30
	for i := range jobs {
		must(t, a.Enqueue(ctx, "align", fmt.Sprint(i), nil))
	}
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		backend := []queue.Backend{a, b}[w%2]
		wg.Go(func() {
			for {
				j, ok, err := backend.Claim(ctx, fmt.Sprint(w), []string{"align"}, time.Hour)
				if err != nil {
					errs <- err
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				if other, dup := seen[j.ID]; dup {
					errs <- fmt.Errorf("job %d claimed by workers %s and %d", j.ID, other, w)
				}
				seen[j.ID] = fmt.Sprint(w)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != jobs {
		t.Errorf("%d jobs claimed, want %d", len(seen), jobs)
	}
}

func leaseRunsOut(t *testing.T, open Open) {
	a, b := open(t)
	must(t, a.Enqueue(ctx, "align", "k", nil))
	ja, _ := claim(t, a, "a", time.Hour)
	if _, ok := claim(t, b, "b", time.Hour); ok {
		t.Fatal("a job on a running lease was claimed")
	}
	// A renews with no time left, as if it had stopped renewing an hour
	// ago: the lease has run out.
	must(t, a.Heartbeat(ctx, ja, 0))
	jb, ok := claim(t, b, "b", time.Hour)
	if !ok || jb.ID != ja.ID || jb.Attempt != 2 {
		t.Fatalf("after the lease ran out: %+v %v, want the job on its second attempt", jb, ok)
	}
	for name, err := range map[string]error{
		"complete":  a.Complete(ctx, ja),
		"heartbeat": a.Heartbeat(ctx, ja, time.Hour),
		"retry":     a.Retry(ctx, ja, "x", 0),
		"fail":      a.Fail(ctx, ja, "x"),
	} {
		if !errors.Is(err, queue.ErrLeaseLost) {
			t.Errorf("the first worker's %s: %v, want ErrLeaseLost", name, err)
		}
	}
	must(t, b.Complete(ctx, jb))
}

func retryThenFail(t *testing.T, open Open) {
	a, b := open(t)
	must(t, a.Enqueue(ctx, "align", "k", []byte("1")))
	j, _ := claim(t, a, "a", time.Hour)
	must(t, a.Retry(ctx, j, "boom", time.Hour))
	if _, ok := claim(t, b, "b", time.Hour); ok {
		t.Fatal("a job retried in an hour was claimed now")
	}
	must(t, a.Enqueue(ctx, "reanalyze", "k2", nil))
	j2, _ := claim(t, a, "a", time.Hour)
	must(t, a.Retry(ctx, j2, "boom", 0))
	j2, ok := claim(t, b, "b", time.Hour)
	if !ok || j2.Attempt != 2 {
		t.Fatalf("a job retried at once: %+v %v, want its second attempt", j2, ok)
	}
	must(t, b.Fail(ctx, j2, "boom again"))
	if _, ok := claim(t, a, "a", time.Hour); ok {
		t.Fatal("a failed job was claimed")
	}
	must(t, a.Enqueue(ctx, "reanalyze", "k2", []byte("2")))
	j2, ok = claim(t, b, "b", time.Hour)
	if !ok || j2.Attempt != 1 || string(j2.Payload) != "2" {
		t.Errorf("a failed job enqueued again: %+v %v, want a fresh first attempt", j2, ok)
	}
	must(t, b.Complete(ctx, j2))
	must(t, a.Prune(ctx, 0))
	must(t, a.Enqueue(ctx, "reanalyze", "k2", nil))
	if _, ok := claim(t, b, "b", time.Hour); !ok {
		t.Error("a pruned job's key does not run again")
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// startRunner runs r until the test ends.
func startRunner(t *testing.T, r *queue.Runner) {
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); r.Run(c) }()
	t.Cleanup(func() { cancel(); <-done })
}

func twoRunners(t *testing.T, open Open) {
	a, b := open(t)
	const jobs = 40
	var mu sync.Mutex
	runs := map[string]int{}
	finished := make(chan struct{}, 2*jobs)
	handler := func(_ context.Context, j queue.Job) error {
		mu.Lock()
		runs[j.Key]++
		mu.Unlock()
		finished <- struct{}{}
		return nil
	}
	ra := queue.NewRunner(a, quiet(), queue.Options{Workers: 3, Name: "a", Poll: 10 * time.Millisecond})
	rb := queue.NewRunner(b, quiet(), queue.Options{Workers: 3, Name: "b", Poll: 10 * time.Millisecond})
	ra.Handle("align", handler)
	rb.Handle("align", handler)
	startRunner(t, ra)
	startRunner(t, rb)
	for i := range jobs {
		r := []*queue.Runner{ra, rb}[i%2]
		must(t, r.Enqueue(ctx, "align", fmt.Sprint(i), nil))
		must(t, r.Enqueue(ctx, "align", fmt.Sprint(i), nil)) // once per key
	}
	deadline := time.After(hangBound)
	for range jobs {
		select {
		case <-finished:
		case <-deadline:
			t.Fatal("the jobs never all ran")
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(runs) != jobs {
		t.Errorf("%d jobs ran, want %d", len(runs), jobs)
	}
	for k, n := range runs {
		if n != 1 {
			t.Errorf("job %s ran %d times", k, n)
		}
	}
}

func deadWorker(t *testing.T, open Open) {
	a, b := open(t)
	must(t, a.Enqueue(ctx, "reanalyze", "lexicons v2", nil))
	// A claims the job and dies: it never renews the lease nor ends the
	// job. The lease is short so that the test does not wait long.
	dead, ok := claim(t, a, "a", 50*time.Millisecond)
	if !ok {
		t.Fatal("nothing to claim")
	}
	ran := make(chan queue.Job, 1)
	rb := queue.NewRunner(b, quiet(), queue.Options{Workers: 1, Name: "b", Poll: 10 * time.Millisecond})
	rb.Handle("reanalyze", func(_ context.Context, j queue.Job) error { ran <- j; return nil })
	startRunner(t, rb)
	select {
	case j := <-ran:
		if j.ID != dead.ID || j.Attempt != 2 {
			t.Errorf("ran %+v, want the dead worker's job on its second attempt", j)
		}
	case <-time.After(hangBound):
		t.Fatal("the dead worker's job was never run")
	}
}
