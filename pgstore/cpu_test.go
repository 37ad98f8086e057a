package pgstore_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// cpuMeter measures the CPU time a benchmark costs: this process's (the
// app, and SQLite within it) and, for PostgreSQL, that of the server
// processes serving the database's connections, which the wall clock of
// a loaded machine tells poorly.
type cpuMeter struct {
	url      string // "" for SQLite: nothing outside the process
	app      time.Duration
	backends map[int]time.Duration
}

func startCPU(b *testing.B, url string) *cpuMeter {
	m := &cpuMeter{url: url, app: processCPU()}
	m.backends = m.backendCPU(b)
	return m
}

// report adds the CPU per operation since start to the benchmark's
// figures: app-µs/op, and db-µs/op for PostgreSQL.
func (m *cpuMeter) report(b *testing.B) {
	app := processCPU() - m.app
	b.ReportMetric(float64(app.Microseconds())/float64(b.N), "app-µs/op")
	if m.url == "" {
		return
	}
	var db time.Duration
	for pid, t := range m.backendCPU(b) {
		db += t - m.backends[pid] // a backend started since counts whole
	}
	b.ReportMetric(float64(db.Microseconds())/float64(b.N), "db-µs/op")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// backendCPU is the CPU time of each server process connected to the
// database, read from /proc (in clock ticks of 10 ms: the benchmarks run
// for seconds).
func (m *cpuMeter) backendCPU(b *testing.B) map[int]time.Duration {
	out := map[int]time.Duration{}
	if m.url == "" {
		return out
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, m.url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		b.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		b.Fatal(err)
	}
	for _, pid := range pids {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(int(pid)) + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		// The fields after the command's closing parenthesis; utime and
		// stime are the 14th and 15th of the line.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		utime, _ := strconv.ParseInt(fields[11], 10, 64)
		stime, _ := strconv.ParseInt(fields[12], 10, 64)
		out[int(pid)] = time.Duration(utime+stime) * 10 * time.Millisecond
	}
	return out
}
