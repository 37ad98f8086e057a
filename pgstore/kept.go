package pgstore

import (
	"context"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"framelens/framing"
)

// keptChannel carries the changes to what instances keep in memory (see
// migration 00200): "e<id>" when an event's row changed, "l" when the
// lexicons did, "*" when any event may have.
const keptChannel = "framelens_kept"

// maxKeptEvents bounds the events kept; past it, all are forgotten and
// kept again as they are asked for.
const maxKeptEvents = 4096

// kept is what the store keeps in memory of the two rows that every kept
// comparison page asks for again (the event with its revision, and the
// lexicons' versions): two round trips to PostgreSQL cost a kept page
// twice SQLite's processor time.
//
// What is kept is right only while this instance hears every change, so
// nothing is kept unless a listener (the Bus's connection) is connected,
// and everything is forgotten when it connects or loses its connection:
// a change may have been missed meanwhile. The store's own writes forget
// everything when they commit, so that the writer's next page never waits
// for the notification of its own write. Other instances' writes are seen
// once their notification has arrived.
type kept struct {
	mu        sync.Mutex
	listening int    // listeners connected now
	gen       uint64 // raised by every forgetting
	events    map[int64]framing.Event
	key       string
	hasKey    bool
}

func newKept() *kept { return &kept{events: map[int64]framing.Event{}} }

// event is the kept event id, if any, and the generation to keep a loaded
// one under.
func (k *kept) event(id int64) (framing.Event, uint64, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	e, ok := k.events[id]
	return e, k.gen, ok
}

// keepEvent keeps e, loaded after event returned gen, unless something
// was forgotten since: then e may be older than the change that was.
func (k *kept) keepEvent(gen uint64, e framing.Event) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.listening == 0 || gen != k.gen {
		return
	}
	if len(k.events) >= maxKeptEvents {
		clear(k.events)
	}
	k.events[e.ID] = e
}

// lexiconKey is the kept lexicons' key, if any, and the generation to
// keep a loaded one under.
func (k *kept) lexiconKey() (string, uint64, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.key, k.gen, k.hasKey
}

// keepLexiconKey keeps key, loaded after lexiconKey returned gen, unless
// something was forgotten since.
func (k *kept) keepLexiconKey(gen uint64, key string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.listening == 0 || gen != k.gen {
		return
	}
	k.key, k.hasKey = key, true
}

// forget forgets everything, and whatever is being loaded meanwhile.
func (k *kept) forget() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.forgetLocked()
}

func (k *kept) forgetLocked() {
	k.gen++
	clear(k.events)
	k.key, k.hasKey = "", false
}

// forgetEvent forgets one event, and whatever is being loaded meanwhile.
func (k *kept) forgetEvent(id int64) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.gen++
	delete(k.events, id)
}

// forgetLexiconKey forgets the lexicons' key, and whatever is being
// loaded meanwhile.
func (k *kept) forgetLexiconKey() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.gen++
	k.key, k.hasKey = "", false
}

// connected and disconnected count the listeners that hear changes.
func (k *kept) connected() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.listening++
	k.forgetLocked()
}

func (k *kept) disconnected() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.listening--
	k.forgetLocked()
}

// keptHandler hears keptChannel on a Bus's listener. It runs on the
// listener's goroutine only, which alone touches on.
type keptHandler struct {
	k        *kept
	on       bool   // counted in k.listening
	listened func() // after each LISTEN
}

func (h *keptHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	switch p := n.Payload; {
	case p == "l":
		h.k.forgetLexiconKey()
	case len(p) > 1 && p[0] == 'e':
		if id, err := strconv.ParseInt(p[1:], 10, 64); err == nil {
			h.k.forgetEvent(id)
		} else {
			h.k.forget()
		}
	default: // "*", or a payload of a newer version: forget all to be safe
		h.k.forget()
	}
	return nil
}

// HandleBacklog runs on every (re)connection, after LISTEN: from now on
// every change is heard, and whatever was kept before may be stale.
func (h *keptHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	if h.on {
		h.k.forget()
	} else {
		h.on = true
		h.k.connected()
	}
	h.listened()
	return nil
}

// lost is called when the listener's connection fails or the listener
// stops: changes are no longer heard.
func (h *keptHandler) lost() {
	if h.on {
		h.on = false
		h.k.disconnected()
	}
}
