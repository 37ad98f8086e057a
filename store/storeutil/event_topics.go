package storeutil

import (
	"context"
	"fmt"

	"framelens/framing"
)

// TopicsTx writes an event's topic lexicons inside a transaction. Each
// store adapts its own: the placeholders, booleans, an insert that
// ignores a pair already there, and whether reading the event locks it
// (PostgreSQL serves several instances at once) are the dialect's.
type TopicsTx interface {
	// TopicsChosen tells whether a person chose the event's topics;
	// found is false if there is no event.
	TopicsChosen(ctx context.Context, eventID int64) (chosen, found bool, err error)
	// TopicLexicon is the id of the topic lexicon of that slug; found is
	// false if there is no topic lexicon of that slug.
	TopicLexicon(ctx context.Context, slug string) (id int64, found bool, err error)
	// LexiconExists tells whether any lexicon has the slug.
	LexiconExists(ctx context.Context, slug string) bool
	ClearTopics(ctx context.Context, eventID int64) error
	AddTopic(ctx context.Context, eventID, lexiconID int64) error
	// MarkChosen and MarkAuto say who picks the topics from now on and
	// raise the event's revision; false if there is no event.
	MarkChosen(ctx context.Context, eventID int64) (bool, error)
	MarkAuto(ctx context.Context, eventID int64) (bool, error)
	// MarkDetected writes down the key topics were detected for.
	MarkDetected(ctx context.Context, eventID int64, key string) error
}

// ErrNoEvent is the answer for an event id that has none.
func ErrNoEvent(id int64) error {
	return framing.Errorf(framing.ENotFound, "There is no event %d.", id)
}

// ChooseEventTopics stores the topic lexicons a person chose for an event.
// An unknown slug is refused (EInvalid on "lexicons") and nothing changes;
// a general lexicon's slug is accepted and ignored, since general lexicons
// apply to every event. inTx runs its function in one of the store's
// transactions.
func ChooseEventTopics(ctx context.Context, inTx func(func(TopicsTx) error) error, eventID int64, slugs []string) error {
	return inTx(func(tx TopicsTx) error {
		ids, err := topicIDs(ctx, tx, slugs)
		if err != nil {
			return err
		}
		// The event first: a missing one is ENotFound, not a foreign key
		// failure of its topics.
		if _, err := topicsChosen(ctx, tx, eventID); err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, ids); err != nil {
			return err
		}
		return markEvent(eventID)(tx.MarkChosen(ctx, eventID))
	})
}

// ResetEventTopics hands an event's topics back to detection from anchors.
func ResetEventTopics(ctx context.Context, inTx func(func(TopicsTx) error) error, eventID int64) error {
	return inTx(func(tx TopicsTx) error {
		if _, err := topicsChosen(ctx, tx, eventID); err != nil {
			return err
		}
		if err := replaceEventTopics(ctx, tx, eventID, nil); err != nil {
			return err
		}
		return markEvent(eventID)(tx.MarkAuto(ctx, eventID))
	})
}

// SaveDetectedTopics stores the topics detected from an event's texts
// under key (the lexicon versions and event revision detected for),
// unless a person has chosen the event's topics meanwhile.
func SaveDetectedTopics(ctx context.Context, inTx func(func(TopicsTx) error) error, eventID int64, slugs []string, key string) error {
	return inTx(func(tx TopicsTx) error {
		chosen, err := topicsChosen(ctx, tx, eventID)
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
		if err := tx.MarkDetected(ctx, eventID, key); err != nil {
			return fmt.Errorf("save topics of event %d: %w", eventID, err)
		}
		return nil
	})
}

func topicsChosen(ctx context.Context, tx TopicsTx, eventID int64) (bool, error) {
	chosen, found, err := tx.TopicsChosen(ctx, eventID)
	if err != nil {
		return false, fmt.Errorf("load topics of event %d: %w", eventID, err)
	}
	if !found {
		return false, ErrNoEvent(eventID)
	}
	return chosen, nil
}

func topicIDs(ctx context.Context, tx TopicsTx, slugs []string) ([]int64, error) {
	var ids []int64
	for _, slug := range slugs {
		id, found, err := tx.TopicLexicon(ctx, slug)
		if err != nil {
			return nil, fmt.Errorf("find lexicon %s: %w", slug, err)
		}
		if !found {
			if tx.LexiconExists(ctx, slug) {
				continue // a general lexicon: it applies anyway
			}
			return nil, framing.FieldErrorf(framing.EInvalid, "lexicons", "There is no lexicon %q.", slug)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func replaceEventTopics(ctx context.Context, tx TopicsTx, eventID int64, ids []int64) error {
	if err := tx.ClearTopics(ctx, eventID); err != nil {
		return fmt.Errorf("clear topics of event %d: %w", eventID, err)
	}
	for _, id := range ids {
		if err := tx.AddTopic(ctx, eventID, id); err != nil {
			return fmt.Errorf("add topic %d to event %d: %w", id, eventID, err)
		}
	}
	return nil
}

// markEvent words the outcome of an update of the event's row.
func markEvent(eventID int64) func(found bool, err error) error {
	return func(found bool, err error) error {
		if err != nil {
			return fmt.Errorf("update event %d: %w", eventID, err)
		}
		if !found {
			return ErrNoEvent(eventID)
		}
		return nil
	}
}
