// Package importjobs runs bulk imports started from the web page in the
// background, so that the page can show a progress bar while thousands of
// lines are stored, and a person can leave and come back to the result.
// It knows neither HTTP nor SQL: the store is behind Importer.
package importjobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"iter"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"framelens/bulk"
	"framelens/framing"
)

// Importer stores the lines of an import, one short transaction each.
type Importer interface {
	ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
		progress func(framing.ImportProgress)) (framing.ImportReport, error)
}

// Snapshot is what a job has done so far.
type Snapshot struct {
	ID        string
	EventID   int64
	FileName  string
	Size      int64 // bytes in the file
	Read      int64 // bytes read so far
	Progress  framing.ImportProgress
	Report    framing.ImportReport
	Err       error // the import stopped: the file could not be read further, or the server stopped
	Done      bool
	StartedAt time.Time
}

// Percent is how much of the file has been read, 0–100.
func (s Snapshot) Percent() int {
	if s.Done || s.Size == 0 {
		return 100
	}
	return int(min(100, s.Read*100/s.Size))
}

type job struct {
	mu   sync.Mutex
	snap Snapshot
	read atomic.Int64
}

// Registry holds the jobs of a running server. Finished jobs are kept for
// keepFor, then forgotten.
type Registry struct {
	importer Importer
	onDone   func()
	keepFor  time.Duration

	mu   sync.Mutex
	jobs map[string]*job

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a registry storing through importer; onDone, if not nil,
// runs after each import (to analyse the new articles).
func New(importer Importer, onDone func()) *Registry {
	ctx, cancel := context.WithCancel(context.Background())
	return &Registry{importer: importer, onDone: onDone, keepFor: time.Hour, jobs: map[string]*job{}, ctx: ctx, cancel: cancel}
}

// Start imports the file f (which the job takes over and removes when
// done) into an event in the background and returns the job's id.
func (r *Registry) Start(eventID int64, fileName string, f *os.File, format bulk.Format) (string, error) {
	info, err := f.Stat()
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("start import: %w", err)
	}
	id, err := newID()
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	j := &job{snap: Snapshot{ID: id, EventID: eventID, FileName: fileName, Size: info.Size(), StartedAt: time.Now()}}
	r.mu.Lock()
	r.forgetOld()
	r.jobs[id] = j
	r.mu.Unlock()
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		defer os.Remove(f.Name())
		defer f.Close()
		r.run(j, f, format)
	}()
	return id, nil
}

func (r *Registry) run(j *job, f *os.File, format bulk.Format) {
	src := &countingReader{r: f, n: &j.read}
	var report framing.ImportReport
	reader, err := bulk.NewReader(src, format)
	if err == nil {
		report, err = r.importer.ImportArticles(r.ctx, j.snap.EventID, reader.Lines(), func(p framing.ImportProgress) {
			j.mu.Lock()
			j.snap.Progress = p
			j.mu.Unlock()
		})
	}
	j.mu.Lock()
	j.snap.Report, j.snap.Err, j.snap.Done = report, err, true
	j.mu.Unlock()
	if r.onDone != nil && report.Imported > 0 {
		r.onDone()
	}
}

// Get returns a job's state, or false for an unknown or forgotten id.
func (r *Registry) Get(id string) (Snapshot, bool) {
	r.mu.Lock()
	j, ok := r.jobs[id]
	r.mu.Unlock()
	if !ok {
		return Snapshot{}, false
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	s := j.snap
	s.Read = j.read.Load()
	return s, true
}

// Close stops the running imports between two lines (no article is left
// half-stored) and waits for them.
func (r *Registry) Close() {
	r.cancel()
	r.wg.Wait()
}

// forgetOld drops jobs finished more than keepFor ago; r.mu is held.
func (r *Registry) forgetOld() {
	for id, j := range r.jobs {
		j.mu.Lock()
		old := j.snap.Done && time.Since(j.snap.StartedAt) > r.keepFor
		j.mu.Unlock()
		if old {
			delete(r.jobs, id)
		}
	}
}

func newID() (string, error) {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("import id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
