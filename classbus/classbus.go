// Package classbus tells the open live streams of a classroom session that
// the session changed (a student joined or marked, the phase moved on).
// Local fans a change out to the subscribers of this process; an instance
// that shares its database with others feeds Local from the database's
// notifications (see pgstore.Bus) instead of publishing to it directly.
// It imports neither HTTP nor SQL.
package classbus

import (
	"context"
	"sync"
)

// Local is the bus of one process: enough when one instance serves every
// request, as with SQLite.
type Local struct {
	mu   sync.Mutex
	subs map[int64]map[*subscriber]struct{}
}

type subscriber struct {
	ch         chan struct{}
	phasesOnly bool // students hear only phase changes
}

// NewLocal returns an empty bus.
func NewLocal() *Local {
	return &Local{subs: map[int64]map[*subscriber]struct{}{}}
}

// Subscribe returns a channel that receives (at most one pending) signal
// per change of session, and a function to stop. Students subscribe with
// phasesOnly: other changes are none of their business.
func (b *Local) Subscribe(session int64, phasesOnly bool) (<-chan struct{}, func()) {
	sub := &subscriber{ch: make(chan struct{}, 1), phasesOnly: phasesOnly}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs[session] == nil {
		b.subs[session] = map[*subscriber]struct{}{}
	}
	b.subs[session][sub] = struct{}{}
	return sub.ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		delete(b.subs[session], sub)
		if len(b.subs[session]) == 0 {
			delete(b.subs, session)
		}
	}
}

// Publish signals a change to this process's subscribers; it never fails.
func (b *Local) Publish(_ context.Context, session int64, phase bool) error {
	b.Deliver(session, phase)
	return nil
}

// Deliver signals a change without ever blocking: a subscriber that has a
// signal pending will read the newest state anyway.
func (b *Local) Deliver(session int64, phase bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for sub := range b.subs[session] {
		if sub.phasesOnly && !phase {
			continue
		}
		signal(sub.ch)
	}
}

// DeliverAll signals every subscriber of every session: after changes may
// have been missed (a lost database connection), each stream reads its
// state again.
func (b *Local) DeliverAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, subs := range b.subs {
		for sub := range subs {
			signal(sub.ch)
		}
	}
}

// Sessions is how many sessions have subscribers.
func (b *Local) Sessions() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}
