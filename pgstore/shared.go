package pgstore

import (
	"log/slog"
	"time"
)

// What instances on one database share, each over the store's own pool:
// the class streams' bus, the throttles and the background jobs.

// NewBus is a bus over the store's pool; its Listen runs until its
// context ends. While it listens, it also tells the store of the changes
// to what the store keeps in memory (see kept).
func (s *Store) NewBus(log *slog.Logger) *Bus {
	b := NewBus(s.pool, log)
	b.kept = s.kept
	return b
}

// NewThrottle is a throttle over the store's pool, counted in the
// database across instances.
func (s *Store) NewThrottle(name string, burst int, every time.Duration) *Throttle {
	return NewThrottle(s.pool, name, burst, every)
}

// Jobs is the store's job queue, claimed once across instances.
func (s *Store) Jobs() *Jobs { return NewJobs(s.pool) }
