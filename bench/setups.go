package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"framelens/internal/pgtest"
)

// A setup is a database and how many instances of the app serve it. With
// -setups the same scenarios (and the re-analysis) run against each in
// one run, so that their figures compare on one machine under one load.
type setup struct {
	key       string
	about     string
	postgres  bool
	instances int
}

var setups = []setup{
	{key: "sqlite", about: "SQLite, one instance", instances: 1},
	{key: "pg", about: "PostgreSQL, one instance", postgres: true, instances: 1},
	{key: "pg2", about: "PostgreSQL, two instances", postgres: true, instances: 2},
}

func findSetup(key string) (setup, bool) {
	for _, s := range setups {
		if s.key == key {
			return s, true
		}
	}
	return setup{}, false
}

func setupKeys() string {
	var keys []string
	for _, s := range setups {
		keys = append(keys, s.key)
	}
	return strings.Join(keys, ", ")
}

// setupRun is what was measured on one setup.
type setupRun struct {
	setup      setup
	results    []result
	reanalysis *reanalysis
}

// runSetups measures each setup of o in turn. PostgreSQL runs on a
// throwaway cluster (internal/pgtest) on loopback; its texts are stored
// and analysed once in a seed database, which each PostgreSQL setup gets a
// fresh copy of. Requests are spread over a setup's instances in turn, as
// a round-robin proxy with no stickiness does.
func runSetups(ctx context.Context, out io.Writer, o options, bin, tmp string) error {
	printMachine(out)
	progress := func(n int) { fmt.Fprintf(out, "  %d articles stored\n", n) }
	var cluster *pgtest.Cluster
	var seedEvent int64
	for _, key := range o.setups {
		if s, _ := findSetup(key); !s.postgres || cluster != nil {
			continue
		}
		fmt.Fprintln(out, "starting a throwaway PostgreSQL cluster …")
		c, err := pgtest.Start()
		if err != nil {
			return err
		}
		defer c.Stop()
		cluster = c
		if err := createDatabase(ctx, c, "bench_seed", ""); err != nil {
			return err
		}
		seed := c.DatabaseURL("bench_seed")
		fmt.Fprintln(out, "storing the event of six articles"+archiveNote(o.archive)+" in PostgreSQL …")
		if seedEvent, err = prepareDatabase(ctx, seed, o.archive, progress); err != nil {
			return err
		}
		// The server analyses what was stored once, so that every copy
		// starts analysed.
		srv, err := startServer(bin, seed, "FRAMELENS_ADMIN_PASSWORD="+benchAdminPassword)
		if err != nil {
			return err
		}
		took, err := waitAnalysed(ctx, seed, o.archive)
		if stopErr := srv.stop(); err == nil {
			err = stopErr
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  analysed by one instance in %s\n", took.Round(100*time.Millisecond))
	}

	var runs []setupRun
	for _, key := range o.setups {
		s, _ := findSetup(key)
		var db string
		var eventID int64
		if s.postgres {
			if err := createDatabase(ctx, cluster, "bench_"+s.key, "bench_seed"); err != nil {
				return err
			}
			db, eventID = cluster.DatabaseURL("bench_"+s.key), seedEvent
		} else {
			db = filepath.Join(tmp, "bench-"+s.key+".db")
			fmt.Fprintln(out, "storing the event of six articles"+archiveNote(o.archive)+" in SQLite …")
			var err error
			if eventID, err = prepareDatabase(ctx, db, o.archive, progress); err != nil {
				return err
			}
		}
		fmt.Fprintf(out, "\n%s:\n", s.about)
		run, err := measureSetup(ctx, out, o, s, bin, db, eventID, cluster)
		if err != nil {
			return fmt.Errorf("%s: %w", s.about, err)
		}
		runs = append(runs, run)
	}
	printSetups(out, runs)
	return nil
}

// measureSetup starts the setup's instances over db, waits until they
// have analysed every article, and runs the scenarios and the
// re-analysis against them.
func measureSetup(ctx context.Context, out io.Writer, o options, s setup, bin, db string, eventID int64, cluster *pgtest.Cluster) (setupRun, error) {
	run := setupRun{setup: s}
	g := &instances{}
	defer g.stop()
	if s.postgres {
		c, err := newClusterCPU(ctx, cluster)
		if err != nil {
			return run, err
		}
		g.cluster = c
	}
	// Instances on one machine share its cores: each gets its share, as
	// it would have a machine's cores to itself (docs/deploy.md).
	procs := fmt.Sprintf("GOMAXPROCS=%d", max(1, runtime.NumCPU()/s.instances))
	for range s.instances {
		srv, err := startServer(bin, db, "FRAMELENS_ADMIN_PASSWORD="+benchAdminPassword, procs)
		if err != nil {
			return run, err
		}
		g.servers = append(g.servers, srv)
	}
	if _, err := waitAnalysed(ctx, db, o.archive); err != nil {
		return run, err
	}
	t := target{base: g.servers[0].base, eventID: eventID}
	lo := o.load
	for _, srv := range g.servers {
		lo.spread = append(lo.spread, strings.TrimPrefix(srv.base, "http://"))
	}
	for _, name := range o.scenarios {
		sc, _ := findScenario(name)
		r, err := runScenario(ctx, out, sc, t, lo, g)
		if err != nil {
			return run, err
		}
		run.results = append(run.results, r)
	}
	if o.reanalyse {
		r, err := measureReanalysis(ctx, out, g, db, fmt.Sprintf("/events/%d", eventID))
		if err != nil {
			return run, err
		}
		run.reanalysis = &r
	}
	return run, nil
}

// createDatabase creates a database in the cluster, as a copy of
// template when it is not "".
func createDatabase(ctx context.Context, c *pgtest.Cluster, name, template string) error {
	conn, err := pgx.Connect(ctx, c.DatabaseURL("postgres"))
	if err != nil {
		return fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	query := "CREATE DATABASE " + pgx.Identifier{name}.Sanitize()
	if template != "" {
		query += " TEMPLATE " + pgx.Identifier{template}.Sanitize()
	}
	if _, err := conn.Exec(ctx, query); err != nil {
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}

// instances are the app's processes serving one database, and the
// PostgreSQL server under them (nil for SQLite, which runs inside the
// app's processes).
type instances struct {
	servers []*server
	cluster *clusterCPU
}

// perProcess is the processor time of each instance and of PostgreSQL.
type perProcess struct {
	servers []time.Duration
	db      time.Duration
}

func (g *instances) perProcess() perProcess {
	var p perProcess
	for _, srv := range g.servers {
		t, _ := srv.cpuTime()
		p.servers = append(p.servers, t)
	}
	if g.cluster != nil {
		p.db, _ = g.cluster.cpu()
	}
	return p
}

func (g *instances) cpuTimes() (cpuTimes, error) {
	var t cpuTimes
	for _, srv := range g.servers {
		app, err := srv.cpuTime()
		if err != nil {
			return t, err
		}
		t.app += app
	}
	if g.cluster != nil {
		db, err := g.cluster.cpu()
		if err != nil {
			return t, err
		}
		t.db = db
	}
	return t, nil
}

// memory is the instances' resident memory together (PostgreSQL's shared
// buffers are not counted).
func (g *instances) memory() (memory, error) {
	var sum memory
	for _, srv := range g.servers {
		m, err := srv.memory()
		if err != nil {
			return sum, err
		}
		sum.rss += m.rss
		sum.peak += m.peak
	}
	return sum, nil
}

func (g *instances) stop() {
	for _, srv := range g.servers {
		_ = srv.stop()
	}
	g.servers = nil
}

// clusterCPU reads the processor time of a PostgreSQL server's processes:
// the postmaster, every process it started that still runs, and those
// that ended (which the postmaster waited for, so their time is its
// children's).
type clusterCPU struct{ postmaster int }

func newClusterCPU(ctx context.Context, c *pgtest.Cluster) (*clusterCPU, error) {
	conn, err := pgx.Connect(ctx, c.DatabaseURL("postgres"))
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	var backend int
	if err := conn.QueryRow(ctx, "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		return nil, fmt.Errorf("find PostgreSQL's processes: %w", err)
	}
	st, err := readStat(backend)
	if err != nil {
		return nil, fmt.Errorf("find PostgreSQL's processes: %w", err)
	}
	return &clusterCPU{postmaster: st.ppid}, nil
}

func (c *clusterCPU) cpu() (time.Duration, error) {
	pm, err := readStat(c.postmaster)
	if err != nil {
		return 0, fmt.Errorf("read PostgreSQL's processor time: %w", err)
	}
	total := pm.cpu + pm.children
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := readStat(pid)
		if err != nil || st.ppid != c.postmaster {
			continue // not one of its processes, or gone meanwhile
		}
		total += st.cpu + st.children
	}
	return total, nil
}
