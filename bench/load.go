package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A request is one request of a scenario, made on client; it returns the
// size of the answer's body, and an error when the answer is not what the
// scenario expects (a status, a size), which counts as an error of the
// run.
type request func(ctx context.Context, client *http.Client) (int64, error)

// loadOptions is how hard and how long a scenario is run.
type loadOptions struct {
	conns    int           // concurrent connections, each one request at a time
	duration time.Duration // measured time
	warmup   time.Duration // time run before measuring, not counted
	maxReqs  int           // stop earlier after this many measured requests (0: no limit)
	// spread, when not empty, are the instances (host:port) the requests
	// go to in turn, whatever instance their URL names: a round-robin
	// proxy with no stickiness.
	spread []string
}

// result is what one scenario's run measured.
type result struct {
	name      string
	conns     int
	elapsed   time.Duration
	latencies []time.Duration // sorted
	errors    int
	firstErr  error
	bytes     int64         // of the successful answers' bodies
	serverCPU time.Duration // of the app's processes
	dbCPU     time.Duration // of PostgreSQL's processes (0 for SQLite, which is in the app's)
	mem       memory
	lost      int   // acknowledged writes the server did not keep (see prepared.check)
	checkErr  error // the check itself failed
}

func (r result) requests() int { return len(r.latencies) + r.errors }

func (r result) perSecond() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

// quantile of the successful requests' latencies, q in [0, 1].
func (r result) quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(q * float64(len(r.latencies)-1))
	return r.latencies[i]
}

// newClient is an HTTP client keeping one connection alive per worker,
// as browsers and load generators do, sending each request to the next
// of spread when it is not empty.
func newClient(conns int, spread []string) *http.Client {
	var rt http.RoundTripper = &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		MaxConnsPerHost:     conns,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	if len(spread) > 0 {
		rt = &roundRobin{hosts: spread, next: rt}
	}
	return &http.Client{
		Transport: rt,
		Timeout:   30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// roundRobin sends each request to the next of hosts.
type roundRobin struct {
	hosts []string
	n     atomic.Uint64
	next  http.RoundTripper
}

func (r *roundRobin) RoundTrip(req *http.Request) (*http.Response, error) {
	out := *req // a RoundTripper must not change the request it is given
	u := *req.URL
	u.Host = r.hosts[int(r.n.Add(1)%uint64(len(r.hosts)))]
	out.URL, out.Host = &u, ""
	return r.next.RoundTrip(&out)
}

// A meter reads the processor time and memory of the processes that
// serve a run: one server, or instances and their database.
type meter interface {
	cpuTimes() (cpuTimes, error)
	memory() (memory, error)
}

// cpuTimes is processor time, user and system, of the app's processes and
// of the database's.
type cpuTimes struct{ app, db time.Duration }

// runLoad runs do from o.conns workers at once, each sending its next
// request when the last is answered (a closed loop, as wrk does), first
// for the warm-up and then for the measured time. It stops by itself.
// srv, when not nil, measures the processes whose processor time and
// memory are reported.
func runLoad(ctx context.Context, name string, do request, o loadOptions, srv meter) result {
	client := newClient(o.conns, o.spread)
	defer client.CloseIdleConnections()

	warm, cancelWarm := context.WithTimeout(ctx, o.warmup)
	work(warm, client, do, o.conns, 0, nil)
	cancelWarm()

	var cpuBefore cpuTimes
	if srv != nil {
		cpuBefore, _ = srv.cpuTimes()
	}
	measured, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var mu sync.Mutex
	res := result{name: name, conns: o.conns}
	start := time.Now()
	work(measured, client, do, o.conns, o.maxReqs, func(lat []time.Duration, bytes int64, errs int, first error) {
		mu.Lock()
		defer mu.Unlock()
		res.latencies = append(res.latencies, lat...)
		res.bytes += bytes
		res.errors += errs
		if res.firstErr == nil {
			res.firstErr = first
		}
	})
	res.elapsed = time.Since(start)
	if srv != nil {
		cpuAfter, _ := srv.cpuTimes()
		res.serverCPU, res.dbCPU = cpuAfter.app-cpuBefore.app, cpuAfter.db-cpuBefore.db
		res.mem, _ = srv.memory()
	}
	slices.Sort(res.latencies)
	return res
}

// work runs the workers until ctx ends or, when limit > 0, until about
// limit requests are made; report receives each worker's measurements.
func work(ctx context.Context, client *http.Client, do request, conns, limit int,
	report func(lat []time.Duration, bytes int64, errs int, first error)) {
	var wg sync.WaitGroup
	perWorker := 0
	if limit > 0 {
		perWorker = (limit + conns - 1) / conns
	}
	for range conns {
		wg.Go(func() {
			lat := make([]time.Duration, 0, 4096)
			errs := 0
			var bytes int64
			var first error
			for perWorker == 0 || len(lat)+errs < perWorker {
				t := time.Now()
				n, err := do(ctx, client)
				if ctx.Err() != nil {
					break // a request cut off by the end of the run is not counted
				}
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				lat = append(lat, time.Since(t))
				bytes += n
			}
			if report != nil {
				report(lat, bytes, errs, first)
			}
		})
	}
	wg.Wait()
}

// browserEncodings is what browsers accept; the body is read as it
// comes, compressed or not, since unpacking it is the browser's work on
// another machine.
const browserEncodings = "gzip, deflate, br"

// getPage is a request for path that wants status 200 and at least
// minBytes of body, read to the end so that the connection is reused.
func getPage(base, path string, minBytes int) request {
	url := base + path
	return func(ctx context.Context, client *http.Client) (int64, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return 0, err
		}
		req.Header.Set("Accept-Encoding", browserEncodings)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		n, err := drain(resp, "GET "+path, http.StatusOK)
		if err == nil && n < int64(minBytes) {
			err = fmt.Errorf("GET %s: %d bytes, want at least %d", path, n, minBytes)
		}
		return n, err
	}
}

// drain reads the answer to the end, so that the connection is reused,
// and says whether it has the status wanted.
func drain(resp *http.Response, what string, status int) (int64, error) {
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	switch {
	case err != nil && !errors.Is(err, context.Canceled):
		return n, fmt.Errorf("%s: read the body: %w", what, err)
	case resp.StatusCode != status:
		return n, fmt.Errorf("%s: status %d", what, resp.StatusCode)
	}
	return n, nil
}
