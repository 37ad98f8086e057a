package store

import (
	"context"
	"fmt"

	"framelens/framing"
	"framelens/store/storeutil"
)

// CorpusVersion grows whenever a stored text is added, changed or
// removed (triggers keep it, see migration 00004).
func (s *Store) CorpusVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT version FROM corpus_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read corpus version: %w", err)
	}
	return v, nil
}

const allArticlesSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE ? = '' OR o.name_key = ?
ORDER BY a.id`

// EachArticle calls fn with every stored article, or every article of one
// outlet when outlet is not "", one at a time, so that all of them never
// need to be in memory at once.
func (s *Store) EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error {
	key := ""
	if outlet != "" {
		key = framing.OutletKey(outlet)
	}
	rows, err := s.db.QueryContext(ctx, allArticlesSQL, key, key)
	if err != nil {
		return fmt.Errorf("read all articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := storeutil.ScanArticle(rows)
		if err != nil {
			return fmt.Errorf("read all articles: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read all articles: %w", err)
	}
	return nil
}
