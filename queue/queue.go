// Package queue runs background work once, however many instances serve
// the app: a job is enqueued once per (kind, key), claimed by one worker
// for a lease that the worker renews while it runs, and claimed again by
// any worker once a lease runs out (its instance was killed). Memory keeps
// the jobs of one process (SQLite); pgstore.Jobs keeps them in PostgreSQL,
// where every instance's Runner claims from one table. Runner is the one
// worker pool for both. It imports neither HTTP nor SQL.
package queue

import (
	"context"
	"errors"
	"time"
)

// Job is one piece of background work.
type Job struct {
	ID      int64
	Kind    string // what to do, the name a Runner handles it under
	Key     string // which: the same kind and key are one job
	Payload []byte
	// Attempt counts the claims of the job; it fences a worker whose
	// lease ran out from completing a job another worker now runs.
	Attempt int
}

// ErrLeaseLost is what a worker hears when its lease on a job ran out and
// the job is no longer its own.
var ErrLeaseLost = errors.New("queue: the job's lease ran out; another worker may have it")

// Backend keeps the jobs.
type Backend interface {
	// Enqueue adds a job unless one of this kind and key is queued,
	// running or done; a failed one is queued again.
	Enqueue(ctx context.Context, kind, key string, payload []byte) error
	// Claim takes the oldest job of one of kinds that is queued and due,
	// or running on a lease that ran out, for worker until lease from
	// now. ok is false when there is none.
	Claim(ctx context.Context, worker string, kinds []string, lease time.Duration) (j Job, ok bool, err error)
	// Heartbeat renews j's lease; Complete marks it done; Retry queues it
	// again after a delay; Fail gives up on it. Each returns ErrLeaseLost
	// when j is no longer this claim's.
	Heartbeat(ctx context.Context, j Job, lease time.Duration) error
	Complete(ctx context.Context, j Job) error
	Retry(ctx context.Context, j Job, cause string, after time.Duration) error
	Fail(ctx context.Context, j Job, cause string) error
	// Prune forgets the jobs done or failed more than age ago: their
	// keys may run again.
	Prune(ctx context.Context, age time.Duration) error
}
