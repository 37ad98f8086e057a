// Package analysis keeps a compiled matcher in step with the stored
// lexicons and keeps the analyses of stored articles, so that a page never
// compiles a lexicon or analyses an unchanged text twice. It joins the
// store and framing; it knows neither HTTP nor SQL.
package analysis

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"framelens/framing"
)

// Store is what the service needs from storage.
type Store interface {
	LexiconKey(ctx context.Context) (string, error)
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
	Analyses(ctx context.Context, lexiconKey string, articleIDs []int64) (map[int64][]framing.Match, error)
	SaveAnalysis(ctx context.Context, lexiconKey string, articleID int64, matches []framing.Match) error
}

// Service hands out the current matcher and the analyses of articles.
type Service struct {
	store   Store
	current atomic.Pointer[compiled]
	compile sync.Mutex // one compilation at a time
}

type compiled struct {
	key     string
	matcher *framing.Matcher
}

// New returns a service over store.
func New(store Store) *Service {
	return &Service{store: store}
}

// Matcher returns the matcher for the lexicons as they are now, and the key
// of that version. It compiles only when a lexicon changed since the last
// call; concurrent callers share one compilation.
func (s *Service) Matcher(ctx context.Context) (*framing.Matcher, string, error) {
	key, err := s.store.LexiconKey(ctx)
	if err != nil {
		return nil, "", err
	}
	if c := s.current.Load(); c != nil && c.key == key {
		return c.matcher, key, nil
	}
	s.compile.Lock()
	defer s.compile.Unlock()
	if c := s.current.Load(); c != nil && c.key == key {
		return c.matcher, key, nil
	}
	lexicons, err := s.store.Lexicons(ctx)
	if err != nil {
		return nil, "", err
	}
	m, err := framing.Compile(lexicons)
	if err != nil {
		return nil, "", fmt.Errorf("compile lexicons %s: %w", key, err)
	}
	s.current.Store(&compiled{key: key, matcher: m})
	return m, key, nil
}

// Analyze analyses a text that is not stored.
func (s *Service) Analyze(ctx context.Context, text string) (*framing.Matcher, framing.Analysis, error) {
	m, _, err := s.Matcher(ctx)
	if err != nil {
		return nil, framing.Analysis{}, err
	}
	return m, m.Analyze(text), nil
}

// Compare builds the comparison of stored articles, analysing only those
// without an analysis kept for the current lexicons and keeping the new
// ones.
func (s *Service) Compare(ctx context.Context, articles []framing.Article) (*framing.Matcher, framing.Comparison, error) {
	m, key, err := s.Matcher(ctx)
	if err != nil {
		return nil, framing.Comparison{}, err
	}
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	kept, err := s.store.Analyses(ctx, key, ids)
	if err != nil {
		return nil, framing.Comparison{}, err
	}
	input := make([]framing.ArticleMatches, len(articles))
	for i, a := range articles {
		matches, ok := kept[a.ID]
		if !ok {
			matches = m.Analyze(a.Body).Matches
			if err := s.store.SaveAnalysis(ctx, key, a.ID, matches); err != nil {
				return nil, framing.Comparison{}, err
			}
		}
		input[i] = framing.ArticleMatches{Article: a, Matches: matches}
	}
	return m, framing.Compare(m, input), nil
}
