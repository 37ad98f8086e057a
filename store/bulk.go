package store

import (
	"context"
	"database/sql"
	"iter"

	"framelens/framing"
	"framelens/store/storeutil"
)

// ImportArticles stores the good lines of a bulk import in the event and
// reports the others with their line numbers, each line in its own short
// transaction, so a long import does not hold the database's write lock
// between lines (storeutil.ImportArticles tells the rest). An event that
// does not exist is a framing ENotFound error before any line is read.
//
// Analyses of the new articles are not computed here: comparisons analyse
// what is not kept yet, and the analysis service's Refresh (run at every
// start) keeps them.
func (s *Store) ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
	progress func(framing.ImportProgress)) (framing.ImportReport, error) {
	if _, err := s.Event(ctx, eventID); err != nil {
		return framing.ImportReport{}, err
	}
	return storeutil.ImportArticles(ctx, eventID, lines, progress, storeutil.Import{
		Add: func(ctx context.Context, in framing.ArticleInput) (a framing.Article, err error) {
			err = s.inTx(ctx, func(tx *sql.Tx) error {
				a, err = insertArticle(ctx, tx, eventID, in)
				return err
			})
			return a, err
		},
		Unwritable: s.unwritableNames,
	})
}
