package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

const listEventsSQL = `
SELECT e.id, e.title, e.description, e.date, e.created_at, COUNT(a.id)
FROM events e LEFT JOIN articles a ON a.event_id = e.id
GROUP BY e.id
ORDER BY e.date DESC, e.id DESC`

// ListEvents returns every event, newest first, with its article count and
// the outlets that cover it in the order their articles were added.
func (s *Store) ListEvents(ctx context.Context) ([]framing.EventSummary, error) {
	rows, err := s.db.QueryContext(ctx, listEventsSQL)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var events []framing.EventSummary
	byID := map[int64]int{}
	for rows.Next() {
		var e framing.EventSummary
		if err := rows.Scan(&e.ID, &e.Title, &e.Description, &e.Date, &e.CreatedAt, &e.ArticleCount); err != nil {
			return nil, fmt.Errorf("list events: %w", err)
		}
		byID[e.ID] = len(events)
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}

	orows, err := s.db.QueryContext(ctx, storeutil.EventOutletsSQL)
	if err != nil {
		return nil, fmt.Errorf("list event outlets: %w", err)
	}
	defer orows.Close()
	for orows.Next() {
		var id int64
		var name string
		if err := orows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("list event outlets: %w", err)
		}
		if i, ok := byID[id]; ok {
			events[i].Outlets = append(events[i].Outlets, name)
		}
	}
	if err := orows.Err(); err != nil {
		return nil, fmt.Errorf("list event outlets: %w", err)
	}
	return events, nil
}

// The revisions only grow and no event is ever deleted, so their count,
// sum and highest id change with every change to any event's articles
// and with every new event.
const eventsVersionSQL = `SELECT COUNT(*), COALESCE(SUM(revision), 0), COALESCE(MAX(id), 0) FROM events`

// EventsVersion names the state of the list of events and their articles,
// so that a page drawn from the whole list can be kept until it changes.
func (s *Store) EventsVersion(ctx context.Context) (string, error) {
	var n, sum, maxID int64
	if err := s.db.QueryRowContext(ctx, eventsVersionSQL).Scan(&n, &sum, &maxID); err != nil {
		return "", fmt.Errorf("read the events' version: %w", err)
	}
	return fmt.Sprintf("%d:%d:%d", n, sum, maxID), nil
}

const eventSQL = `SELECT id, title, description, date, created_at, revision FROM events WHERE id = ?`

// Event returns one event, or a framing ENotFound error.
func (s *Store) Event(ctx context.Context, id int64) (framing.Event, error) {
	var e framing.Event
	err := s.db.QueryRowContext(ctx, eventSQL, id).Scan(&e.ID, &e.Title, &e.Description, &e.Date, &e.CreatedAt, &e.Revision)
	if errors.Is(err, sql.ErrNoRows) {
		return e, framing.Errorf(framing.ENotFound, "There is no event %d.", id)
	}
	if err != nil {
		return e, fmt.Errorf("load event %d: %w", id, err)
	}
	return e, nil
}

const insertEventSQL = `INSERT INTO events (title, description, date) VALUES (?, ?, ?) RETURNING id, created_at`

// CreateEvent validates in and stores it as a new event.
func (s *Store) CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error) {
	if err := in.Normalize(); err != nil {
		return framing.Event{}, err
	}
	var e framing.Event
	err := s.inTx(ctx, func(tx *sql.Tx) (err error) {
		e, err = insertEvent(ctx, tx, in)
		return err
	})
	return e, err
}

func insertEvent(ctx context.Context, tx *sql.Tx, in framing.EventInput) (framing.Event, error) {
	e := framing.Event{Title: in.Title, Description: in.Description, Date: in.Date}
	if err := tx.QueryRowContext(ctx, insertEventSQL, in.Title, in.Description, in.Date).Scan(&e.ID, &e.CreatedAt); err != nil {
		return framing.Event{}, fmt.Errorf("create event %q: %w", in.Title, err)
	}
	return e, nil
}
