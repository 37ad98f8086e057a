package analysis_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"framelens/analysis"
	"framelens/queue"
)

// countedJobs is a queue.Runner whose handlers count their runs.
type countedJobs struct {
	*queue.Runner
	runs *atomic.Int64
	ran  chan struct{}
}

func (c countedJobs) Handle(kind string, h queue.Handler) {
	c.Runner.Handle(kind, func(ctx context.Context, j queue.Job) error {
		err := h(ctx, j)
		c.runs.Add(1)
		c.ran <- struct{}{}
		return err
	})
}

// Two instances over one store and one job table ask for the same
// re-analysis (both started, say): it runs once.
func TestARefreshAskedByTwoInstancesRunsOnce(t *testing.T) {
	cs, _, _ := setup(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	jobs := queue.NewMemory() // one table, as pgstore.Jobs is for instances
	runs := &atomic.Int64{}
	ran := make(chan struct{}, 4)
	ctx, cancel := context.WithCancel(context.Background())
	var stopped []chan struct{}
	for range 2 {
		svc := analysis.New(cs, log)
		defer svc.Close()
		r := countedJobs{queue.NewRunner(jobs, log, queue.Options{Workers: 1, Poll: 10 * time.Millisecond}), runs, ran}
		svc.UseJobs(r)
		done := make(chan struct{})
		stopped = append(stopped, done)
		go func() { defer close(done); r.Run(ctx) }()
		svc.Refresh()
	}
	select {
	case <-ran:
	case <-time.After(2 * time.Minute): // bounds a hang, not a speed
		t.Fatal("the re-analysis never ran")
	}
	cancel()
	for _, done := range stopped {
		<-done
	}
	if n := runs.Load(); n != 1 {
		t.Errorf("the re-analysis ran %d times, want once", n)
	}
	if cs.saves == 0 {
		t.Error("the re-analysis kept nothing")
	}
}
