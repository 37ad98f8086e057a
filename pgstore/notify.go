package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgxlisten"

	"framelens/classbus"
)

// classChannel is the one channel every instance listens on; a
// notification's payload names the session, so an instance LISTENs once
// however many sessions its streams follow.
const classChannel = "framelens_class"

// busAppName marks the bus's connection in pg_stat_activity.
const busAppName = "framelens-bus"

// busReconnect is how long the bus waits before connecting again after
// losing its connection: short, because a class is waiting.
const busReconnect = 500 * time.Millisecond

// Bus carries classroom changes between instances on one database with
// LISTEN/NOTIFY: Publish notifies, and every instance, this one included,
// hears the notification and signals its own streams. It implements the
// handlers' ClassBus.
//
// pgxlisten does the listening: it holds one dedicated connection (not a
// pooled one, which it would keep forever), LISTENs again after
// reconnecting, and calls a hook on each connection, where the bus wakes
// every stream, since changes made while it was disconnected were not
// heard.
type Bus struct {
	pool  *pgxpool.Pool
	local *classbus.Local
	log   *slog.Logger
	kept  *kept // the store's, told of changes too; nil for a bus of its own

	readyOnce sync.Once
	ready     chan struct{}
}

// NewBus returns a bus over pool's database; it hears nothing until
// Listen runs.
func NewBus(pool *pgxpool.Pool, log *slog.Logger) *Bus {
	return &Bus{pool: pool, local: classbus.NewLocal(), log: log, ready: make(chan struct{})}
}

// Listen hears other instances' changes until ctx ends, reconnecting
// whenever the connection is lost. Run it in a goroutine of its own.
func (b *Bus) Listen(ctx context.Context) error {
	// Ready waits until every channel listens on one connection; they
	// LISTEN one after the other on the listener's goroutine, which alone
	// counts them.
	channels, listened := 1, 0
	onListen := func() {
		if listened++; listened >= channels {
			b.readyOnce.Do(func() { close(b.ready) })
		}
	}
	var kh *keptHandler
	if b.kept != nil {
		channels++
		kh = &keptHandler{k: b.kept, listened: onListen}
		defer kh.lost()
	}
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) {
			listened = 0 // every channel LISTENs again on this connection
			cfg := b.pool.Config().ConnConfig.Copy()
			cfg.RuntimeParams["application_name"] = busAppName
			return pgx.ConnectConfig(ctx, cfg)
		},
		LogError: func(ctx context.Context, err error) {
			// Every error but a payload's means the connection failed or
			// no longer listens.
			if kh != nil && !errors.Is(err, errPayload) {
				kh.lost()
			}
			if ctx.Err() == nil {
				b.log.Warn("class bus: listen for changes", "err", err)
			}
		},
		ReconnectDelay: busReconnect,
	}
	l.Handle(classChannel, busHandler{b: b, listened: onListen})
	if kh != nil {
		l.Handle(keptChannel, kh)
	}
	return l.Listen(ctx)
}

// Ready is closed once the bus listens for the first time, on every
// channel.
func (b *Bus) Ready() <-chan struct{} { return b.ready }

// Publish tells every instance that session changed.
func (b *Bus) Publish(ctx context.Context, session int64, phase bool) error {
	payload := "c" + strconv.FormatInt(session, 10)
	if phase {
		payload = "p" + strconv.FormatInt(session, 10)
	}
	if _, err := b.pool.Exec(ctx, "SELECT pg_notify($1, $2)", classChannel, payload); err != nil {
		return fmt.Errorf("notify class session %d: %w", session, err)
	}
	return nil
}

// Subscribe follows a session's changes from every instance.
func (b *Bus) Subscribe(session int64, phasesOnly bool) (<-chan struct{}, func()) {
	return b.local.Subscribe(session, phasesOnly)
}

// Sessions is how many sessions this instance's streams follow.
func (b *Bus) Sessions() int { return b.local.Sessions() }

// errPayload marks a notification the bus cannot read, which leaves its
// connection listening.
var errPayload = errors.New("class bus: unreadable payload")

type busHandler struct {
	b        *Bus
	listened func() // after each LISTEN
}

func (h busHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	if len(n.Payload) < 2 {
		return fmt.Errorf("%w %q", errPayload, n.Payload)
	}
	id, err := strconv.ParseInt(n.Payload[1:], 10, 64)
	if err != nil {
		return fmt.Errorf("%w %q: %w", errPayload, n.Payload, err)
	}
	h.b.local.Deliver(id, n.Payload[0] == 'p')
	return nil
}

// HandleBacklog runs on every (re)connection, after LISTEN: whatever
// changed while no connection listened was missed, so every stream reads
// its state again.
func (h busHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	h.b.local.DeliverAll()
	h.listened()
	return nil
}
