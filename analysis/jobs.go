package analysis

import (
	"context"
	"fmt"

	"framelens/queue"
)

// Jobs runs the service's background work: a queue.Runner. Over
// queue.Memory it runs in this process; over pgstore.Jobs a re-analysis
// runs once however many instances share the database, and another
// instance takes it up when the one running it is killed.
type Jobs interface {
	Handle(kind string, h queue.Handler)
	Enqueue(ctx context.Context, kind, key string, payload []byte) error
}

// ReanalyzeJob is the kind of the job that brings the kept analyses up to
// date (see Refresh).
const ReanalyzeJob = "analysis.reanalyze"

// UseJobs hands the background work to jobs, whose runner the caller runs
// and stops. Call it before the first Refresh; without it the service runs
// a runner of its own over queue.Memory, which Close stops.
func (s *Service) UseJobs(j Jobs) {
	j.Handle(ReanalyzeJob, s.reanalyzeJob)
	s.jobs = j
}

// startJobs starts the service's own runner unless UseJobs gave one: a
// single worker, since a re-analysis uses every core itself.
func (s *Service) startJobs() {
	if s.jobs != nil {
		return
	}
	r := queue.NewRunner(queue.NewMemory(), s.log, queue.Options{Workers: 1})
	r.Handle(ReanalyzeJob, s.reanalyzeJob)
	s.jobs = r
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		r.Run(s.stopCtx)
	}()
}

func (s *Service) reanalyzeJob(ctx context.Context, _ queue.Job) error {
	return s.Reanalyze(ctx)
}

// refreshKey names the state a re-analysis brings the kept analyses up
// to: the lexicons' version and the stored texts' version.
func (s *Service) refreshKey(ctx context.Context) (string, error) {
	lex, err := s.store.LexiconKey(ctx)
	if err != nil {
		return "", fmt.Errorf("queue the re-analysis: %w", err)
	}
	corpus, err := s.store.CorpusVersion(ctx)
	if err != nil {
		return "", fmt.Errorf("queue the re-analysis: %w", err)
	}
	return fmt.Sprintf("%s|%d", lex, corpus), nil
}
