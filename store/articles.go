package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"framelens/framing"
)

const articleColumns = `a.id, a.event_id, o.name, a.headline, a.byline, a.url, a.published, a.language, a.body, a.illustrative, a.created_at`

// scanArticle reads the columns of articleColumns.
func scanArticle(rows *sql.Rows) (framing.Article, error) {
	var a framing.Article
	err := rows.Scan(&a.ID, &a.EventID, &a.Outlet, &a.Headline, &a.Byline, &a.URL,
		&a.Published, &a.Language, &a.Body, &a.Illustrative, &a.CreatedAt)
	return a, err
}

const eventArticlesSQL = `
SELECT ` + articleColumns + `
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
		a, err := scanArticle(rows)
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
	eventExistsSQL = `SELECT 1 FROM events WHERE id = ?`
	// The no-op update makes RETURNING give the id of an existing outlet too.
	upsertOutletSQL = `
INSERT INTO outlets (name, name_key, language) VALUES (?, ?, ?)
ON CONFLICT (name_key) DO UPDATE SET name_key = excluded.name_key
RETURNING id`
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
	a := in.Article(eventID)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return insertArticle(ctx, tx, &a)
	})
	return a, err
}

func insertArticle(ctx context.Context, tx *sql.Tx, a *framing.Article) error {
	var one int
	err := tx.QueryRowContext(ctx, eventExistsSQL, a.EventID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return framing.Errorf(framing.ENotFound, "There is no event %d.", a.EventID)
	}
	if err != nil {
		return fmt.Errorf("add article to event %d: %w", a.EventID, err)
	}
	var outletID int64
	if err := tx.QueryRowContext(ctx, upsertOutletSQL, a.Outlet, framing.OutletKey(a.Outlet), a.Language).Scan(&outletID); err != nil {
		return fmt.Errorf("remember outlet %q: %w", a.Outlet, err)
	}
	err = tx.QueryRowContext(ctx, insertArticleSQL, a.EventID, outletID, a.Headline, a.Byline, a.URL,
		a.Published, a.Language, a.Body, framing.Fingerprint(a.Body), a.Illustrative).Scan(&a.ID, &a.CreatedAt)
	if isUniqueViolation(err) {
		return framing.FieldErrorf(framing.EConflict, "body", "This text is already in the event; an article is added once.")
	}
	if err != nil {
		return fmt.Errorf("add article to event %d: %w", a.EventID, err)
	}
	return nil
}

const outletsSQL = `SELECT id, name, country, language, url FROM outlets ORDER BY name_key`

// Outlets returns every remembered outlet by name.
func (s *Store) Outlets(ctx context.Context) ([]framing.Outlet, error) {
	rows, err := s.db.QueryContext(ctx, outletsSQL)
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	defer rows.Close()
	var list []framing.Outlet
	for rows.Next() {
		var o framing.Outlet
		if err := rows.Scan(&o.ID, &o.Name, &o.Country, &o.Language, &o.URL); err != nil {
			return nil, fmt.Errorf("list outlets: %w", err)
		}
		list = append(list, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return list, nil
}
