package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"framelens/analysis"
	"framelens/auth"
	"framelens/framing"
	"framelens/handlers"
	"framelens/internal/ssetest"
	"framelens/store"
)

// instance is one app instance: its own handlers, bus and limiters over
// the shared database (here a SQLite file for the data, since the store
// is not what this test is about, and PostgreSQL for what instances share).
func instance(t *testing.T, dbPath, pgURL string) string {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	pool := crossPool(t, pgURL)
	bus := listeningBus(t, pgURL)
	analyzer := analysis.New(st, log)
	srv := httptest.NewServer(handlers.New(handlers.Deps{Stores: handlers.Stores{EventStore: st, OutletStore: st, LexiconStore: st, AccountStore: st, ClassroomStore: st, Health: st}, Analyzer: analyzer, Log: log, Classroom: bus,
		Limits: func(name string, burst int, every time.Duration) handlers.Limiter {
			return NewThrottle(pool, name, burst, every)
		}}))
	t.Cleanup(func() {
		srv.Close()
		analyzer.Close()
		st.Close()
	})
	return srv.URL
}

const classBody = "Troops entered the city on Monday. Officials called it a liberation; residents spoke of an occupation."

// A class works whichever instance each request reaches: a student who
// joins and marks on one instance updates the teacher's stream on the
// other, and the teacher's phase change on that one reaches the student's
// stream on the first.
func TestAClassWorksAcrossTwoInstances(t *testing.T) {
	pgURL := crossDB(t)
	dbPath := filepath.Join(t.TempDir(), "data.db")
	a := instance(t, dbPath, pgURL)
	b := instance(t, dbPath, pgURL)
	ctx := context.Background()
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, "teacher", hash, framing.RoleTeacher); err != nil {
		t.Fatal(err)
	}
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Troops enter the city"})
	if err != nil {
		t.Fatal(err)
	}
	art, err := st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "Northern Herald", Headline: "Troops in the city", Language: "en", Body: classBody})
	if err != nil {
		t.Fatal(err)
	}

	teacher := browser(t)
	call(t, teacher, "POST", a+"/api/login", `{"username":"teacher","password":"correct horse battery"}`, http.StatusOK, nil)
	var session struct {
		ID   int64
		Code string
	}
	call(t, teacher, "POST", a+"/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev.ID), http.StatusCreated, &session)
	dashboard := stream(t, teacher, fmt.Sprintf("%s/api/sessions/%d/stream", b, session.ID))
	waitFor(t, dashboard, `"phase":"marking"`)

	student := browser(t)
	call(t, student, "POST", a+"/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Anna"}`, session.Code), http.StatusOK, nil)
	waitFor(t, dashboard, `"students":1`)
	i := strings.Index(classBody, "liberation")
	call(t, student, "POST", fmt.Sprintf("%s/api/sessions/%d/marks", a, session.ID),
		fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, art.ID, i, i+len("liberation")), http.StatusCreated, nil)
	waitFor(t, dashboard, `"marks":1`)

	phase := stream(t, student, fmt.Sprintf("%s/api/sessions/%d/stream", a, session.ID))
	waitFor(t, phase, `"phase":"marking"`)
	call(t, teacher, "POST", fmt.Sprintf("%s/api/sessions/%d/phase", b, session.ID), `{"phase":"reveal"}`, http.StatusOK, nil)
	waitFor(t, phase, `"phase":"reveal"`)
}

// Failed logins spread over two instances are counted together.
func TestFailedLoginsOnTwoInstancesShareOneLimit(t *testing.T) {
	pgURL := crossDB(t)
	dbPath := filepath.Join(t.TempDir(), "data.db")
	instances := []string{instance(t, dbPath, pgURL), instance(t, dbPath, pgURL)}
	c := browser(t)
	const burst = 8 // handlers' loginBurst
	for i := range burst {
		call(t, c, "POST", instances[i%2]+"/api/login", `{"username":"teacher","password":"guess"}`, http.StatusUnauthorized, nil)
	}
	for _, inst := range instances {
		call(t, c, "POST", inst+"/api/login", `{"username":"teacher","password":"guess"}`, http.StatusTooManyRequests, nil)
	}
}

func browser(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar}
}

func call(t *testing.T, c *http.Client, method, url, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %s, want %d", method, url, resp.StatusCode, data, want)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
}

// stream reads a class stream's data lines until the test ends.
func stream(t *testing.T, c *http.Client, url string) <-chan string {
	t.Helper()
	return ssetest.Open(t, c, url)
}

// waitFor reads events until one contains want.
func waitFor(t *testing.T, lines <-chan string, want string) {
	t.Helper()
	deadline := time.After(hangBound)
	for {
		select {
		case l := <-lines:
			if strings.Contains(l, want) {
				return
			}
		case <-deadline:
			t.Fatalf("no event with %s", want)
		}
	}
}
