package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"framelens/queue"
)

// Jobs keeps background jobs in PostgreSQL, so that every instance's
// queue.Runner claims from one table: a job runs once across instances
// and, when the instance running it is killed, runs again on another once
// its lease has run out. It implements queue.Backend.
type Jobs struct {
	pool *pgxpool.Pool
}

// NewJobs returns the job table of pool's database.
func NewJobs(pool *pgxpool.Pool) *Jobs { return &Jobs{pool: pool} }

// A job already queued, running or done is left as it is; a failed one
// starts over.
const enqueueSQL = `
INSERT INTO jobs (kind, key, payload) VALUES ($1, $2, $3)
ON CONFLICT (kind, key) DO UPDATE SET
    state = 'queued', payload = EXCLUDED.payload, attempt = 0, run_after = now(),
    error = '', updated = now()
WHERE jobs.state = 'failed'`

func (q *Jobs) Enqueue(ctx context.Context, kind, key string, payload []byte) error {
	if payload == nil {
		payload = []byte{}
	}
	if _, err := q.pool.Exec(ctx, enqueueSQL, kind, key, payload); err != nil {
		return fmt.Errorf("enqueue %s %s: %w", kind, key, err)
	}
	return nil
}

// SKIP LOCKED lets concurrent claims pass over the rows others are
// claiming instead of waiting for them, so each gets a different job.
const claimSQL = `
UPDATE jobs SET state = 'running', attempt = attempt + 1, worker = $2,
    lease_until = now() + make_interval(secs => $3), updated = now()
WHERE id = (
    SELECT id FROM jobs
    WHERE kind = ANY($1) AND (
        (state = 'queued' AND run_after <= now()) OR
        (state = 'running' AND lease_until < now()))
    ORDER BY id
    LIMIT 1
    FOR UPDATE SKIP LOCKED)
RETURNING id, kind, key, payload, attempt`

func (q *Jobs) Claim(ctx context.Context, worker string, kinds []string, lease time.Duration) (queue.Job, bool, error) {
	var j queue.Job
	err := q.pool.QueryRow(ctx, claimSQL, kinds, worker, lease.Seconds()).Scan(&j.ID, &j.Kind, &j.Key, &j.Payload, &j.Attempt)
	if errors.Is(err, pgx.ErrNoRows) {
		return queue.Job{}, false, nil
	}
	if err != nil {
		return queue.Job{}, false, fmt.Errorf("claim a job: %w", err)
	}
	return j, true, nil
}

// mineSQL is the condition of every change a claim makes: the job is
// still running on this claim's attempt.
const mineSQL = ` WHERE id = $1 AND attempt = $2 AND state = 'running'`

func (q *Jobs) Heartbeat(ctx context.Context, j queue.Job, lease time.Duration) error {
	return q.update(ctx, j, "renew the lease of", `UPDATE jobs SET lease_until = now() + make_interval(secs => $3), updated = now()`+mineSQL, lease.Seconds())
}

func (q *Jobs) Complete(ctx context.Context, j queue.Job) error {
	return q.update(ctx, j, "complete", `UPDATE jobs SET state = 'done', lease_until = NULL, error = '', updated = now()`+mineSQL)
}

func (q *Jobs) Retry(ctx context.Context, j queue.Job, cause string, after time.Duration) error {
	return q.update(ctx, j, "retry", `UPDATE jobs SET state = 'queued', lease_until = NULL, error = $3,
    run_after = now() + make_interval(secs => $4), updated = now()`+mineSQL, cause, after.Seconds())
}

func (q *Jobs) Fail(ctx context.Context, j queue.Job, cause string) error {
	return q.update(ctx, j, "fail", `UPDATE jobs SET state = 'failed', lease_until = NULL, error = $3, updated = now()`+mineSQL, cause)
}

func (q *Jobs) update(ctx context.Context, j queue.Job, what string, query sqlText, args ...any) error {
	tag, err := q.pool.Exec(ctx, string(query), append([]any{j.ID, j.Attempt}, args...)...)
	if err != nil {
		return fmt.Errorf("%s job %d: %w", what, j.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("%s job %d: %w", what, j.ID, queue.ErrLeaseLost)
	}
	return nil
}

func (q *Jobs) Prune(ctx context.Context, age time.Duration) error {
	_, err := q.pool.Exec(ctx, `DELETE FROM jobs WHERE state IN ('done', 'failed') AND updated <= now() - make_interval(secs => $1)`, age.Seconds())
	if err != nil {
		return fmt.Errorf("prune finished jobs: %w", err)
	}
	return nil
}
