package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
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
		return t, storeutil.ErrNoEvent(eventID)
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

// ChooseEventTopics stores the topic lexicons a person chose for an
// event (storeutil.ChooseEventTopics).
func (s *Store) ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error {
	return storeutil.ChooseEventTopics(ctx, s.topicsTx(ctx), eventID, slugs)
}

// ResetEventTopics hands an event's topics back to detection from anchors.
func (s *Store) ResetEventTopics(ctx context.Context, eventID int64) error {
	return storeutil.ResetEventTopics(ctx, s.topicsTx(ctx), eventID)
}

// SaveDetectedTopics stores the topics detected from an event's texts
// under key (the lexicon versions and event revision detected for),
// unless a person has chosen the event's topics meanwhile.
func (s *Store) SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error {
	return storeutil.SaveDetectedTopics(ctx, s.topicsTx(ctx), eventID, slugs, key)
}

func (s *Store) topicsTx(ctx context.Context) func(func(storeutil.TopicsTx) error) error {
	return func(fn func(storeutil.TopicsTx) error) error {
		return s.inTx(ctx, func(tx *sql.Tx) error { return fn(topicsTx{tx}) })
	}
}

// topicsTx is storeutil.TopicsTx on an SQLite transaction. Reading the
// event needs no lock: SQLite writes one transaction at a time.
type topicsTx struct{ tx *sql.Tx }

func (x topicsTx) TopicsChosen(ctx context.Context, eventID int64) (bool, bool, error) {
	var chosen int
	err := x.tx.QueryRowContext(ctx, topicsChosenSQL, eventID).Scan(&chosen)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return chosen == 1, err == nil, err
}

func (x topicsTx) TopicLexicon(ctx context.Context, slug string) (int64, bool, error) {
	var id int64
	err := x.tx.QueryRowContext(ctx, topicLexiconSQL, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

func (x topicsTx) LexiconExists(ctx context.Context, slug string) bool {
	var scope string
	return x.tx.QueryRowContext(ctx, anyLexiconSQL, slug).Scan(&scope) == nil
}

func (x topicsTx) ClearTopics(ctx context.Context, eventID int64) error {
	_, err := x.tx.ExecContext(ctx, clearEventTopicsSQL, eventID)
	return err
}

func (x topicsTx) AddTopic(ctx context.Context, eventID, lexiconID int64) error {
	_, err := x.tx.ExecContext(ctx, addEventTopicSQL, eventID, lexiconID)
	return err
}

func (x topicsTx) MarkChosen(ctx context.Context, eventID int64) (bool, error) {
	return x.execEvent(ctx, markTopicsChosenSQL, eventID)
}

func (x topicsTx) MarkAuto(ctx context.Context, eventID int64) (bool, error) {
	return x.execEvent(ctx, markTopicsAutoSQL, eventID)
}

func (x topicsTx) MarkDetected(ctx context.Context, eventID int64, key string) error {
	_, err := x.tx.ExecContext(ctx, markTopicsDetectedSQL, key, eventID)
	return err
}

func (x topicsTx) execEvent(ctx context.Context, query sqlText, eventID int64) (bool, error) {
	res, err := x.tx.ExecContext(ctx, string(query), eventID)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}
