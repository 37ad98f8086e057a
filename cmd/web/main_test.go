package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envFrom(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestParseConfigTakesFlagsOverEnvironmentOverDefaults(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantAddr string
		wantDB   string
		wantSeed bool
	}{
		{"defaults", nil, nil, ":8080", "data.db", true},
		{"environment", nil, map[string]string{"FRAMELENS_ADDR": ":9000", "FRAMELENS_DB": "/tmp/x.db"}, ":9000", "/tmp/x.db", true},
		{"flags win", []string{"-addr", ":7000", "-db", "y.db", "-seed=false"},
			map[string]string{"FRAMELENS_ADDR": ":9000", "FRAMELENS_DB": "/tmp/x.db"}, ":7000", "y.db", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, envFrom(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.addr != tt.wantAddr || cfg.dbPath != tt.wantDB || cfg.seed != tt.wantSeed {
				t.Errorf("got %+v, want addr=%s db=%s seed=%v", cfg, tt.wantAddr, tt.wantDB, tt.wantSeed)
			}
		})
	}
}

func TestPrivateFetchIsOffUnlessAsked(t *testing.T) {
	for args, want := range map[string]bool{"": false, "-allow-private-fetch": true} {
		cfg, err := parseConfig(strings.Fields(args), envFrom(nil))
		if err != nil || cfg.allowPrivateFetch != want {
			t.Errorf("%q: allowPrivateFetch %v, %v", args, cfg.allowPrivateFetch, err)
		}
	}
}

func TestParseConfigRefusesUnknownFlagsAndArguments(t *testing.T) {
	for _, args := range [][]string{{"-port", "1"}, {"serve"}} {
		if _, err := parseConfig(args, envFrom(nil)); err == nil || !strings.Contains(err.Error(), "usage:") {
			t.Errorf("parseConfig(%q) = %v, want an error with usage", args, err)
		}
	}
}

// startServer runs the command in the background and returns its base URL
// and a function that stops it and returns run's error.
func startServer(t *testing.T, args ...string) (string, func() error) {
	t.Helper()
	return startServerEnv(t, nil, args...)
}

// startServerEnv is startServer with environment variables.
func startServerEnv(t *testing.T, env map[string]string, args ...string) (string, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), envFrom(env), io.Discard, ready)
	}()
	select {
	case addr := <-ready:
		stop := func() error { cancel(); return <-done }
		t.Cleanup(func() { cancel() })
		return "http://" + addr, stop
	case err := <-done:
		cancel()
		t.Fatalf("server did not start: %v", err)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("server did not start within 30s")
	}
	return "", nil
}

// adminPassword is the password of the account admin that
// startAdminServer creates.
const adminPassword = "correct horse battery"

// startAdminServer starts the server on a new database with an account
// admin, and stops it when the test ends, failing the test if stopping
// fails.
func startAdminServer(t *testing.T, args ...string) string {
	t.Helper()
	base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": adminPassword},
		append([]string{"-db", filepath.Join(t.TempDir(), "data.db")}, args...)...)
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return base
}

type eventList struct {
	Events []struct {
		ID       int64    `json:"id"`
		Title    string   `json:"title"`
		Articles int      `json:"articles"`
		Outlets  []string `json:"outlets"`
	} `json:"events"`
}

