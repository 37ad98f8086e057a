package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/codec"
	"framelens/store/storeutil"
)

const (
	analysesSQL = `
SELECT article_id, matches FROM article_analyses
WHERE lexicon_key = $1 AND article_id = ANY($2)`
	// The analysis is kept only while the article still has the text it
	// was made from: a page that read the article before an edit must not
	// store offsets into the old text after the edit dropped its analyses.
	// The article's analyses under other keys go in the same statement
	// (it sees the table as it was before, so the new row stays).
	saveAnalysisSQL = `
WITH saved AS (
    INSERT INTO article_analyses (article_id, lexicon_key, matches)
    SELECT id, $1, $2 FROM articles WHERE id = $3 AND body = $4
    ON CONFLICT (article_id, lexicon_key) DO UPDATE SET matches = excluded.matches
    RETURNING article_id
)
DELETE FROM article_analyses x USING saved
WHERE x.article_id = saved.article_id AND x.lexicon_key <> $1`
)

// Analyses returns the kept analyses of the given articles under a lexicon
// key, their surfaces cut from the articles' texts; articles without one
// are absent from the map.
func (s *Store) Analyses(ctx context.Context, lexiconKey string, articles []framing.Article) (map[int64][]framing.Match, error) {
	body := make(map[int64]string, len(articles))
	ids := make([]int64, len(articles))
	for i, a := range articles {
		body[a.ID], ids[i] = a.Body, a.ID
	}
	out := map[int64][]framing.Match{}
	err := s.query(ctx, analysesSQL, func(rows pgx.Rows) error {
		var id int64
		var data []byte
		if err := rows.Scan(&id, &data); err != nil {
			return err
		}
		matches, err := codec.DecodeMatches(data, body[id])
		if err != nil {
			return fmt.Errorf("decode analysis of article %d: %w", id, err)
		}
		out[id] = matches
		return nil
	}, lexiconKey, ids)
	if err != nil {
		return nil, fmt.Errorf("load analyses: %w", err)
	}
	return out, nil
}

// SaveAnalyses keeps analyses, in one transaction, and drops each
// article's analyses under other keys. Nothing is kept for an article
// whose stored text is no longer the one analysed. The statements go to
// the server in one batch: one round trip for a few hundred analyses.
func (s *Store) SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error {
	if len(list) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var batch pgx.Batch
		for _, k := range list {
			batch.Queue(saveAnalysisSQL, k.Key, codec.EncodeMatches(nil, k.Matches), k.Article.ID, k.Article.Body)
		}
		results := tx.SendBatch(ctx, &batch)
		for _, k := range list {
			if _, err := results.Exec(); err != nil {
				results.Close()
				return fmt.Errorf("save analysis of article %d: %w", k.Article.ID, err)
			}
		}
		return results.Close()
	})
}

const articlesWithoutAnalysisSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE NOT EXISTS (SELECT 1 FROM article_analyses x WHERE x.article_id = a.id
                  AND (x.lexicon_key = $1 OR starts_with(x.lexicon_key, $1 || '|')))
ORDER BY a.id LIMIT $2`

// ArticlesWithoutAnalysis returns up to limit articles that have no
// analysis kept for the lexicon key: under the key itself, or under the
// key with the topics of the article's event ("1:3,2:1|russia-ukraine").
func (s *Store) ArticlesWithoutAnalysis(ctx context.Context, lexiconKey string, limit int) ([]framing.Article, error) {
	list, err := s.articles(ctx, articlesWithoutAnalysisSQL, lexiconKey, limit)
	if err != nil {
		return nil, fmt.Errorf("list articles to analyse: %w", err)
	}
	return list, nil
}
