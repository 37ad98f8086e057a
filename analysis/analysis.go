// Package analysis keeps a compiled matcher in step with the stored
// lexicons and keeps the analyses of stored articles, so that a page never
// compiles a lexicon or analyses an unchanged text twice. It joins the
// store and framing; it knows neither HTTP nor SQL.
package analysis

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"framelens/framing"
	"framelens/throttle"
)

// Store is what the service needs from storage: the lexicons, the
// events it reads and keeps topics for, what it keeps computed, and the
// whole corpus.
type Store interface {
	LexiconSource
	EventSource
	Kept
	Corpus
}

// LexiconSource gives the lexicons and the key of their versions.
type LexiconSource interface {
	// LexiconKey changes whenever any lexicon is added, edited or removed.
	LexiconKey(ctx context.Context) (string, error)
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
}

// EventSource walks the stored events for the background re-analysis and
// keeps the topic lexicons detected for an event.
type EventSource interface {
	ListEvents(ctx context.Context) ([]framing.EventSummary, error)
	Event(ctx context.Context, id int64) (framing.Event, error)
	Articles(ctx context.Context, eventID int64) ([]framing.Article, error)
	EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error)
	SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error
}

// Kept holds what is computed from stored texts: each article's analysis
// per lexicon key, and what is computed from a whole event (alignments,
// distinctive words) per version of its inputs.
type Kept interface {
	Analyses(ctx context.Context, lexiconKey string, articles []framing.Article) (map[int64][]framing.Match, error)
	SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error
	EventResult(ctx context.Context, eventID int64, kind, version string) ([]byte, bool, error)
	SaveEventResult(ctx context.Context, eventID int64, kind, version string, data []byte) error
}

// Corpus is every stored text, for the background counts of distinctive
// wording.
type Corpus interface {
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
	// scoped holds the matchers of the scopes in use (general lexicons
	// plus some topics), for the current lexicon key only.
	scoped   map[string]*framing.Matcher
	scopedMu sync.Mutex

	// The background of distinctive wording, kept per corpus version.
	bg   atomic.Pointer[background]
	bgMu sync.Mutex

	heavy *throttle.Gate // see Heavy

	// The background work (see jobs.go): jobs runs it, the service's own
	// runner unless UseJobs gave another; Close stops the service's own.
	jobs    Jobs
	start   sync.Once
	stop    context.CancelFunc
	stopCtx context.Context
	done    chan struct{}
}

type compiled struct {
	key       string
	lexicons  []framing.Lexicon
	matcher   *framing.Matcher
	detector  *framing.TopicDetector
	topicSlug map[string]bool
}

// New returns a service over store; log receives background failures.
func New(store Store, log *slog.Logger) *Service {
	ctx, cancel := context.WithCancel(context.Background())
	return &Service{store: store, log: log, heavy: throttle.NewGate(MaxHeavy), stopCtx: ctx, stop: cancel}
}

// Refresh asks for the kept analyses to be brought up to date with the
// lexicons, in the background: the caller (a request that edited a
// lexicon) does not wait. Requests made meanwhile still get correct
// comparisons; they analyse what is not kept yet themselves. It is one
// job per version of the lexicons and of the stored texts: asked again
// for the same versions, it is not queued twice.
func (s *Service) Refresh() {
	s.start.Do(s.startJobs)
	key, err := s.refreshKey(s.stopCtx)
	if err == nil {
		err = s.jobs.Enqueue(s.stopCtx, ReanalyzeJob, key, nil)
	}
	if err != nil && s.stopCtx.Err() == nil {
		s.log.Error("queue the re-analysis of articles", "err", err)
	}
}

// Close stops the service's own background runner and waits for it.
func (s *Service) Close() {
	s.stop()
	s.start.Do(func() {}) // never started: nothing to wait for
	if s.done != nil {
		<-s.done
	}
}

