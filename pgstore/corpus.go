package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// CorpusVersion grows whenever a stored text is added, changed or
// removed (triggers keep it, see migration 00002).
func (s *Store) CorpusVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, `SELECT version FROM corpus_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read corpus version: %w", err)
	}
	return v, nil
}

const allArticlesSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE $1 = '' OR o.name_key = $1
ORDER BY a.id`

// EachArticle calls fn with every stored article, or every article of one
// outlet when outlet is not "", one at a time, so that all of them never
// need to be in memory at once: rows come from the server as fn takes
// them.
func (s *Store) EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error {
	key := ""
	if outlet != "" {
		key = framing.OutletKey(outlet)
	}
	var stopped error // fn's own error, returned as it is
	err := s.query(ctx, allArticlesSQL, func(rows pgx.Rows) error {
		a, err := storeutil.ScanArticle(rows)
		if err != nil {
			return err
		}
		stopped = fn(a)
		return stopped
	}, key)
	if stopped != nil {
		return stopped
	}
	if err != nil {
		return fmt.Errorf("read all articles: %w", err)
	}
	return nil
}
