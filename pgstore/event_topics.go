package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
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
		return t, storeutil.ErrNoEvent(eventID)
	}
	if err != nil {
		return t, fmt.Errorf("load topics of event %d: %w", eventID, err)
	}
	t.Slugs = nonNil(t.Slugs)
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
		return s.inTx(ctx, func(tx pgx.Tx) error { return fn(topicsTx{tx}) })
	}
}

// topicsTx is storeutil.TopicsTx on a PostgreSQL transaction.
type topicsTx struct{ tx pgx.Tx }

// TopicsChosen locks the event's row (lockTopicsSQL): every write of an
// event's topics reads it first.
func (x topicsTx) TopicsChosen(ctx context.Context, eventID int64) (bool, bool, error) {
	var chosen bool
	err := x.tx.QueryRow(ctx, lockTopicsSQL, eventID).Scan(&chosen)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, false, nil
	}
	return chosen, err == nil, err
}

func (x topicsTx) TopicLexicon(ctx context.Context, slug string) (int64, bool, error) {
	var id int64
	err := x.tx.QueryRow(ctx, topicLexiconSQL, slug).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

func (x topicsTx) LexiconExists(ctx context.Context, slug string) bool {
	var scope string
	return x.tx.QueryRow(ctx, anyLexiconSQL, slug).Scan(&scope) == nil
}

func (x topicsTx) ClearTopics(ctx context.Context, eventID int64) error {
	_, err := x.tx.Exec(ctx, clearEventTopicsSQL, eventID)
	return err
}

func (x topicsTx) AddTopic(ctx context.Context, eventID, lexiconID int64) error {
	_, err := x.tx.Exec(ctx, addEventTopicSQL, eventID, lexiconID)
	return err
}

func (x topicsTx) MarkChosen(ctx context.Context, eventID int64) (bool, error) {
	tag, err := x.tx.Exec(ctx, markTopicsChosenSQL, eventID)
	return tag.RowsAffected() > 0, err
}

func (x topicsTx) MarkAuto(ctx context.Context, eventID int64) (bool, error) {
	tag, err := x.tx.Exec(ctx, markTopicsAutoSQL, eventID)
	return tag.RowsAffected() > 0, err
}

func (x topicsTx) MarkDetected(ctx context.Context, eventID int64, key string) error {
	_, err := x.tx.Exec(ctx, markTopicsDetectedSQL, key, eventID)
	return err
}
