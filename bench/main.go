// Command bench is Framelens's load test. It builds cmd/web, starts it as
// its own process on loopback over a temporary database, stores an event
// of six long articles, and runs each scenario (the comparison page, the
// home page, a static file, …) from many keep-alive connections for a
// fixed time, reporting requests per second, latency percentiles, errors,
// the server's processor time and memory, and the ratio of the comparison
// page's throughput to the static file's in the same run. With -archive N
// it first stores N generated articles and reports the server's memory
// with them. It reaches nothing beyond 127.0.0.1 and stops by itself.
//
//	go run ./bench -conns 64 -duration 10s
//	go run ./bench -archive 10000 -scenarios comparison
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"time"

	"framelens/framing"
)

type options struct {
	load      loadOptions
	scenarios []string
	archive   int
	sizes     []int // events of this many long articles, measured one by one
	reanalyse bool
	setups    []string // with PostgreSQL: run everything against each (see runSetups)
	serverBin string
	keepDB    string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func parseOptions(args []string) (options, error) {
	var o options
	var names string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.IntVar(&o.load.conns, "conns", 64, "concurrent keep-alive connections")
	fs.DurationVar(&o.load.duration, "duration", 10*time.Second, "measured time per scenario (at most 5m)")
	fs.DurationVar(&o.load.warmup, "warmup", 2*time.Second, "time each scenario runs before it is measured")
	fs.IntVar(&o.load.maxReqs, "requests", 0, "stop a scenario after about this many requests (0: run for -duration)")
	fs.StringVar(&names, "scenarios", "comparison,home,static,marks", "scenarios to run, in order: "+scenarioNames())
	fs.IntVar(&o.archive, "archive", 0, "store this many generated articles first (in events of 5) and report the memory with them")
	var sizes string
	fs.StringVar(&sizes, "sizes", "", "measure events of these many articles of 1,500 words, e.g. 6,30,100,1000")
	fs.BoolVar(&o.reanalyse, "reanalyse", false, "add a lexicon and measure how long the server takes to analyse every stored article again")
	var setupList string
	fs.StringVar(&setupList, "setups", "", "run the scenarios and -reanalyse against each of these, in one run: "+setupKeys())
	fs.StringVar(&o.serverBin, "server", "", "a built cmd/web to run instead of building one")
	fs.StringVar(&o.keepDB, "db", "", "write the database to this new file and keep it (default: a temporary file)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.load.conns < 1 || o.load.conns > 1024:
		return o, errors.New("-conns must be 1 to 1024")
	case o.load.duration <= 0 || o.load.duration > 5*time.Minute:
		return o, errors.New("-duration must be more than 0 and at most 5m")
	case o.load.warmup < 0 || o.load.warmup > time.Minute:
		return o, errors.New("-warmup must be 0 to 1m")
	case o.archive < 0 || o.archive > 100_000:
		return o, errors.New("-archive must be 0 to 100000")
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, raw := range strings.Split(sizes, ",") {
		if raw = strings.TrimSpace(raw); raw == "" {
			continue
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > framing.MaxArticlesPerEvent {
			return o, fmt.Errorf("-sizes: %q is not a number of articles from 1 to %d", raw, framing.MaxArticlesPerEvent)
		}
		o.sizes = append(o.sizes, n)
	}
	for _, n := range strings.Split(names, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if _, ok := findScenario(n); !ok {
			return o, fmt.Errorf("no scenario %q; there are %s", n, scenarioNames())
		}
		o.scenarios = append(o.scenarios, n)
	}
	for _, key := range strings.Split(setupList, ",") {
		if key = strings.TrimSpace(key); key == "" {
			continue
		}
		if _, ok := findSetup(key); !ok {
			return o, fmt.Errorf("no setup %q; there are %s", key, setupKeys())
		}
		o.setups = append(o.setups, key)
	}
	if len(o.setups) > 0 && (len(o.sizes) > 0 || o.keepDB != "") {
		return o, errors.New("-setups takes neither -sizes nor -db")
	}
	return o, nil
}

func scenarioNames() string {
	var names []string
	for _, s := range scenarios {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseOptions(args)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "framelens-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	bin := o.serverBin
	if bin == "" {
		fmt.Fprintln(out, "building ./cmd/web …")
		if bin, err = buildServer(tmp); err != nil {
			return err
		}
	}
	if len(o.setups) > 0 {
		return runSetups(ctx, out, o, bin, tmp)
	}
	db := o.keepDB
	if db == "" {
		db = tmp + "/bench.db"
	} else if _, err := os.Stat(db); err == nil {
		return fmt.Errorf("-db %s exists; give a new file", db)
	}
	fmt.Fprintln(out, "storing the event of six articles"+archiveNote(o.archive)+" …")
	eventID, err := prepareDatabase(ctx, db, o.archive, func(n int) { fmt.Fprintf(out, "  %d articles stored\n", n) })
	if err != nil {
		return err
	}
	sized, err := prepareSizes(ctx, db, o.sizes)
	if err != nil {
		return err
	}

	srv, err := startServer(bin, db, "FRAMELENS_ADMIN_PASSWORD="+benchAdminPassword)
	if err != nil {
		return err
	}
	defer srv.stop()
	printMachine(out)
	if o.archive > 0 {
		if err := measureArchive(ctx, out, srv, db, o.archive); err != nil {
			return err
		}
	} else if len(o.sizes) > 0 {
		if _, err := waitAnalysed(ctx, db, 0); err != nil {
			return err
		}
	}
	if len(o.sizes) > 0 {
		fmt.Fprintln(out, "measuring the events of", o.sizes, "articles …")
		results, err := measureSizes(ctx, out, srv, sized, o.sizes, o.load)
		if err != nil {
			return err
		}
		printSizes(out, results)
	}
	if o.reanalyse {
		page := fmt.Sprintf("/events/%d", eventID)
		for k, n := range o.sizes {
			if n == 100 {
				page = fmt.Sprintf("/events/%d", sized[k])
			}
		}
		if _, err := measureReanalysis(ctx, out, &instances{servers: []*server{srv}}, db, page); err != nil {
			return err
		}
	}

	t := target{base: srv.base, eventID: eventID}
	var results []result
	for _, name := range o.scenarios {
		s, _ := findScenario(name)
		r, err := runScenario(ctx, out, s, t, o.load, srv)
		if err != nil {
			return err
		}
		results = append(results, r)
	}
	printResults(out, results)
	if m, err := srv.memory(); err == nil {
		fmt.Fprintf(out, "server memory at the end: RSS %s, peak RSS over the whole run %s\n", mib(m.rss), mib(m.peak))
	}
	return nil
}

// runScenario prepares s against t, runs its load and checks what the
// server kept.
func runScenario(ctx context.Context, out io.Writer, s scenario, t target, lo loadOptions, srv meter) (result, error) {
	p, err := s.prepare(ctx, t)
	if err != nil {
		return result{}, fmt.Errorf("prepare %s: %w", s.name, err)
	}
	if s.conns > 0 {
		lo.conns = s.conns
	}
	fmt.Fprintf(out, "running %s (%s) with %d connections for %s …\n", s.name, s.about, lo.conns, lo.duration)
	r := runLoad(ctx, s.name, p.do, lo, srv)
	if ctx.Err() != nil {
		return r, ctx.Err()
	}
	if p.check != nil {
		r.lost, r.checkErr = p.check(ctx)
	}
	return r, nil
}

func archiveNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" and %d generated articles", n)
}

func printMachine(out io.Writer) {
	model := "unknown processor"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(name) == "model name" {
				model = strings.TrimSpace(value)
				break
			}
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "machine: %d cores, %s, %s/%s, %s; load average %s", runtime.NumCPU(), model,
		runtime.GOOS, runtime.GOARCH, runtime.Version(), load)
}

func printResults(out io.Writer, results []result) {
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| scenario | conns | requests | req/s | p50 | p90 | p99 | max | errors | body | server CPU per request | server RSS |")
	fmt.Fprintln(out, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	byName := map[string]result{}
	for _, r := range results {
		byName[r.name] = r
		perReq := time.Duration(0)
		if n := r.requests(); n > 0 {
			perReq = r.serverCPU / time.Duration(n)
		}
		body := "0 KB"
		if len(r.latencies) > 0 {
			body = fmt.Sprintf("%.0f KB", float64(r.bytes)/float64(len(r.latencies))/1000)
		}
		fmt.Fprintf(out, "| %s | %d | %d | %.0f | %s | %s | %s | %s | %d | %s | %s | %s |\n", r.name, r.conns, r.requests(),
			r.perSecond(), ms(r.quantile(0.50)), ms(r.quantile(0.90)), ms(r.quantile(0.99)), ms(r.quantile(1)),
			r.errors, body, us(perReq), mib(r.mem.rss))
	}
	for _, r := range results {
		if r.firstErr != nil {
			fmt.Fprintf(out, "first error of %s: %v\n", r.name, r.firstErr)
		}
		if r.lost > 0 || r.checkErr != nil {
			fmt.Fprintf(out, "%s: %d acknowledged writes not kept (%v)\n", r.name, r.lost, r.checkErr)
		}
	}
	if c, ok := byName["comparison"]; ok {
		if s, ok := byName["static"]; ok && s.perSecond() > 0 {
			fmt.Fprintf(out, "\ncomparison page / static file throughput in this run: %.2f (%.0f / %.0f req/s)\n",
				c.perSecond()/s.perSecond(), c.perSecond(), s.perSecond())
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
func us(d time.Duration) string { return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond)) }
