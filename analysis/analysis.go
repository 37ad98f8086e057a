// Package analysis keeps a compiled matcher in step with the stored
// lexicons and keeps the analyses of stored articles, so that a page never
// compiles a lexicon or analyses an unchanged text twice. It joins the
// store and framing; it knows neither HTTP nor SQL.
package analysis

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"framelens/framing"
)

// Store is what the service needs from storage.
type Store interface {
	LexiconKey(ctx context.Context) (string, error)
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
	Analyses(ctx context.Context, lexiconKey string, articleIDs []int64) (map[int64][]framing.Match, error)
	SaveAnalysis(ctx context.Context, lexiconKey string, a framing.Article, matches []framing.Match) error
	ArticlesWithoutAnalysis(ctx context.Context, lexiconKey string, limit int) ([]framing.Article, error)

	// CorpusVersion grows whenever a stored text is added, changed or removed.
	CorpusVersion(ctx context.Context) (int64, error)
	// EachArticle calls fn with every stored article, or with those of one
	// outlet when outlet is not "".
	EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error
}

// Service hands out the current matcher and the analyses of articles.
type Service struct {
	store   Store
	log     *slog.Logger
	current atomic.Pointer[compiled]
	compile sync.Mutex // one compilation at a time

	// The background of distinctive wording, kept per corpus version.
	bg   atomic.Pointer[background]
	bgMu sync.Mutex

	// The background re-analysis: one worker, woken by kick, stopped by
	// Close.
	kick    chan struct{}
	start   sync.Once
	stop    context.CancelFunc
	stopCtx context.Context
	done    chan struct{}
}

type compiled struct {
	key     string
	matcher *framing.Matcher
}

// New returns a service over store; log receives background failures.
func New(store Store, log *slog.Logger) *Service {
	ctx, cancel := context.WithCancel(context.Background())
	return &Service{store: store, log: log, kick: make(chan struct{}, 1), stopCtx: ctx, stop: cancel, done: make(chan struct{})}
}

// Refresh asks for the kept analyses to be brought up to date with the
// lexicons, in the background: the caller (a request that edited a
// lexicon) does not wait. Requests made meanwhile still get correct
// comparisons; they analyse what is not kept yet themselves.
func (s *Service) Refresh() {
	s.start.Do(func() { go s.worker() })
	select {
	case s.kick <- struct{}{}:
	default: // a refresh is already pending; it will see this change too
	}
}

func (s *Service) worker() {
	defer close(s.done)
	for {
		select {
		case <-s.stopCtx.Done():
			return
		case <-s.kick:
			if err := s.Reanalyze(s.stopCtx); err != nil && s.stopCtx.Err() == nil {
				s.log.Error("re-analyse articles", "err", err)
			}
		}
	}
}

// Close stops the background worker and waits for it.
func (s *Service) Close() {
	s.stop()
	s.start.Do(func() { close(s.done) }) // never started: nothing to wait for
	<-s.done
}

// reanalyzeBatch is how many articles one step loads, so a large archive
// is re-analysed without holding it all in memory.
const reanalyzeBatch = 50

// Reanalyze analyses every stored article that has no analysis kept for
// the current lexicons, and keeps the results.
func (s *Service) Reanalyze(ctx context.Context) error {
	m, key, err := s.Matcher(ctx)
	if err != nil {
		return err
	}
	for {
		articles, err := s.store.ArticlesWithoutAnalysis(ctx, key, reanalyzeBatch)
		if err != nil {
			return err
		}
		if len(articles) == 0 {
			return nil
		}
		for _, a := range articles {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.store.SaveAnalysis(ctx, key, a, m.Analyze(a.Body).Matches); err != nil {
				return err
			}
		}
	}
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
			// A kept analysis only saves work: a database that is full or
			// read-only must not stop a page that can be computed.
			if err := s.store.SaveAnalysis(ctx, key, a, matches); err != nil {
				s.log.Warn("keep an analysis", "article", a.ID, "err", err)
			}
		}
		input[i] = framing.ArticleMatches{Article: a, Matches: matches}
	}
	return m, framing.Compare(m, input), nil
}
