// Package throttle slows down guessing: each key (an address, an account
// name) may fail a few times, then must wait while its allowance refills.
// The token buckets are golang.org/x/time/rate's; this package keys them
// and forgets idle ones so memory stays bounded.
package throttle

import (
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter counts failures per key.
type Limiter struct {
	every time.Duration // one failure's allowance comes back after this
	burst int           // failures allowed in a row
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

// maxKeys bounds memory under a flood of distinct keys: past it, keys
// whose allowance is whole again are forgotten.
const maxKeys = 100_000

// New allows burst failures per key, and one more every every.
func New(burst int, every time.Duration) *Limiter {
	return &Limiter{every: every, burst: burst, now: time.Now, buckets: map[string]*rate.Limiter{}}
}

// Wait is how long key must wait before it may fail again, in whole
// seconds: zero when it still has failures left.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		return 0
	}
	tokens := b.TokensAt(l.now())
	if tokens >= 1 {
		return 0
	}
	// Whole seconds, for a Retry-After header; rounding first keeps float
	// dust from adding a second.
	wait := time.Duration((1 - tokens) * float64(l.every)).Round(time.Millisecond)
	return time.Duration(math.Ceil(wait.Seconds())) * time.Second
}

// Fail spends one of key's failures.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxKeys {
			l.forgetRested()
		}
		b = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.buckets[key] = b
	}
	b.AllowN(l.now(), 1)
}

// Reset gives key its whole allowance back (a success).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.buckets, key)
}

// forgetRested drops keys whose allowance is whole; l.mu is held.
func (l *Limiter) forgetRested() {
	now := l.now()
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
}
