package pgstore

import (
	"context"
	"iter"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// ImportArticles stores the good lines of a bulk import in the event and
// reports the others with their line numbers, each line in its own short
// transaction, article and outlet together (storeutil.ImportArticles
// tells the rest). An event that does not exist is ENotFound before any
// line is read.
func (s *Store) ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
	progress func(framing.ImportProgress)) (framing.ImportReport, error) {
	if _, err := s.Event(ctx, eventID); err != nil {
		return framing.ImportReport{}, err
	}
	return storeutil.ImportArticles(ctx, eventID, lines, progress, storeutil.Import{
		Add: func(ctx context.Context, in framing.ArticleInput) (a framing.Article, err error) {
			err = s.inTx(ctx, func(tx pgx.Tx) error {
				a, err = insertArticle(ctx, tx, eventID, in)
				return err
			})
			return a, err
		},
	})
}
