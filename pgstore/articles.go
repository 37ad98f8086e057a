package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// articles runs a query of storeutil.ArticleColumns and collects them.
func (s *Store) articles(ctx context.Context, query sqlText, args ...any) ([]framing.Article, error) {
	var list []framing.Article
	err := s.query(ctx, query, func(rows pgx.Rows) error {
		a, err := storeutil.ScanArticle(rows)
		list = append(list, a)
		return err
	}, args...)
	return list, err
}

const eventArticlesSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE a.event_id = $1
ORDER BY a.id`

// Articles returns the articles of an event in the order they were added.
func (s *Store) Articles(ctx context.Context, eventID int64) ([]framing.Article, error) {
	list, err := s.articles(ctx, eventArticlesSQL, eventID)
	if err != nil {
		return nil, fmt.Errorf("list articles of event %d: %w", eventID, err)
	}
	return list, nil
}

const (
	eventExistsSQL   = `SELECT 1 FROM events WHERE id = $1`
	countArticlesSQL = `SELECT count(*) FROM articles WHERE event_id = $1`
	// A text already in the event is looked for before the insert, so that
	// a refused one uses up no id (SQLite's ids do not skip either).
	textInEventSQL   = `SELECT EXISTS (SELECT 1 FROM articles WHERE event_id = $1 AND fingerprint = $2 AND id <> $3)`
	insertArticleSQL = `
INSERT INTO articles (event_id, outlet_id, headline, byline, url, published, language, body, fingerprint, illustrative)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id, created_at`
)

// AddArticle validates in and stores it in the event, remembering its outlet.
// The outlet and the article land together or not at all. A text already in
// the event is refused with EConflict.
func (s *Store) AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	if err := in.Normalize(); err != nil {
		return framing.Article{}, err
	}
	var a framing.Article
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		a, err = insertArticle(ctx, tx, eventID, in)
		return err
	})
	return a, err
}

var errTextInEvent = framing.FieldErrorf(framing.EConflict, "body", "This text is already in the event; an article is added once.")

// insertArticle stores a normalized input as a new article of the event.
func insertArticle(ctx context.Context, tx pgx.Tx, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	a := in.Article(eventID)
	if err := lockArticles(ctx, tx); err != nil {
		return a, err
	}
	if err := checkEventExists(ctx, tx, eventID, ""); err != nil {
		return a, err
	}
	var n int
	if err := tx.QueryRow(ctx, countArticlesSQL, eventID).Scan(&n); err != nil {
		return a, fmt.Errorf("count articles of event %d: %w", eventID, err)
	}
	if n >= framing.MaxArticlesPerEvent {
		return a, framing.ErrEventFull()
	}
	fingerprint := framing.Fingerprint(a.Body)
	taken, err := textInEvent(ctx, tx, eventID, fingerprint, 0)
	if err != nil {
		return a, err
	}
	if taken {
		return a, errTextInEvent
	}
	outletID, err := upsertOutlet(ctx, tx, in)
	if err != nil {
		return a, err
	}
	err = tx.QueryRow(ctx, insertArticleSQL, a.EventID, outletID, a.Headline, a.Byline, a.URL,
		a.Published, a.Language, a.Body, fingerprint, a.Illustrative).Scan(&a.ID, &a.CreatedAt)
	if isUniqueViolation(err) {
		return a, errTextInEvent
	}
	if err != nil {
		return a, fmt.Errorf("add article to event %d: %w", a.EventID, err)
	}
	return a, nil
}

// textInEvent tells whether an article other than id has the text of
// that fingerprint in the event.
func textInEvent(ctx context.Context, tx pgx.Tx, eventID int64, fingerprint string, id int64) (bool, error) {
	var taken bool
	if err := tx.QueryRow(ctx, textInEventSQL, eventID, fingerprint, id).Scan(&taken); err != nil {
		return false, fmt.Errorf("look for the text in event %d: %w", eventID, err)
	}
	return taken, nil
}

// checkEventExists reports a missing event as ENotFound about field.
func checkEventExists(ctx context.Context, tx pgx.Tx, eventID int64, field string) error {
	var one int
	err := tx.QueryRow(ctx, eventExistsSQL, eventID).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		e := framing.Errorf(framing.ENotFound, "There is no event %d.", eventID)
		if field != "" {
			e = framing.FieldErrorf(framing.ENotFound, field, "There is no event %d.", eventID)
		}
		return e
	}
	if err != nil {
		return fmt.Errorf("find event %d: %w", eventID, err)
	}
	return nil
}
