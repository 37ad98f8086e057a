package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

const eventArticlesSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE a.event_id = ?
ORDER BY a.id`

// Articles returns the articles of an event in the order they were added.
func (s *Store) Articles(ctx context.Context, eventID int64) ([]framing.Article, error) {
	rows, err := s.db.QueryContext(ctx, eventArticlesSQL, eventID)
	if err != nil {
		return nil, fmt.Errorf("list articles of event %d: %w", eventID, err)
	}
	defer rows.Close()
	var list []framing.Article
	for rows.Next() {
		a, err := storeutil.ScanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles of event %d: %w", eventID, err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles of event %d: %w", eventID, err)
	}
	return list, nil
}

const (
	eventExistsSQL   = `SELECT 1 FROM events WHERE id = ?`
	countArticlesSQL = `SELECT count(*) FROM articles WHERE event_id = ?`
	insertArticleSQL = `
INSERT INTO articles (event_id, outlet_id, headline, byline, url, published, language, body, fingerprint, illustrative)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		a, err = insertArticle(ctx, tx, eventID, in)
		return err
	})
	return a, err
}

// insertArticle stores a normalized input as a new article of the event.
func insertArticle(ctx context.Context, tx *sql.Tx, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	a := in.Article(eventID)
	if err := checkEventExists(ctx, tx, eventID, ""); err != nil {
		return a, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, countArticlesSQL, eventID).Scan(&n); err != nil {
		return a, fmt.Errorf("count articles of event %d: %w", eventID, err)
	}
	if n >= framing.MaxArticlesPerEvent {
		return a, framing.ErrEventFull()
	}
	outletID, err := upsertOutlet(ctx, tx, in)
	if err != nil {
		return a, err
	}
	err = tx.QueryRowContext(ctx, insertArticleSQL, a.EventID, outletID, a.Headline, a.Byline, a.URL,
		a.Published, a.Language, a.Body, framing.Fingerprint(a.Body), a.Illustrative).Scan(&a.ID, &a.CreatedAt)
	if isUniqueViolation(err) {
		return a, framing.FieldErrorf(framing.EConflict, "body", "This text is already in the event; an article is added once.")
	}
	if err != nil {
		return a, fmt.Errorf("add article to event %d: %w", a.EventID, err)
	}
	return a, nil
}

// checkEventExists reports a missing event as ENotFound about field.
func checkEventExists(ctx context.Context, tx *sql.Tx, eventID int64, field string) error {
	var one int
	err := tx.QueryRowContext(ctx, eventExistsSQL, eventID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
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
