package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"
)

// Handler does a job's work; it must stop when ctx ends (the instance
// stops, or the job's lease was lost). Work must be safe to do twice: a
// worker killed after the work but before Complete leaves it to another.
type Handler func(ctx context.Context, j Job) error

// Options shape a Runner; zero values take the defaults.
type Options struct {
	Workers int           // jobs run at once; GOMAXPROCS by default
	Lease   time.Duration // how long a claim lasts unrenewed; 30 s
	Poll    time.Duration // how often idle workers look for jobs enqueued elsewhere; 1 s
	Name    string        // the worker names' prefix; host name and process id
}

// MaxAttempts is how many times a job that fails is tried.
const MaxAttempts = 3

// keepFinished is how long finished jobs are kept before their keys may
// run again, and pruneEvery how often they are pruned.
const (
	keepFinished = 7 * 24 * time.Hour
	pruneEvery   = time.Hour
)

// Runner is a pool of workers that claim jobs from a Backend and run them.
type Runner struct {
	backend  Backend
	log      *slog.Logger
	opts     Options
	handlers map[string]Handler
	kinds    []string
	wake     chan struct{}
}

// NewRunner returns a pool over backend; register handlers with Handle,
// then Run it.
func NewRunner(backend Backend, log *slog.Logger, opts Options) *Runner {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Lease <= 0 {
		opts.Lease = 30 * time.Second
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Name == "" {
		host, _ := os.Hostname()
		opts.Name = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	return &Runner{backend: backend, log: log, opts: opts, handlers: map[string]Handler{}, wake: make(chan struct{}, 1)}
}

// Handle runs jobs of kind with h. Call it before Run.
func (r *Runner) Handle(kind string, h Handler) {
	r.handlers[kind] = h
	r.kinds = slices.Sorted(maps.Keys(r.handlers))
}

// Enqueue adds a job (once per kind and key) and wakes a worker of this
// instance; other instances find it at their next poll.
func (r *Runner) Enqueue(ctx context.Context, kind, key string, payload []byte) error {
	if err := r.backend.Enqueue(ctx, kind, key, payload); err != nil {
		return fmt.Errorf("enqueue %s %s: %w", kind, key, err)
	}
	r.signal()
	return nil
}

func (r *Runner) signal() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run works until ctx ends, then waits for the running jobs, whose
// context ends too; they are queued again for any instance to take up.
func (r *Runner) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for i := range r.opts.Workers {
		name := fmt.Sprintf("%s/%d", r.opts.Name, i)
		wg.Go(func() { r.work(ctx, name) })
	}
	wg.Go(func() { r.prune(ctx) })
	wg.Wait()
}

func (r *Runner) work(ctx context.Context, name string) {
	poll := time.NewTicker(r.opts.Poll)
	defer poll.Stop()
	for ctx.Err() == nil {
		j, ok, err := r.backend.Claim(ctx, name, r.kinds, r.opts.Lease)
		if err != nil && ctx.Err() == nil {
			r.log.Warn("claim a background job", "worker", name, "err", err)
		}
		if ok {
			r.signal() // there may be more: let an idle worker look too
			r.run(ctx, j)
			continue
		}
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-poll.C:
		}
	}
}

// run does one job, renewing its lease a few times per lease while it
// runs, and records how it ended.
func (r *Runner) run(ctx context.Context, j Job) {
	jobCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	beat := make(chan struct{})
	go func() {
		defer close(beat)
		t := time.NewTicker(r.opts.Lease / 3)
		defer t.Stop()
		for {
			select {
			case <-jobCtx.Done():
				return
			case <-t.C:
				if err := r.backend.Heartbeat(jobCtx, j, r.opts.Lease); err != nil && jobCtx.Err() == nil {
					cancel(fmt.Errorf("renew the lease: %w", err))
					return
				}
			}
		}
	}()
	err := r.handlers[j.Kind](jobCtx, j)
	lost := context.Cause(jobCtx)
	cancel(nil)
	<-beat

	// Recording the end must outlive a stopping instance's context.
	bg := context.WithoutCancel(ctx)
	log := r.log.With("kind", j.Kind, "key", j.Key, "attempt", j.Attempt)
	var end error
	switch {
	case errors.Is(lost, ErrLeaseLost):
		log.Warn("background job lost its lease; another worker may run it", "err", lost)
		return
	case err == nil:
		end = r.backend.Complete(bg, j)
	case ctx.Err() != nil:
		end = r.backend.Retry(bg, j, "the instance stopped", 0)
	case j.Attempt < MaxAttempts:
		log.Warn("background job failed; it will be tried again", "err", err)
		end = r.backend.Retry(bg, j, err.Error(), time.Duration(j.Attempt*j.Attempt)*10*time.Second)
	default:
		log.Error("background job failed", "err", err)
		end = r.backend.Fail(bg, j, err.Error())
	}
	if end != nil {
		log.Warn("record the end of a background job", "err", end)
	}
}

func (r *Runner) prune(ctx context.Context) {
	t := time.NewTicker(pruneEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := r.backend.Prune(ctx, keepFinished); err != nil && ctx.Err() == nil {
				r.log.Warn("prune finished background jobs", "err", err)
			}
		}
	}
}
