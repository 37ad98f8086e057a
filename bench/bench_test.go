package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestOptionsThatWouldNotStopOrNameNoScenarioAreRefused(t *testing.T) {
	for _, args := range [][]string{
		{"-duration", "0s"}, {"-duration", "10m"}, {"-conns", "0"}, {"-conns", "5000"},
		{"-scenarios", "comparison,nothing"}, {"-archive", "-1"}, {"extra"},
	} {
		if _, err := parseOptions(args); err == nil {
			t.Errorf("%q was accepted", args)
		}
	}
	o, err := parseOptions([]string{"-scenarios", "static, home"})
	if err != nil || !slices.Equal(o.scenarios, []string{"static", "home"}) || o.load.conns != 64 {
		t.Fatalf("%+v, %v", o, err)
	}
}

// The load counts every answer: the good ones with their latency and
// size, the wrong ones (a status, a short body) as errors, and it stops
// when its time is up.
func TestTheLoadCountsGoodAnswersAndErrorsAndStopsInTime(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%10 == 0 {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		w.Write(bytes.Repeat([]byte("x"), 1000))
	}))
	defer srv.Close()
	start := time.Now()
	r := runLoad(context.Background(), "test", getPage(srv.URL, "/", 1000),
		loadOptions{conns: 4, duration: 300 * time.Millisecond, warmup: 50 * time.Millisecond}, nil)
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("a 350 ms run took %s", took)
	}
	if len(r.latencies) < 50 || r.errors == 0 || r.firstErr == nil || !strings.Contains(r.firstErr.Error(), "status 500") {
		t.Fatalf("%d answers, %d errors (%v)", len(r.latencies), r.errors, r.firstErr)
	}
	if share := float64(r.errors) / float64(r.requests()); share < 0.05 || share > 0.15 {
		t.Errorf("%.2f of the requests were errors, want about 0.1", share)
	}
	if r.bytes != int64(len(r.latencies))*1000 {
		t.Errorf("%d bytes for %d answers of 1000", r.bytes, len(r.latencies))
	}
	if !slices.IsSorted(r.latencies) || r.quantile(0.5) > r.quantile(0.99) || r.quantile(0.99) > r.quantile(1) {
		t.Error("latencies out of order")
	}
	limited := runLoad(context.Background(), "test", getPage(srv.URL, "/", 0),
		loadOptions{conns: 4, duration: 10 * time.Second, maxReqs: 40}, nil)
	if limited.requests() > 40 || limited.elapsed > 5*time.Second {
		t.Errorf("-requests 40 made %d requests in %s", limited.requests(), limited.elapsed)
	}
}

// The tool builds and runs the real server, loads every scenario and
// reports each with no errors and the ratio of the comparison page to
// the static file.
func TestTheToolRunsEveryScenarioAgainstTheRealServer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	var out bytes.Buffer
	all := strings.ReplaceAll(scenarioNames(), " ", "")
	err := run(context.Background(), []string{"-conns", "4", "-duration", "300ms", "-warmup", "100ms", "-scenarios", all}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, s := range scenarios {
		conns := 4
		if s.conns > 0 {
			conns = s.conns
		}
		line := ""
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, fmt.Sprintf("| %s | %d |", s.name, conns)) {
				line = l
			}
		}
		cells := strings.Split(line, " | ")
		if len(cells) < 9 || cells[8] != "0" {
			t.Errorf("%s: %q", s.name, line)
		}
	}
	if !strings.Contains(out.String(), "comparison page / static file throughput in this run") {
		t.Errorf("no ratio:\n%s", out.String())
	}
}

// A class marks without a refused mark, also when students reach their
// number of marks and new ones join in their place.
func TestTheClassMarksWithoutErrorsAsStudentsComeAndGo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	defer func(n int) { marksPerStudent = n }(marksPerStudent)
	marksPerStudent = 3
	var out bytes.Buffer
	err := run(context.Background(), []string{"-scenarios", "marks", "-duration", "5s", "-warmup", "0s", "-requests", "400"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	var cells []string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "| marks | 40 |") {
			cells = strings.Split(l, " | ")
		}
	}
	if len(cells) < 9 || cells[8] != "0" || cells[2] == "0" {
		t.Fatalf("marks: %q\n%s", cells, out.String())
	}
}

func TestWordSpansAreTheRunsBetweenSpaces(t *testing.T) {
	text := " Ханкенди, the city\n\tof  peace "
	var got []string
	for _, w := range wordSpans(text) {
		got = append(got, text[w[0]:w[1]])
	}
	if want := []string{"Ханкенди,", "the", "city", "of", "peace"}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
