package analysis

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"framelens/framing"
)

// Reanalyze analyses every stored article that has no analysis kept for
// the current lexicons and its event's topics, and keeps the results. The
// events are analysed by one worker per core, each holding one event's
// articles at a time, so a large archive is not held in memory at once;
// the analyses are written saveBatch at a time, by one more goroutine,
// while the next ones are made: the engine is a hundred times faster than
// a transaction per article.
func (s *Service) Reanalyze(ctx context.Context) error {
	c, err := s.compiled(ctx)
	if err != nil {
		return err
	}
	events, err := s.store.ListEvents(ctx)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	todo := make(chan int64)
	made := make(chan []framing.KeptAnalysis, runtime.GOMAXPROCS(0))
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			for id := range todo {
				list, err := s.reanalyzeEvent(ctx, c, id)
				if err != nil {
					cancel(err)
					return
				}
				select {
				case made <- list:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(made)
		defer workers.Wait()
		defer close(todo)
		for _, e := range events {
			select {
			case todo <- e.ID:
			case <-ctx.Done():
				return
			}
		}
	}()
	var batch []framing.KeptAnalysis
	for list := range made {
		batch = append(batch, list...)
		if len(batch) >= saveBatch {
			if err := s.store.SaveAnalyses(ctx, batch); err != nil {
				cancel(fmt.Errorf("keep analyses: %w", err))
			}
			batch = batch[:0]
		}
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	if err := s.store.SaveAnalyses(ctx, batch); err != nil {
		return fmt.Errorf("keep analyses: %w", err)
	}
	return nil
}

// saveBatch is about how many analyses one transaction keeps.
const saveBatch = 256

// reanalyzeEvent analyses the articles of one event that have no
// analysis kept under the event's scope.
func (s *Service) reanalyzeEvent(ctx context.Context, c *compiled, eventID int64) ([]framing.KeptAnalysis, error) {
	articles, err := s.store.Articles(ctx, eventID)
	if err != nil || len(articles) == 0 {
		return nil, err
	}
	t, err := s.eventTopics(ctx, c, eventID, articles)
	if err != nil {
		return nil, err
	}
	m, key, err := s.scopedMatcher(c, t.Slugs)
	if err != nil {
		return nil, fmt.Errorf("re-analyse event %d: %w", eventID, err)
	}
	kept, err := s.store.Analyses(ctx, key, articles)
	if err != nil {
		return nil, err
	}
	var out []framing.KeptAnalysis
	for _, a := range articles {
		if _, ok := kept[a.ID]; !ok {
			out = append(out, framing.KeptAnalysis{Key: key, Article: a, Matches: m.Analyze(a.Body).Matches})
		}
	}
	return out, nil
}