func getEvents(t *testing.T, base string) eventList {
	t.Helper()
	resp, err := http.Get(base + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list eventList
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	return list
}

func TestFirstStartSeedsTheDemoEventAndASecondStartKeepsItOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "data.db")
	base, stop := startServer(t, "-db", db)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Fatalf("healthz = %d %s", resp.StatusCode, body)
	}
	first := getEvents(t, base)
	if len(first.Events) != 1 || first.Events[0].Articles < 3 {
		t.Fatalf("first start: want the demo event with at least 3 articles, got %+v", first)
	}
	if first.Events[0].Outlets[0] != "Anadolu Agency" {
		t.Errorf("first outlet = %q, want the seed article's Anadolu Agency", first.Events[0].Outlets[0])
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}

	base, stop = startServer(t, "-db", db)
	second := getEvents(t, base)
	if len(second.Events) != 1 || second.Events[0].Articles != first.Events[0].Articles {
		t.Fatalf("second start changed the data: %+v", second)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

// A server killed in the middle of a bulk import leaves its copy of the
// upload in the temporary directory; the next start removes it.
func TestStartUpSweepsImportFilesAKilledServerLeft(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	leftover := filepath.Join(tmp, "framelens-import-4242")
	if err := os.WriteFile(leftover, []byte(`{"outlet":"x"}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stop := startServer(t, "-db", filepath.Join(t.TempDir(), "data.db"), "-seed=false")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("the leftover import file is still there: %v", err)
	}
}

func TestSeedFalseStartsWithNoEvents(t *testing.T) {
	base, stop := startServer(t, "-db", filepath.Join(t.TempDir(), "data.db"), "-seed=false")
	if got := getEvents(t, base); len(got.Events) != 0 {
		t.Errorf("-seed=false: got %d events, want none", len(got.Events))
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestRunFailsClearlyWhenTheDatabaseCannotBeCreated(t *testing.T) {
	err := run(context.Background(), []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "missing", "dir", "x.db")},
		envFrom(nil), io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "open database") {
		t.Fatalf("run = %v, want an open database error", err)
	}
}

// A request whose body is still arriving when the shutdown signal comes is
// finished and answered before the server stops.
func TestShutdownLetsARequestInFlightFinish(t *testing.T) {
	base, stop := startServer(t, "-db", filepath.Join(t.TempDir(), "data.db"), "-seed=false")
	pr, pw := io.Pipe()
	type result struct {
		status int
		err    error
	}
	answered := make(chan result, 1)
	go func() {
		resp, err := http.Post(base+"/api/events", "application/json", pr)
		if err != nil {
			answered <- result{err: err}
			return
		}
		resp.Body.Close()
		answered <- result{status: resp.StatusCode}
	}()
	if _, err := pw.Write([]byte(`{"title": "Slow upload",`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the request is now being served

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("server stopped with a request in flight: %v", err)
	default:
	}
	if _, err := pw.Write([]byte(` "date": "2022-09-07"}`)); err != nil {
		t.Fatal(err)
	}
	pw.Close()

	got := <-answered
	if got.err != nil || got.status != http.StatusCreated {
		t.Fatalf("in-flight request: status %d, err %v; want 201", got.status, got.err)
	}
	if err := <-stopped; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
}

// -allow-private-fetch reaches the fetcher: with it, import by URL reads a
// page served on loopback; without it, the same page is refused.
func TestAllowPrivateFetchIsWiredToImportByURL(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html lang="en"><head><title>Dam opens</title><meta property="og:site_name" content="Valley Courier"></head>
<body><nav>Home | News</nav><article><h1>Dam opens</h1><p>The new dam on the river opened on Monday after six years of work.</p>
<p>Officials said the reservoir would fill by the end of the summer, and the road over the dam would open in June.</p></article></body></html>`)
	}))
	defer page.Close()
	for _, allow := range []bool{true, false} {
		args := []string{"-db", filepath.Join(t.TempDir(), "data.db")}
		if allow {
			args = append(args, "-allow-private-fetch")
		}
		base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": "correct horse battery"}, args...)
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar}
		resp, err := client.Post(base+"/api/login", "application/json", strings.NewReader(`{"username":"admin","password":"correct horse battery"}`))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("log in: %v %v", resp, err)
		}
		resp.Body.Close()
		resp, err = client.Post(base+"/api/events/1/articles/import-url", "application/json", strings.NewReader(`{"url":"`+page.URL+`/dam"}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := http.StatusUnprocessableEntity
		if allow {
			want = http.StatusCreated
		}
		if resp.StatusCode != want {
			t.Errorf("allow-private-fetch=%v: %d %s, want %d", allow, resp.StatusCode, body, want)
		}
		if err := stop(); err != nil {
			t.Error(err)
		}
	}
}
