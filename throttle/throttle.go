// Package throttle slows down guessing: each key (an address, an account
// name) may make a few attempts in a row, then must wait while its
// allowance refills. Limiter keeps the token buckets in this process and
// forgets idle ones so memory stays bounded; an instance that shares its
// database with others counts there instead (pgstore.Throttle), with the
// same arithmetic (Refill, WaitFor).
package throttle

import (
	"context"
	"math"
	"sync"
	"time"
)

// Limiter counts attempts per key in this process.
type Limiter struct {
	every time.Duration // one attempt's allowance comes back after this
	burst int           // attempts allowed in a row
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// maxKeys bounds memory under a flood of distinct keys: past it, keys
// whose allowance is whole again are forgotten.
const maxKeys = 100_000

// New allows burst attempts per key, and one more every every.
func New(burst int, every time.Duration) *Limiter {
	return &Limiter{every: every, burst: burst, now: time.Now, buckets: map[string]bucket{}}
}

// Take spends one of key's attempts and returns zero, or, when none is
// left, spends nothing and returns how long to wait. Checking and
// spending are one step, so concurrent attempts never exceed the burst.
func (l *Limiter) Take(_ context.Context, key string) (time.Duration, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxKeys {
			l.forgetRested(now)
		}
		b = bucket{tokens: float64(l.burst), at: now}
	}
	tokens := Refill(b.tokens, now.Sub(b.at), l.burst, l.every)
	if tokens < 1 {
		l.buckets[key] = bucket{tokens: tokens, at: now}
		return WaitFor(tokens, l.every), nil
	}
	l.buckets[key] = bucket{tokens: tokens - 1, at: now}
	return 0, nil
}

// Give returns one attempt to key: the attempt it took did not count (a
// correct password, something created after all not).
func (l *Limiter) Give(_ context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return nil
	}
	now := l.now()
	l.buckets[key] = bucket{tokens: Refill(b.tokens+1, now.Sub(b.at), l.burst, l.every), at: now}
	return nil
}

// Reset gives key its whole allowance back.
func (l *Limiter) Reset(_ context.Context, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
	return nil
}

// forgetRested drops keys whose allowance is whole; l.mu is held.
func (l *Limiter) forgetRested(now time.Time) {
	for k, b := range l.buckets {
		if Refill(b.tokens, now.Sub(b.at), l.burst, l.every) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
}

// Refill is a bucket's allowance after elapsed: one more attempt every
// every, never more than burst.
func Refill(tokens float64, elapsed time.Duration, burst int, every time.Duration) float64 {
	if elapsed > 0 {
		tokens += float64(elapsed) / float64(every)
	}
	return math.Min(tokens, float64(burst))
}

// WaitFor is how long a bucket of tokens (less than one) waits for its
// next attempt, in whole seconds for a Retry-After header; rounding first
// keeps float dust from adding a second.
func WaitFor(tokens float64, every time.Duration) time.Duration {
	wait := time.Duration((1 - tokens) * float64(every)).Round(time.Millisecond)
	return time.Duration(math.Ceil(wait.Seconds())) * time.Second
}
