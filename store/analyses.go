package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"framelens/framing"
)

// storedMatch is a match as kept in article_analyses: short keys, since an
// article can have hundreds.
type storedMatch struct {
	Start    int           `json:"s"`
	End      int           `json:"e"`
	Surface  string        `json:"x"`
	Lexicon  int           `json:"l"`
	Concept  int           `json:"c"`
	Term     int           `json:"t"`
	Voice    framing.Voice `json:"v"`
	Sentence int           `json:"n"`
}

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
// key; articles without one are absent from the map.
func (s *Store) Analyses(ctx context.Context, lexiconKey string, articleIDs []int64) (map[int64][]framing.Match, error) {
	ids, err := json.Marshal(articleIDs)
	if err != nil {
		return nil, fmt.Errorf("encode article ids: %w", err)
	}
	out := map[int64][]framing.Match{}
	err = s.query(ctx, analysesSQL, func(rows *sql.Rows) error {
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			return err
		}
		var stored []storedMatch
		if err := json.Unmarshal([]byte(data), &stored); err != nil {
			return fmt.Errorf("decode analysis of article %d: %w", id, err)
		}
		matches := make([]framing.Match, len(stored))
		for i, m := range stored {
			matches[i] = framing.Match{
				Span: framing.Span{Start: m.Start, End: m.End}, Surface: m.Surface,
				Ref:   framing.TermRef{Lexicon: m.Lexicon, Concept: m.Concept, Term: m.Term},
				Voice: m.Voice, Sentence: m.Sentence,
			}
		}
		out[id] = matches
		return nil
	}, lexiconKey, string(ids))
	if err != nil {
		return nil, fmt.Errorf("load analyses: %w", err)
	}
	return out, nil
}

// SaveAnalysis keeps the analysis of article a's body under a lexicon key
// and drops its analyses under older keys. Nothing is kept when the stored
// article's body is no longer a.Body.
func (s *Store) SaveAnalysis(ctx context.Context, lexiconKey string, a framing.Article, matches []framing.Match) error {
	articleID := a.ID
	stored := make([]storedMatch, len(matches))
	for i, m := range matches {
		stored[i] = storedMatch{Start: m.Start, End: m.End, Surface: m.Surface, Lexicon: m.Ref.Lexicon,
			Concept: m.Ref.Concept, Term: m.Ref.Term, Voice: m.Voice, Sentence: m.Sentence}
	}
	data, err := json.Marshal(stored)
	if err != nil {
		return fmt.Errorf("encode analysis of article %d: %w", articleID, err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, saveAnalysisSQL, lexiconKey, string(data), articleID, a.Body)
		if err != nil {
			return fmt.Errorf("save analysis of article %d: %w", articleID, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("save analysis of article %d: %w", articleID, err)
		}
		if n == 0 {
			return nil // the text changed or the article is gone: nothing to keep
		}
		if _, err := tx.ExecContext(ctx, pruneAnalysesSQL, articleID, lexiconKey); err != nil {
			return fmt.Errorf("prune analyses of article %d: %w", articleID, err)
		}
		return nil
	})
}

const articlesWithoutAnalysisSQL = `
SELECT ` + articleColumns + `
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
		a, err := scanArticle(rows)
		list = append(list, a)
		return err
	}, lexiconKey, limit)
	if err != nil {
		return nil, fmt.Errorf("list articles to analyse: %w", err)
	}
	return list, nil
}
