package analysis

import (
	"context"
	"fmt"

	"framelens/framing"
)

type background struct {
	version int64
	counts  *framing.Background
}

// Background returns the word frequencies of every stored text, counted
// again only when a text was added, changed or removed since.
func (s *Service) Background(ctx context.Context) (*framing.Background, error) {
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
	counts := framing.NewBackground()
	if err := cs.EachArticle(ctx, "", func(a framing.Article) error {
		counts.Add(a.Body)
		return ctx.Err()
	}); err != nil {
		return nil, fmt.Errorf("count every stored text: %w", err)
	}
	s.bg.Store(&background{version: v, counts: counts})
	return counts, nil
}

// Distinctive ranks the words one article of an event uses more than the
// event's other articles, with every stored text as the prior, those past
// minZ only (see framing.DistinctiveTerms).
func (s *Service) Distinctive(ctx context.Context, articles []framing.Article, focusID int64, minZ float64, limit int) ([]framing.Distinctive, error) {
	focus, others := framing.NewTermCounts(), framing.NewTermCounts()
	found := false
	for _, a := range articles {
		if a.ID == focusID {
			focus.Add(a.Body)
			found = true
		} else {
			others.Add(a.Body)
		}
	}
	if !found {
		return nil, framing.FieldErrorf(framing.ENotFound, "article", "Article %d is not part of this event.", focusID)
	}
	bg, err := s.Background(ctx)
	if err != nil {
		return nil, err
	}
	return s.inLexicon(ctx, framing.DistinctiveTerms(focus, others, bg, framing.PriorWeight(bg.Words, bg.Texts), minZ, limit))
}

// OutletDistinctive ranks the words an outlet uses, across all its stored
// articles, more than every other stored text does.
func (s *Service) OutletDistinctive(ctx context.Context, outlet string, minZ float64, limit int) ([]framing.Distinctive, int, error) {
	cs := s.store
	focus := framing.NewTermCounts()
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
	words, err := s.inLexicon(ctx, framing.DistinctiveTerms(focus, bg.Without(focus), bg, framing.PriorWeight(bg.Words, bg.Texts), minZ, limit))
	return words, n, err
}

// inLexicon marks the words a lexicon term already finds whole.
func (s *Service) inLexicon(ctx context.Context, list []framing.Distinctive) ([]framing.Distinctive, error) {
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

// Alignments pairs the sentences of an event's articles that report the
// same fact, with the lexicon's terms marked in their differences.
func (s *Service) Alignments(ctx context.Context, articles []framing.Article) (*framing.Matcher, []framing.AlignedPair, error) {
	m, cmp, err := s.Compare(ctx, articles)
	if err != nil {
		return nil, nil, err
	}
	texts := make([]framing.AlignText, len(articles))
	for i, a := range articles {
		texts[i] = framing.AlignText{ID: a.ID, Text: a.Body, Matches: cmp.Matches[i]}
	}
	return m, framing.Align(texts, framing.AlignThreshold), nil
}
