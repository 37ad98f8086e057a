package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
)

const (
	eventTopicsSQL = `
SELECT e.topics_chosen, e.topics_key, COALESCE(array_agg(l.slug ORDER BY l.id) FILTER (WHERE l.slug IS NOT NULL), '{}')
FROM events e
LEFT JOIN event_lexicons el ON el.event_id = e.id
LEFT JOIN lexicons l ON l.id = el.lexicon_id
WHERE e.id = $1
GROUP BY e.id`
	// Every write of an event's topics locks the event's row first, so
	// that a person's choice and a detection finishing at the same time
	// go one after the other, as SQLite's one writer has them.
	lockTopicsSQL       = `SELECT topics_chosen FROM events WHERE id = $1 FOR UPDATE`
	topicLexiconSQL     = `SELECT id FROM lexicons WHERE slug = $1 AND scope = 'topic'`
	anyLexiconSQL       = `SELECT scope FROM lexicons WHERE slug = $1`
	clearEventTopicsSQL = `DELETE FROM event_lexicons WHERE event_id = $1`
	addEventTopicSQL    = `INSERT INTO event_lexicons (event_id, lexicon_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
	// A person's choice changes what the event's pages show, so it raises
	// the revision they are kept by; a detection only writes down what the
	// revision's texts already say, and must not, or it would never settle.
	markTopicsChosenSQL   = `UPDATE events SET topics_chosen = true, topics_key = '', revision = revision + 1 WHERE id = $1`
	markTopicsDetectedSQL = `UPDATE events SET topics_chosen = false, topics_key = $1 WHERE id = $2`
	markTopicsAutoSQL     = `UPDATE events SET topics_chosen = false, topics_key = '', revision = revision + 1 WHERE id = $1`
)

// EventTopics returns the topic lexicons that apply to an event, and
// whether a person chose them.
func (s *Store) EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error) {
	var t framing.EventTopics
	err := s.pool.QueryRow(ctx, eventTopicsSQL, eventID).Scan(&t.Chosen, &t.DetectedFor, &t.Slugs)
	if errors.Is(err, pgx.ErrNoRows) {
		return t, eventNotFound(eventID)
	}
	if err != nil {
		return t, fmt.Errorf("load topics of event %d: %w", eventID, err)
	}
	t.Slugs = nonNil(t.Slugs)
	return t, nil
}

func eventNotFound(id int64) error {
	return framing.Errorf(framing.ENotFound, "There is no event %d.", id)
}

// lockTopics locks the event's row and tells whether a person chose its
// topics, or ENotFound.
func lockTopics(ctx context.Context, tx pgx.Tx, eventID int64) (bool, error) {
	var chosen bool
	err := tx.QueryRow(ctx, lockTopicsSQL, eventID).Scan(&chosen)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, eventNotFound(eventID)
	}
	if err != nil {
		return false, fmt.Errorf("load topics of event %d: %w", eventID, err)
	}
	return chosen, nil
}

// ChooseEventTopics stores the topic lexicons a person chose for an event.
// An unknown slug is refused (EInvalid on "lexicons") and nothing changes;
// a general lexicon's slug is accepted and ignored, since general lexicons
// apply to every event.
func (s *Store) ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		ids, err := topicIDs(ctx, tx, slugs)
		if err != nil {
			return err
		}
		if _, err := lockTopics(ctx, tx, eventID); err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, ids); err != nil {
			return err
		}
		return execEvent(ctx, tx, eventID, markTopicsChosenSQL)
	})
}

// ResetEventTopics hands an event's topics back to detection from anchors.
func (s *Store) ResetEventTopics(ctx context.Context, eventID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockTopics(ctx, tx, eventID); err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, nil); err != nil {
			return err
		}
		return execEvent(ctx, tx, eventID, markTopicsAutoSQL)
	})
}

// SaveDetectedTopics stores the topics detected from an event's texts
// under key (the lexicon versions and event revision detected for),
// unless a person has chosen the event's topics meanwhile.
func (s *Store) SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		chosen, err := lockTopics(ctx, tx, eventID)
		if err != nil || chosen {
			return err
		}
		ids, err := topicIDs(ctx, tx, slugs)
		if err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, ids); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, markTopicsDetectedSQL, key, eventID); err != nil {
			return fmt.Errorf("save topics of event %d: %w", eventID, err)
		}
		return nil
	})
}

func topicIDs(ctx context.Context, tx pgx.Tx, slugs []string) ([]int64, error) {
	var ids []int64
	for _, slug := range slugs {
		var id int64
		err := tx.QueryRow(ctx, topicLexiconSQL, slug).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			var scope string
			if tx.QueryRow(ctx, anyLexiconSQL, slug).Scan(&scope) == nil {
				continue // a general lexicon: it applies anyway
			}
			return nil, framing.FieldErrorf(framing.EInvalid, "lexicons", "There is no lexicon %q.", slug)
		}
		if err != nil {
			return nil, fmt.Errorf("find lexicon %s: %w", slug, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func replaceEventTopics(ctx context.Context, tx pgx.Tx, eventID int64, ids []int64) error {
	if _, err := tx.Exec(ctx, clearEventTopicsSQL, eventID); err != nil {
		return fmt.Errorf("clear topics of event %d: %w", eventID, err)
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, addEventTopicSQL, eventID, id); err != nil {
			return fmt.Errorf("add topic %d to event %d: %w", id, eventID, err)
		}
	}
	return nil
}

func execEvent(ctx context.Context, tx pgx.Tx, eventID int64, query sqlText) error {
	tag, err := tx.Exec(ctx, string(query), eventID)
	if err != nil {
		return fmt.Errorf("update event %d: %w", eventID, err)
	}
	if tag.RowsAffected() == 0 {
		return eventNotFound(eventID)
	}
	return nil
}
