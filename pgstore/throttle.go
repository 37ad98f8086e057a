package pgstore

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"framelens/throttle"
)

// Throttle counts attempts per key in the database, so that every
// instance spends from one allowance: a guesser who spreads guesses over
// the instances gets no more than from one. It is a token bucket like
// throttle.Limiter, with the same burst, refill and rounding; each Take is
// one atomic UPSERT, so concurrent attempts, from any instance, never
// exceed the burst. It implements the handlers' Limiter.
type Throttle struct {
	pool  *pgxpool.Pool
	name  string
	burst int
	every time.Duration
	takes atomic.Uint64
}

// NewThrottle allows burst attempts per key of the limiter called name,
// and one more every every. Instances must give one name the same burst
// and every.
func NewThrottle(pool *pgxpool.Pool, name string, burst int, every time.Duration) *Throttle {
	return &Throttle{pool: pool, name: name, burst: burst, every: every}
}

// refilled is a bucket's tokens after the time since it was last written,
// never more than the burst ($3); $4 is every in seconds.
const refilled = `LEAST($3::float8, throttles.tokens + EXTRACT(EPOCH FROM now() - throttles.at)::float8 / $4::float8)`

const takeSQL = `
INSERT INTO throttles (name, key, tokens, at, taken) VALUES ($1, $2, $3::float8 - 1, now(), true)
ON CONFLICT (name, key) DO UPDATE SET
    tokens = CASE WHEN ` + refilled + ` >= 1 THEN ` + refilled + ` - 1 ELSE ` + refilled + ` END,
    taken = ` + refilled + ` >= 1,
    at = now()
RETURNING tokens, taken`

// pruneEvery is how many Takes pass between two deletions of the buckets
// that are whole again, which bounds the table by the keys that still
// have attempts spent.
const pruneEvery = 1024

// Take spends one of key's attempts and returns zero, or, when none is
// left, returns how long to wait.
func (t *Throttle) Take(ctx context.Context, key string) (time.Duration, error) {
	if t.takes.Add(1)%pruneEvery == 0 {
		if err := t.prune(ctx); err != nil {
			return 0, err
		}
	}
	var tokens float64
	var taken bool
	if err := t.pool.QueryRow(ctx, takeSQL, t.name, key, float64(t.burst), t.every.Seconds()).Scan(&tokens, &taken); err != nil {
		return 0, fmt.Errorf("throttle %s: take: %w", t.name, err)
	}
	if taken {
		return 0, nil
	}
	return throttle.WaitFor(tokens, t.every), nil
}

const giveSQL = `
UPDATE throttles SET tokens = LEAST($3::float8, ` + refilled + ` + 1), at = now()
WHERE name = $1 AND key = $2`

// Give returns an attempt that turned out not to count.
func (t *Throttle) Give(ctx context.Context, key string) error {
	if _, err := t.pool.Exec(ctx, giveSQL, t.name, key, float64(t.burst), t.every.Seconds()); err != nil {
		return fmt.Errorf("throttle %s: give back: %w", t.name, err)
	}
	return nil
}

// Reset gives key its whole allowance back.
func (t *Throttle) Reset(ctx context.Context, key string) error {
	if _, err := t.pool.Exec(ctx, `DELETE FROM throttles WHERE name = $1 AND key = $2`, t.name, key); err != nil {
		return fmt.Errorf("throttle %s: reset: %w", t.name, err)
	}
	return nil
}

// prune deletes the buckets that have refilled whole: a key that comes
// back starts whole anyway.
func (t *Throttle) prune(ctx context.Context) error {
	_, err := t.pool.Exec(ctx, `DELETE FROM throttles
WHERE name = $1 AND tokens + EXTRACT(EPOCH FROM now() - at)::float8 / $3::float8 >= $2::float8`,
		t.name, float64(t.burst), t.every.Seconds())
	if err != nil {
		return fmt.Errorf("throttle %s: forget rested keys: %w", t.name, err)
	}
	return nil
}
