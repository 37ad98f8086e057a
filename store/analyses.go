package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"framelens/framing"
	"framelens/store/codec"
	"framelens/store/storeutil"
)

const (
	analysesSQL = `
SELECT article_id, matches FROM article_analyses
WHERE lexicon_key = ? AND article_id IN (SELECT value FROM json_each(?))`
	// The analysis is kept only while the article still has the text it
	// was made from: a page that read the article before an edit must not
	// store offsets into the old text after the edit dropped its analyses.
	saveAnalysisSQL = `
INSERT INTO article_analyses (article_id, lexicon_key, matches)
SELECT id, ?, ? FROM articles WHERE id = ? AND body = ?
ON CONFLICT (article_id, lexicon_key) DO UPDATE SET matches = excluded.matches`
	pruneAnalysesSQL = `DELETE FROM article_analyses WHERE article_id = ? AND lexicon_key <> ?`
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
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("encode article ids: %w", err)
	}
	out := map[int64][]framing.Match{}
	err = s.query(ctx, analysesSQL, func(rows *sql.Rows) error {
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
	}, lexiconKey, string(list))
	if err != nil {
		return nil, fmt.Errorf("load analyses: %w", err)
	}
	return out, nil
}

// SaveAnalyses keeps analyses, in one transaction, and drops each
// article's analyses under other keys. Nothing is kept for an article
// whose stored text is no longer the one analysed. A caller with many
// analyses passes them a few hundred at a time: one transaction for each
// article costs a sync of the journal each, one for all holds the write
// lock for long.
func (s *Store) SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error {
	if len(list) == 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		saveStmt, err := tx.PrepareContext(ctx, saveAnalysisSQL)
		if err != nil {
			return fmt.Errorf("prepare to save analyses: %w", err)
		}
		defer saveStmt.Close()
		pruneStmt, err := tx.PrepareContext(ctx, pruneAnalysesSQL)
		if err != nil {
			return fmt.Errorf("prepare to prune analyses: %w", err)
		}
		defer pruneStmt.Close()
		var buf []byte
		for _, k := range list {
			buf = codec.EncodeMatches(buf[:0], k.Matches)
			res, err := saveStmt.ExecContext(ctx, k.Key, buf, k.Article.ID, k.Article.Body)
			if err != nil {
				return fmt.Errorf("save analysis of article %d: %w", k.Article.ID, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("save analysis of article %d: %w", k.Article.ID, err)
			}
			if n == 0 {
				continue // the text changed or the article is gone: nothing to keep
			}
			if _, err := pruneStmt.ExecContext(ctx, k.Article.ID, k.Key); err != nil {
				return fmt.Errorf("prune analyses of article %d: %w", k.Article.ID, err)
			}
		}
		return nil
	})
}

const articlesWithoutAnalysisSQL = `
SELECT ` + storeutil.ArticleColumns + `
FROM articles a JOIN outlets o ON o.id = a.outlet_id
WHERE NOT EXISTS (SELECT 1 FROM article_analyses x WHERE x.article_id = a.id
                  AND (x.lexicon_key = ?1 OR substr(x.lexicon_key, 1, length(?1) + 1) = ?1 || '|'))
ORDER BY a.id LIMIT ?2`

// ArticlesWithoutAnalysis returns up to limit articles that have no
// analysis kept for the lexicon key: under the key itself, or under the
// key with the topics of the article's event ("1:3,2:1|russia-ukraine").
func (s *Store) ArticlesWithoutAnalysis(ctx context.Context, lexiconKey string, limit int) ([]framing.Article, error) {
	var list []framing.Article
	err := s.query(ctx, articlesWithoutAnalysisSQL, func(rows *sql.Rows) error {
		a, err := storeutil.ScanArticle(rows)
		list = append(list, a)
		return err
	}, lexiconKey, limit)
	if err != nil {
		return nil, fmt.Errorf("list articles to analyse: %w", err)
	}
	return list, nil
}