// Matcher returns the matcher of every lexicon as they are now, and the
// key of that version. It compiles only when a lexicon changed since the
// last call; concurrent callers share one compilation.
func (s *Service) Matcher(ctx context.Context) (*framing.Matcher, string, error) {
	c, err := s.compiled(ctx)
	if err != nil {
		return nil, "", err
	}
	return c.matcher, c.key, nil
}

func (s *Service) compiled(ctx context.Context) (*compiled, error) {
	key, err := s.store.LexiconKey(ctx)
	if err != nil {
		return nil, err
	}
	if c := s.current.Load(); c != nil && c.key == key {
		return c, nil
	}
	s.compile.Lock()
	defer s.compile.Unlock()
	if c := s.current.Load(); c != nil && c.key == key {
		return c, nil
	}
	lexicons, err := s.store.Lexicons(ctx)
	if err != nil {
		return nil, err
	}
	m, err := framing.Compile(lexicons)
	if err != nil {
		return nil, fmt.Errorf("compile lexicons %s: %w", key, err)
	}
	d, err := framing.NewTopicDetector(lexicons)
	if err != nil {
		return nil, fmt.Errorf("compile anchors %s: %w", key, err)
	}
	c := &compiled{key: key, lexicons: lexicons, matcher: m, detector: d, topicSlug: map[string]bool{}}
	for _, l := range lexicons {
		c.topicSlug[l.Slug] = l.IsTopic()
	}
	s.current.Store(c)
	return c, nil
}

// scopedMatcher returns the matcher of the general lexicons and the given
// topics, and the key its analyses are kept under.
func (s *Service) scopedMatcher(c *compiled, topics []string) (*framing.Matcher, string, error) {
	key := ScopeKey(c.key, topics)
	s.scopedMu.Lock()
	defer s.scopedMu.Unlock()
	if m, ok := s.scoped[key]; ok {
		return m, key, nil
	}
	m, err := framing.Compile(framing.Scoped(c.lexicons, topics))
	if err != nil {
		return nil, "", fmt.Errorf("compile lexicons %s: %w", key, err)
	}
	if s.scoped == nil || len(s.scoped) >= maxScopes {
		s.scoped = map[string]*framing.Matcher{}
	}
	for k := range s.scoped {
		if !strings.HasPrefix(k, c.key+"|") {
			delete(s.scoped, k) // compiled from lexicons since edited
		}
	}
	s.scoped[key] = m
	return m, key, nil
}

// scope is the matcher of the lexicons that apply to the event of these
// articles, and the key their analyses are kept under.
func (s *Service) scope(ctx context.Context, articles []framing.Article) (*framing.Matcher, string, error) {
	c, err := s.compiled(ctx)
	if err != nil {
		return nil, "", err
	}
	var topics []string
	if len(articles) > 0 {
		// The event's own articles, all of them, decide its topics: the
		// caller may compare some of them only.
		t, err := s.eventTopics(ctx, c, articles[0].EventID, nil)
		if err != nil {
			return nil, "", err
		}
		topics = t.Slugs
	}
	return s.scopedMatcher(c, topics)
}

// ScopeKey is the key analyses are kept under for a lexicon key and the
// topics that apply: "1:3,2:1|nagorno-karabakh".
func ScopeKey(lexiconKey string, topics []string) string {
	return lexiconKey + "|" + strings.Join(slices.Sorted(slices.Values(topics)), ",")
}

// maxScopes bounds the matchers kept: a handful of topic combinations is
// what a deployment uses; past that they are compiled again as needed.
const maxScopes = 32

