package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"framelens/framing"
	"framelens/framing/textstat"
)

type background struct {
	version int64
	counts  *textstat.Background
}

// Background returns the word frequencies of every stored text, counted
// again only when a text was added, changed or removed since.
func (s *Service) Background(ctx context.Context) (*textstat.Background, error) {
	cs := s.store
	v, err := cs.CorpusVersion(ctx)
	if err != nil {
		return nil, err
	}
	if b := s.bg.Load(); b != nil && b.version == v {
		return b.counts, nil
	}
	s.bgMu.Lock()
	defer s.bgMu.Unlock()
	if b := s.bg.Load(); b != nil && b.version == v {
		return b.counts, nil
	}
	counts := textstat.NewBackground()
	if err := cs.EachArticle(ctx, "", func(a framing.Article) error {
		counts.Add(a.Body)
		return ctx.Err()
	}); err != nil {
		return nil, fmt.Errorf("count every stored text: %w", err)
	}
	s.bg.Store(&background{version: v, counts: counts})
	return counts, nil
}

// KeptDistinctive is how many of an article's distinctive words are kept
// (past a z of 0): the most a list shows.
const KeptDistinctive = 100

// Distinctive ranks the words one article of an event uses more than the
// event's other articles, with every stored text as the prior, those past
// minZ only (see textstat.DistinctiveTerms). Each article's list is
// computed once per event revision, lexicon version and corpus version,
// and kept; computing it is heavy work (see Heavy).
func (s *Service) Distinctive(ctx context.Context, ev framing.Event, articles []framing.Article, focusID int64, minZ float64, limit int) ([]textstat.Distinctive, error) {
	if !slices.ContainsFunc(articles, func(a framing.Article) bool { return a.ID == focusID }) {
		return nil, framing.FieldErrorf(framing.ENotFound, "article", "Article %d is not part of this event.", focusID)
	}
	_, lexicons, err := s.Matcher(ctx)
	if err != nil {
		return nil, err
	}
	corpus, err := s.store.CorpusVersion(ctx)
	if err != nil {
		return nil, err
	}
	kind, version := fmt.Sprintf("distinctive:%d", focusID), fmt.Sprintf("%d|%s|%d", ev.Revision, lexicons, corpus)
	var words []textstat.Distinctive
	data, ok, err := s.store.EventResult(ctx, ev.ID, kind, version)
	switch {
	case err != nil:
		return nil, err
	case ok:
		if err := json.Unmarshal(data, &words); err != nil {
			return nil, fmt.Errorf("decode distinctive words of article %d: %w", focusID, err)
		}
	default:
		if err := s.Heavy(func() error {
			words, err = s.distinctive(ctx, articles, focusID)
			return err
		}); err != nil {
			return nil, err
		}
		if data, err := json.Marshal(words); err != nil {
			return nil, fmt.Errorf("encode distinctive words of article %d: %w", focusID, err)
		} else if err := s.store.SaveEventResult(ctx, ev.ID, kind, version, data); err != nil {
			s.log.Warn("keep distinctive words", "article", focusID, "err", err) // only saves work next time
		}
	}
	n := 0
	for _, w := range words {
		if w.Z > minZ && n < limit {
			words[n] = w
			n++
		}
	}
	return words[:n], nil
}

// distinctive computes the kept list of an article's distinctive words.
func (s *Service) distinctive(ctx context.Context, articles []framing.Article, focusID int64) ([]textstat.Distinctive, error) {
	focus, others := textstat.NewTermCounts(), textstat.NewTermCounts()
	for i, a := range articles {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if a.ID == focusID {
			focus.Add(a.Body)
		} else {
			others.Add(a.Body)
		}
	}
	bg, err := s.Background(ctx)
	if err != nil {
		return nil, err
	}
	return s.inLexicon(ctx, textstat.DistinctiveTerms(focus, others, bg, textstat.PriorWeight(bg.Words, bg.Texts), 0, KeptDistinctive))
}

// OutletDistinctive ranks the words an outlet uses, across all its stored
// articles, more than every other stored text does.
func (s *Service) OutletDistinctive(ctx context.Context, outlet string, minZ float64, limit int) ([]textstat.Distinctive, int, error) {
	cs := s.store
	focus := textstat.NewTermCounts()
	n := 0
	if err := cs.EachArticle(ctx, outlet, func(a framing.Article) error {
		focus.Add(a.Body)
		n++
		return ctx.Err()
	}); err != nil {
		return nil, 0, fmt.Errorf("count the texts of %s: %w", outlet, err)
	}
	if n == 0 {
		return nil, 0, framing.FieldErrorf(framing.ENotFound, "outlet", "No stored article is from “%s”.", outlet)
	}
	bg, err := s.Background(ctx)
	if err != nil {
		return nil, 0, err
	}
	words, err := s.inLexicon(ctx, textstat.DistinctiveTerms(focus, bg.Without(focus), bg, textstat.PriorWeight(bg.Words, bg.Texts), minZ, limit))
	return words, n, err
}

// inLexicon marks the words a lexicon term already finds whole.
func (s *Service) inLexicon(ctx context.Context, list []textstat.Distinctive) ([]textstat.Distinctive, error) {
	m, _, err := s.Matcher(ctx)
	if err != nil {
		return nil, err
	}
	for i, d := range list {
		for _, match := range m.Analyze(d.Term).Matches {
			if match.Start == 0 && match.End == len(d.Term) {
				list[i].InLexicon = true
			}
		}
	}
	return list, nil
}
