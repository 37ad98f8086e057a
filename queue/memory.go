package queue

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Memory is a Backend in this process: enough when one instance serves
// the app, and forgotten when it stops.
type Memory struct {
	mu   sync.Mutex
	now  func() time.Time
	seq  int64
	jobs map[jobKey]*memJob
}

type jobKey struct{ kind, key string }

type memJob struct {
	job        Job
	state      string // queued, running, done, failed
	runAfter   time.Time
	leaseUntil time.Time
	finished   time.Time
}

// NewMemory returns an empty queue.
func NewMemory() *Memory {
	return &Memory{now: time.Now, jobs: map[jobKey]*memJob{}}
}

func (m *Memory) Enqueue(_ context.Context, kind, key string, payload []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := jobKey{kind, key}
	if j, ok := m.jobs[k]; ok {
		if j.state == "failed" {
			j.state, j.runAfter, j.job.Attempt, j.job.Payload = "queued", m.now(), 0, slices.Clone(payload)
		}
		return nil
	}
	m.seq++
	m.jobs[k] = &memJob{job: Job{ID: m.seq, Kind: kind, Key: key, Payload: slices.Clone(payload)}, state: "queued", runAfter: m.now()}
	return nil
}

func (m *Memory) Claim(_ context.Context, _ string, kinds []string, lease time.Duration) (Job, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	var oldest *memJob
	for _, j := range m.jobs {
		due := (j.state == "queued" && !j.runAfter.After(now)) || (j.state == "running" && j.leaseUntil.Before(now))
		if due && slices.Contains(kinds, j.job.Kind) && (oldest == nil || j.job.ID < oldest.job.ID) {
			oldest = j
		}
	}
	if oldest == nil {
		return Job{}, false, nil
	}
	oldest.state, oldest.leaseUntil = "running", now.Add(lease)
	oldest.job.Attempt++
	return oldest.job, true, nil
}

// mine is j's entry while it is still this claim's; m.mu is held.
func (m *Memory) mine(j Job) (*memJob, error) {
	e, ok := m.jobs[jobKey{j.Kind, j.Key}]
	if !ok || e.state != "running" || e.job.Attempt != j.Attempt {
		return nil, ErrLeaseLost
	}
	return e, nil
}

func (m *Memory) Heartbeat(_ context.Context, j Job, lease time.Duration) error {
	return m.update(j, func(e *memJob) { e.leaseUntil = m.now().Add(lease) })
}

func (m *Memory) Complete(_ context.Context, j Job) error {
	return m.update(j, func(e *memJob) { e.state, e.finished = "done", m.now() })
}

func (m *Memory) Retry(_ context.Context, j Job, _ string, after time.Duration) error {
	return m.update(j, func(e *memJob) { e.state, e.runAfter = "queued", m.now().Add(after) })
}

func (m *Memory) Fail(_ context.Context, j Job, _ string) error {
	return m.update(j, func(e *memJob) { e.state, e.finished = "failed", m.now() })
}

func (m *Memory) Prune(_ context.Context, age time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	before := m.now().Add(-age)
	for k, e := range m.jobs {
		if (e.state == "done" || e.state == "failed") && e.finished.Before(before) {
			delete(m.jobs, k)
		}
	}
	return nil
}

func (m *Memory) update(j Job, fn func(*memJob)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, err := m.mine(j)
	if err != nil {
		return err
	}
	fn(e)
	return nil
}
