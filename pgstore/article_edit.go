package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

const articleSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE a.id = $1`

// Article returns one article, or a framing ENotFound error.
func (s *Store) Article(ctx context.Context, id int64) (framing.Article, error) {
	a, err := storeutil.ScanArticle(s.pool.QueryRow(ctx, articleSQL, id))
	if errors.Is(err, pgx.ErrNoRows) {
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
	articleEventSQL  = `SELECT event_id FROM articles WHERE id = $1`
	updateArticleSQL = `
UPDATE articles SET event_id = $1, outlet_id = $2, headline = $3, byline = $4, url = $5, published = $6,
    language = $7, body = $8, fingerprint = $9, illustrative = $10
WHERE id = $11
RETURNING created_at`
	// An analysis holds byte offsets into the text it was made from, so an
	// edited article must be analysed afresh.
	dropAnalysesSQL = `DELETE FROM article_analyses WHERE article_id = $1`
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockArticles(ctx, tx); err != nil {
			return err
		}
		var current int64
		err := tx.QueryRow(ctx, articleEventSQL, id).Scan(&current)
		if errors.Is(err, pgx.ErrNoRows) {
			return articleNotFound(id)
		}
		if err != nil {
			return fmt.Errorf("find article %d: %w", id, err)
		}
		target := eventID
		if target == 0 {
			target = current
		}
		moving := target != current
		if moving {
			if err := checkEventExists(ctx, tx, target, "event_id"); err != nil {
				return err
			}
		}
		fingerprint := framing.Fingerprint(in.Body)
		taken, err := textInEvent(ctx, tx, target, fingerprint, id)
		switch {
		case err != nil:
			return err
		case taken && moving:
			return framing.FieldErrorf(framing.EConflict, "event_id",
				"The event you chose already has this text; an article is in an event once. Choose another event or change the text.")
		case taken:
			return framing.FieldErrorf(framing.EConflict, "body", "Another article in this event already has this text.")
		}
		outletID, err := upsertOutlet(ctx, tx, in)
		if err != nil {
			return err
		}
		a = in.Article(target)
		a.ID = id
		err = tx.QueryRow(ctx, updateArticleSQL, target, outletID, a.Headline, a.Byline, a.URL, a.Published,
			a.Language, a.Body, fingerprint, a.Illustrative, id).Scan(&a.CreatedAt)
		if err != nil {
			return fmt.Errorf("update article %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, dropAnalysesSQL, id); err != nil {
			return fmt.Errorf("drop analyses of article %d: %w", id, err)
		}
		return nil
	})
	if err != nil {
		return framing.Article{}, err
	}
	return a, nil
}

const deleteArticleSQL = `DELETE FROM articles WHERE id = $1`

// DeleteArticle removes an article and, through the schema, its kept
// analyses. Its outlet stays remembered.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockArticles(ctx, tx); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, deleteArticleSQL, id)
		if err != nil {
			return fmt.Errorf("delete article %d: %w", id, err)
		}
		if tag.RowsAffected() == 0 {
			return articleNotFound(id)
		}
		return nil
	})
	return err
}
