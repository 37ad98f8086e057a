package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// Text is ordered byte by byte (COLLATE "C") wherever SQLite orders it, as
// SQLite's BINARY collation does, whatever the database's locale.
const listEventsSQL = `
SELECT e.id, e.title, e.description, e.date, e.created_at, COUNT(a.id)
FROM events e LEFT JOIN articles a ON a.event_id = e.id
GROUP BY e.id
ORDER BY e.date COLLATE "C" DESC, e.id DESC`

// ListEvents returns every event, newest first, with its article count and
// the outlets that cover it in the order their articles were added.
func (s *Store) ListEvents(ctx context.Context) ([]framing.EventSummary, error) {
	var events []framing.EventSummary
	byID := map[int64]int{}
	err := s.query(ctx, listEventsSQL, func(rows pgx.Rows) error {
		var e framing.EventSummary
		if err := rows.Scan(&e.ID, &e.Title, &e.Description, &e.Date, &e.CreatedAt, &e.ArticleCount); err != nil {
			return err
		}
		byID[e.ID] = len(events)
		events = append(events, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	err = s.query(ctx, storeutil.EventOutletsSQL, func(rows pgx.Rows) error {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			events[i].Outlets = append(events[i].Outlets, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list event outlets: %w", err)
	}
	return events, nil
}

// The revisions only grow and no event is ever deleted, so their count,
// sum and highest id change with every change to any event's articles
// and with every new event.
const eventsVersionSQL = `SELECT COUNT(*), COALESCE(SUM(revision), 0)::bigint, COALESCE(MAX(id), 0) FROM events`

// EventsVersion names the state of the list of events and their articles,
// so that a page drawn from the whole list can be kept until it changes.
func (s *Store) EventsVersion(ctx context.Context) (string, error) {
	var n, sum, maxID int64
	if err := s.pool.QueryRow(ctx, eventsVersionSQL).Scan(&n, &sum, &maxID); err != nil {
		return "", fmt.Errorf("read the events' version: %w", err)
	}
	return fmt.Sprintf("%d:%d:%d", n, sum, maxID), nil
}

const eventSQL = `SELECT id, title, description, date, created_at, revision FROM events WHERE id = $1`

// Event returns one event, or a framing ENotFound error.
// It is kept in memory while this instance hears its changes (see kept).
func (s *Store) Event(ctx context.Context, id int64) (framing.Event, error) {
	e, gen, ok := s.kept.event(id)
	if ok {
		return e, nil
	}
	err := s.pool.QueryRow(ctx, eventSQL, id).Scan(&e.ID, &e.Title, &e.Description, &e.Date, &e.CreatedAt, &e.Revision)
	if errors.Is(err, pgx.ErrNoRows) {
		return e, framing.Errorf(framing.ENotFound, "There is no event %d.", id)
	}
	if err != nil {
		return e, fmt.Errorf("load event %d: %w", id, err)
	}
	s.kept.keepEvent(gen, e)
	return e, nil
}

const insertEventSQL = `INSERT INTO events (title, description, date) VALUES ($1, $2, $3) RETURNING id, created_at`

// CreateEvent validates in and stores it as a new event.
func (s *Store) CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error) {
	if err := in.Normalize(); err != nil {
		return framing.Event{}, err
	}
	var e framing.Event
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		e, err = insertEvent(ctx, tx, in)
		return err
	})
	return e, err
}

func insertEvent(ctx context.Context, tx pgx.Tx, in framing.EventInput) (framing.Event, error) {
	e := framing.Event{Title: in.Title, Description: in.Description, Date: in.Date}
	if err := tx.QueryRow(ctx, insertEventSQL, in.Title, in.Description, in.Date).Scan(&e.ID, &e.CreatedAt); err != nil {
		return framing.Event{}, fmt.Errorf("create event %q: %w", in.Title, err)
	}
	return e, nil
}