// Analyze analyses a text that is not stored, with the general lexicons
// and the given topic lexicons; with topics nil, those its own anchors
// name. An unknown slug is EInvalid on "lexicons".
func (s *Service) Analyze(ctx context.Context, text string, topics []string) (*framing.Matcher, framing.Analysis, error) {
	c, err := s.compiled(ctx)
	if err != nil {
		return nil, framing.Analysis{}, err
	}
	if topics == nil {
		topics = framing.Prevailing(c.detector.Evidence(text))
	}
	var chosen []string
	for _, slug := range topics {
		isTopic, ok := c.topicSlug[slug]
		if !ok {
			return nil, framing.Analysis{}, framing.FieldErrorf(framing.EInvalid, "lexicons", "There is no lexicon %q.", slug)
		}
		if isTopic {
			chosen = append(chosen, slug)
		}
	}
	m, _, err := s.scopedMatcher(c, chosen)
	if err != nil {
		return nil, framing.Analysis{}, err
	}
	return m, m.Analyze(text), nil
}

// EventTopics returns the topic lexicons that apply to an event: those a
// person chose or, until someone does, those its texts' anchors name,
// detected again whenever its articles or the lexicons change.
func (s *Service) EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error) {
	c, err := s.compiled(ctx)
	if err != nil {
		return framing.EventTopics{}, err
	}
	return s.eventTopics(ctx, c, eventID, nil)
}

// eventTopics is EventTopics with the compiled lexicons, and the event's
// articles when the caller has them.
func (s *Service) eventTopics(ctx context.Context, c *compiled, eventID int64, articles []framing.Article) (framing.EventTopics, error) {
	t, err := s.store.EventTopics(ctx, eventID)
	if err != nil || t.Chosen {
		return t, err
	}
	// The revision is read before the texts: texts newer than the key
	// only make the next request detect again.
	ev, err := s.store.Event(ctx, eventID)
	if err != nil {
		return t, err
	}
	key := fmt.Sprintf("%s@%d", c.key, ev.Revision)
	if t.DetectedFor == key {
		return t, nil
	}
	if articles == nil {
		if articles, err = s.store.Articles(ctx, eventID); err != nil {
			return t, err
		}
	}
	texts := make([]string, 0, 2*len(articles))
	for _, a := range articles {
		texts = append(texts, a.Headline, a.Body)
	}
	t.Slugs, t.DetectedFor = framing.Prevailing(c.detector.Evidence(texts...)), key
	if err := s.store.SaveDetectedTopics(ctx, eventID, t.Slugs, key); err != nil {
		// Detection only saves work next time; the page can be drawn.
		s.log.Warn("keep an event's topics", "event", eventID, "err", err)
	}
	return t, nil
}

// Compare builds the comparison of one event's stored articles with the
// lexicons that apply to the event, analysing only those without an
// analysis kept for them and keeping the new ones.
func (s *Service) Compare(ctx context.Context, articles []framing.Article) (*framing.Matcher, framing.Comparison, error) {
	m, cmp, _, err := s.compare(ctx, articles)
	return m, cmp, err
}

// compare is Compare, with the key the analyses are kept under.
func (s *Service) compare(ctx context.Context, articles []framing.Article) (*framing.Matcher, framing.Comparison, string, error) {
	m, key, err := s.scope(ctx, articles)
	if err != nil {
		return nil, framing.Comparison{}, "", err
	}
	kept, err := s.store.Analyses(ctx, key, articles)
	if err != nil {
		return nil, framing.Comparison{}, "", err
	}
	input := make([]framing.ArticleMatches, len(articles))
	var fresh []framing.KeptAnalysis
	for i, a := range articles {
		matches, ok := kept[a.ID]
		if !ok {
			matches = m.Analyze(a.Body).Matches
			fresh = append(fresh, framing.KeptAnalysis{Key: key, Article: a, Matches: matches})
		}
		input[i] = framing.ArticleMatches{Article: a, Matches: matches}
	}
	// A kept analysis only saves work: a database that is full or
	// read-only must not stop a page that can be computed.
	for len(fresh) > 0 {
		n := min(len(fresh), saveBatch)
		if err := s.store.SaveAnalyses(ctx, fresh[:n]); err != nil {
			s.log.Warn("keep analyses", "articles", n, "err", err)
			break
		}
		fresh = fresh[n:]
	}
	return m, framing.Compare(m, input), key, nil
}
