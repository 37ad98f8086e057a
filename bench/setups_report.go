package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// printSetups prints the scenarios of every setup in one table, the
// re-analyses in another, and issue 22's goals with whether this run met
// them.
func printSetups(out io.Writer, runs []setupRun) {
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| setup | scenario | conns | requests | req/s | p50 | p99 | errors | lost | app CPU per request | PostgreSQL CPU per request | CPU per request in all |")
	fmt.Fprintln(out, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, run := range runs {
		for _, r := range run.results {
			db := "(in the app)"
			if run.setup.postgres {
				db = us(perRequest(r.dbCPU, r))
			}
			lost := "–"
			switch {
			case r.checkErr != nil:
				lost = "check failed"
			case isMarks(r.name):
				lost = fmt.Sprint(r.lost)
			}
			fmt.Fprintf(out, "| %s | %s | %d | %d | %.0f | %s | %s | %d | %s | %s | %s | %s |\n", run.setup.about, r.name, r.conns,
				r.requests(), r.perSecond(), ms(r.quantile(0.50)), ms(r.quantile(0.99)), r.errors, lost,
				us(perRequest(r.serverCPU, r)), db, us(perRequest(r.serverCPU+r.dbCPU, r)))
		}
	}
	for _, run := range runs {
		for _, r := range run.results {
			if r.firstErr != nil {
				fmt.Fprintf(out, "first error of %s on %s: %v\n", r.name, run.setup.about, r.firstErr)
			}
			if r.checkErr != nil {
				fmt.Fprintf(out, "the check of %s on %s failed: %v\n", r.name, run.setup.about, r.checkErr)
			}
		}
	}

	var re []setupRun
	for _, run := range runs {
		if run.reanalysis != nil {
			re = append(re, run)
		}
	}
	if len(re) > 0 {
		fmt.Fprintln(out)
		fmt.Fprintln(out, "| setup | articles re-analysed | took | processor time of each instance | PostgreSQL's | page reads meanwhile | slowest read |")
		fmt.Fprintln(out, "| --- | --- | --- | --- | --- | --- | --- |")
		for _, run := range re {
			r := run.reanalysis
			var each []string
			for _, t := range r.instanceCPU {
				each = append(each, t.Round(10*time.Millisecond).String())
			}
			db := "(in the app)"
			if run.setup.postgres {
				db = r.dbCPU.Round(10 * time.Millisecond).String()
			}
			fmt.Fprintf(out, "| %s | %d | %s | %s | %s | %d | %s |\n", run.setup.about, r.articles, r.took.Round(10*time.Millisecond),
				strings.Join(each, " + "), db, r.reads, ms(r.slowest))
		}
	}
	printGoals(out, runs)
}

func isMarks(name string) bool { return strings.HasPrefix(name, "marks") }

func perRequest(d time.Duration, r result) time.Duration {
	if n := r.requests(); n > 0 {
		return d / time.Duration(n)
	}
	return 0
}

// printGoals says whether the run met issue 22's goals, for those whose
// setups and scenarios it ran.
func printGoals(out io.Writer, runs []setupRun) {
	find := func(setup, scenario string) (result, bool) {
		for _, run := range runs {
			for _, r := range run.results {
				if run.setup.key == setup && r.name == scenario {
					return r, true
				}
			}
		}
		return result{}, false
	}
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Fprintln(out)
	if one, ok := find("pg", "comparison"); ok {
		if two, ok := find("pg2", "comparison"); ok && one.perSecond() > 0 {
			ratio := two.perSecond() / one.perSecond()
			fmt.Fprintf(out, "goal: two instances serve at least 0.9× one instance's cached pages: %.2f× (%.0f / %.0f req/s): %s\n",
				ratio, two.perSecond(), one.perSecond(), verdict(ratio >= 0.9))
		}
	}
	if lite, ok := find("sqlite", "comparison"); ok {
		if pg, ok := find("pg", "comparison"); ok && lite.serverCPU > 0 {
			a, b := perRequest(pg.serverCPU+pg.dbCPU, pg), perRequest(lite.serverCPU, lite)
			ratio := float64(a) / float64(b)
			fmt.Fprintf(out, "goal: PostgreSQL's CPU per cached page within 1.5× of SQLite's: %.2f× (%s against %s): %s\n",
				ratio, us(a), us(b), verdict(ratio <= 1.5))
		}
	}
	if r, ok := find("pg2", "marks200"); ok {
		p99 := r.quantile(0.99)
		fmt.Fprintf(out, "goal: 200 students marking at once over two instances lose nothing, p99 under 200 ms: %d errors, %d acknowledged marks lost, p99 %s: %s\n",
			r.errors, r.lost, ms(p99), verdict(r.errors == 0 && r.lost == 0 && r.checkErr == nil && p99 < 200*time.Millisecond))
	}
}
