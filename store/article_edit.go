package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

const articleSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE a.id = ?`

// Article returns one article, or a framing ENotFound error.
func (s *Store) Article(ctx context.Context, id int64) (framing.Article, error) {
	a, err := storeutil.ScanArticle(s.db.QueryRowContext(ctx, articleSQL, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, articleNotFound(id)
	}
	if err != nil {
		return a, fmt.Errorf("load article %d: %w", id, err)
	}
	return a, nil
}

func articleNotFound(id int64) error {
	return framing.Errorf(framing.ENotFound, "There is no article %d.", id)
}

const (
	articleEventSQL  = `SELECT event_id FROM articles WHERE id = ?`
	updateArticleSQL = `
UPDATE articles SET event_id = ?, outlet_id = ?, headline = ?, byline = ?, url = ?, published = ?,
    language = ?, body = ?, fingerprint = ?, illustrative = ?
WHERE id = ?
RETURNING created_at`
	// An analysis holds byte offsets into the text it was made from, so an
	// edited article must be analysed afresh.
	dropAnalysesSQL = `DELETE FROM article_analyses WHERE article_id = ?`
)

// UpdateArticle validates in and replaces every field of the article with
// it, remembering a new outlet if one is named. A non-zero eventID moves the
// article into that event; 0 leaves it where it is. Its kept analyses are
// dropped. A text that the target event already has is refused with
// EConflict; a missing article or event with ENotFound.
func (s *Store) UpdateArticle(ctx context.Context, id, eventID int64, in framing.ArticleInput) (framing.Article, error) {
	if err := in.Normalize(); err != nil {
		return framing.Article{}, err
	}
	var a framing.Article
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var current int64
		err := tx.QueryRowContext(ctx, articleEventSQL, id).Scan(&current)
		if errors.Is(err, sql.ErrNoRows) {
			return articleNotFound(id)
		}
		if err != nil {
			return fmt.Errorf("find article %d: %w", id, err)
		}
		if eventID == 0 {
			eventID = current
		}
		moving := eventID != current
		if moving {
			if err := checkEventExists(ctx, tx, eventID, "event_id"); err != nil {
				return err
			}
		}
		outletID, err := upsertOutlet(ctx, tx, in)
		if err != nil {
			return err
		}
		a = in.Article(eventID)
		a.ID = id
		err = tx.QueryRowContext(ctx, updateArticleSQL, eventID, outletID, a.Headline, a.Byline, a.URL, a.Published,
			a.Language, a.Body, framing.Fingerprint(a.Body), a.Illustrative, id).Scan(&a.CreatedAt)
		switch {
		case isUniqueViolation(err) && moving:
			return framing.FieldErrorf(framing.EConflict, "event_id",
				"The event you chose already has this text; an article is in an event once. Choose another event or change the text.")
		case isUniqueViolation(err):
			return framing.FieldErrorf(framing.EConflict, "body", "Another article in this event already has this text.")
		case err != nil:
			return fmt.Errorf("update article %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, dropAnalysesSQL, id); err != nil {
			return fmt.Errorf("drop analyses of article %d: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return framing.Article{}, err
	}
	return a, nil
}

const deleteArticleSQL = `DELETE FROM articles WHERE id = ?`

// DeleteArticle removes an article and, through the schema, its kept
// analyses. Its outlet stays remembered.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	res, err := s.exec(ctx, deleteArticleSQL, id)
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	if n == 0 {
		return articleNotFound(id)
	}
	return nil
}
