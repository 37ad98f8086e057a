package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"framelens/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// -setups runs the scenarios and the re-analysis against SQLite, one
// PostgreSQL instance and two in one run, and reports each, with every
// acknowledged mark kept, and the goals. (The class joins on one instance
// and marks on both.)
func TestSetupsRunOnSQLiteAndOnOneAndTwoPostgreSQLInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	pgtest.Shared(t) // skips without PostgreSQL, unless FRAMELENS_PG=1
	var out bytes.Buffer
	err := run(context.Background(), []string{"-setups", "sqlite,pg,pg2", "-scenarios", "comparison,marks200",
		"-duration", "500ms", "-warmup", "100ms", "-archive", "20", "-reanalyse"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	lines := strings.Split(out.String(), "\n")
	row := func(prefix string) []string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return strings.Split(l, " | ")
			}
		}
		return nil
	}
	for _, s := range setups {
		for _, sc := range []string{"comparison", "marks200"} {
			cells := row("| " + s.about + " | " + sc + " |")
			if len(cells) < 12 || cells[3] == "0" || cells[7] != "0" {
				t.Errorf("%s, %s: %q\n%s", s.about, sc, cells, out.String())
			}
			if sc == "marks200" && cells[8] != "0" {
				t.Errorf("%s: %s acknowledged marks lost", s.about, cells[8])
			}
			if wantDB := s.postgres; len(cells) >= 12 && strings.Contains(cells[10], "µs") != wantDB {
				t.Errorf("%s, %s: PostgreSQL's CPU %q", s.about, sc, cells[10])
			}
		}
		re := row("| " + s.about + " | 2") // the re-analysis: 20 articles and the event's six
		if len(re) < 7 || strings.Count(re[3], "+") != s.instances-1 {
			t.Errorf("%s: re-analysis %q", s.about, re)
		}
	}
	if n := strings.Count(out.String(), "\ngoal: "); n != 3 {
		t.Errorf("%d goals reported, want 3:\n%s", n, out.String())
	}
}
