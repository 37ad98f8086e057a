package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"framelens/framing"
)

const (
	eventTopicsSQL = `
SELECT e.topics_chosen, e.topics_key, COALESCE(json_group_array(l.slug) FILTER (WHERE l.slug IS NOT NULL), '[]')
FROM events e
LEFT JOIN event_lexicons el ON el.event_id = e.id
LEFT JOIN lexicons l ON l.id = el.lexicon_id
WHERE e.id = ?
GROUP BY e.id`
	topicsChosenSQL     = `SELECT topics_chosen FROM events WHERE id = ?`
	topicLexiconSQL     = `SELECT id FROM lexicons WHERE slug = ? AND scope = 'topic'`
	anyLexiconSQL       = `SELECT scope FROM lexicons WHERE slug = ?`
	clearEventTopicsSQL = `DELETE FROM event_lexicons WHERE event_id = ?`
	addEventTopicSQL    = `INSERT OR IGNORE INTO event_lexicons (event_id, lexicon_id) VALUES (?, ?)`
	// A person's choice changes what the event's pages show, so it raises
	// the revision they are kept by; a detection only writes down what the
	// revision's texts already say, and must not, or it would never settle.
	markTopicsChosenSQL   = `UPDATE events SET topics_chosen = 1, topics_key = '', revision = revision + 1 WHERE id = ?`
	markTopicsDetectedSQL = `UPDATE events SET topics_chosen = 0, topics_key = ? WHERE id = ?`
	markTopicsAutoSQL     = `UPDATE events SET topics_chosen = 0, topics_key = '', revision = revision + 1 WHERE id = ?`
)

// EventTopics returns the topic lexicons that apply to an event, and
// whether a person chose them.
func (s *Store) EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error) {
	var t framing.EventTopics
	var chosen int
	var slugs string
	err := s.db.QueryRowContext(ctx, eventTopicsSQL, eventID).Scan(&chosen, &t.DetectedFor, &slugs)
	if errors.Is(err, sql.ErrNoRows) {
		return t, framing.Errorf(framing.ENotFound, "There is no event %d.", eventID)
	}
	if err != nil {
		return t, fmt.Errorf("load topics of event %d: %w", eventID, err)
	}
	t.Chosen = chosen == 1
	if err := json.Unmarshal([]byte(slugs), &t.Slugs); err != nil {
		return t, fmt.Errorf("topics of event %d: %w", eventID, err)
	}
	return t, nil
}

// ChooseEventTopics stores the topic lexicons a person chose for an event.
// An unknown slug is refused (EInvalid on "lexicons") and nothing changes;
// a general lexicon's slug is accepted and ignored, since general lexicons
// apply to every event.
func (s *Store) ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := topicIDs(ctx, tx, slugs)
		if err != nil {
			return err
		}
		// The event first: a missing one is ENotFound, not a foreign key
		// failure of its topics.
		if err := execOne(ctx, tx, eventID, markTopicsChosenSQL); err != nil {
			return err
		}
		return replaceEventTopics(ctx, tx, eventID, ids)
	})
}

// ResetEventTopics hands an event's topics back to detection from anchors.
func (s *Store) ResetEventTopics(ctx context.Context, eventID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := replaceEventTopics(ctx, tx, eventID, nil); err != nil {
			return err
		}
		return execOne(ctx, tx, eventID, markTopicsAutoSQL)
	})
}

// SaveDetectedTopics stores the topics detected from an event's texts
// under key (the lexicon versions and event revision detected for),
// unless a person has chosen the event's topics meanwhile.
func (s *Store) SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var chosen int
		err := tx.QueryRowContext(ctx, topicsChosenSQL, eventID).Scan(&chosen)
		if errors.Is(err, sql.ErrNoRows) {
			return framing.Errorf(framing.ENotFound, "There is no event %d.", eventID)
		}
		if err != nil || chosen == 1 {
			return err
		}
		ids, err := topicIDs(ctx, tx, slugs)
		if err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, ids); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, markTopicsDetectedSQL, key, eventID); err != nil {
			return fmt.Errorf("save topics of event %d: %w", eventID, err)
		}
		return nil
	})
}

func topicIDs(ctx context.Context, tx *sql.Tx, slugs []string) ([]int64, error) {
	var ids []int64
	for _, slug := range slugs {
		var id int64
		err := tx.QueryRowContext(ctx, topicLexiconSQL, slug).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			var scope string
			if tx.QueryRowContext(ctx, anyLexiconSQL, slug).Scan(&scope) == nil {
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

func replaceEventTopics(ctx context.Context, tx *sql.Tx, eventID int64, ids []int64) error {
	if _, err := tx.ExecContext(ctx, clearEventTopicsSQL, eventID); err != nil {
		return fmt.Errorf("clear topics of event %d: %w", eventID, err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, addEventTopicSQL, eventID, id); err != nil {
			return fmt.Errorf("add topic %d to event %d: %w", id, eventID, err)
		}
	}
	return nil
}

func execOne(ctx context.Context, tx *sql.Tx, eventID int64, query sqlText) error {
	res, err := tx.ExecContext(ctx, string(query), eventID)
	if err != nil {
		return fmt.Errorf("update event %d: %w", eventID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return framing.Errorf(framing.ENotFound, "There is no event %d.", eventID)
	}
	return nil
}
