package pgstore

import (
	"log/slog"
	"time"
)

// What instances on one database share, each over the store's own pool:
// the class streams' bus, the throttles and the background jobs.

// NewBus is a bus over the store's pool; its Listen runs until its
// context ends.
func (s *Store) NewBus(log *slog.Logger) *Bus { return NewBus(s.pool, log) }

// NewThrottle is a throttle over the store's pool, counted in the
// database across instances.
func (s *Store) NewThrottle(name string, burst int, every time.Duration) *Throttle {
	return NewThrottle(s.pool, name, burst, every)
}

// Jobs is the store's job queue, claimed once across instances.
func (s *Store) Jobs() *Jobs { return NewJobs(s.pool) }
