package handlers_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"framelens/framing"
)

// Forty students join at once and each marks five wordings as fast as
// they can, while the teacher's dashboard stream is open: every request
// succeeds (no "database is locked"), and every mark is counted. They
// share one address and all join at the same instant, as a class behind a
// school's one address does: a join attempt counts until its code is
// found, and the allowance holds a whole class in flight however long a
// lookup takes (longer on PostgreSQL than on SQLite).
func TestFortyStudentsMarkingAtOnceLoseNoMark(t *testing.T) {
	f := newClassFixture(t)
	const students, marksEach = 40, 5
	// Words the students mark, as markBody finds them, leaving out any that
	// falls inside the outlet's name, which a blind session keeps whole.
	var words []string
	name := strings.Index(classBodyEN, "Northern Herald")
	for _, w := range strings.Fields(strings.NewReplacer(".", "", ",", "", "\n", " ").Replace(classBodyEN)) {
		if i := strings.Index(classBodyEN, w); (i+len(w) <= name || i >= name+len("Northern Herald")) && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.ts.URL+f.sessPath+"/stream", nil)
	stream, err := f.teacher.Client.Do(req)
	if err != nil || stream.StatusCode != http.StatusOK {
		t.Fatalf("open the stream: %v %v", err, stream)
	}
	defer stream.Body.Close()
	events := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(stream.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				events <- strings.TrimPrefix(sc.Text(), "data: ")
			}
		}
	}()

	var wg sync.WaitGroup
	errs := make(chan error, students*(marksEach+1))
	clients := make([]*http.Client, students)
	for i := range clients {
		clients[i] = newBrowser(t) // each student its own cookie jar
	}
	for i := range students {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := clients[i]
			post := func(path, body string) (int, string) {
				resp, err := client.Post(f.ts.URL+path, "application/json", strings.NewReader(body))
				if err != nil {
					return 0, err.Error()
				}
				defer resp.Body.Close()
				data, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(data)
			}
			status, body := post("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Student %d"}`, f.session.Code, i))
			if status != http.StatusOK {
				errs <- fmt.Errorf("student %d joins: %d %s", i, status, body)
				return
			}
			for k := range marksEach {
				word := words[(i+k)%len(words)] // five different words each
				if status, body := post(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, word)); status != http.StatusCreated {
					errs <- fmt.Errorf("student %d mark %d (%q): %d %s", i, k, word, status, body)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	var res struct {
		Students int `json:"students"`
		Marking  int `json:"marking"`
		Marks    int `json:"marks"`
	}
	f.teacher.get(f.sessPath + "/results").wantStatus(http.StatusOK).decode(&res)
	if res.Students != students || res.Marking != students || res.Marks != students*marksEach {
		t.Errorf("results: %+v, want %d students all marking and %d marks", res, students, students*marksEach)
	}
	want := fmt.Sprintf(`"students":%d,"marking":%d,"marks":%d`, students, students, students*marksEach)
	deadline := time.After(5 * time.Second)
	for {
		select {
		case data := <-events:
			if strings.Contains(data, want) {
				return
			}
		case <-deadline:
			t.Fatalf("the dashboard stream never showed %s", want)
		}
	}
}

// openStream reads a session's server-sent events' data lines.
func openStream(t *testing.T, ts *testServer, path, lastID string) (<-chan string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+path, nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := ts.Client.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	lines := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				lines <- data
			}
		}
		close(lines)
	}()
	return lines, cancel
}

func nextEvent(t *testing.T, lines <-chan string) string {
	t.Helper()
	select {
	case l := <-lines:
		return l
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5 s")
	}
	return ""
}

// A student's stream carries the phase only, never counts or names; a
// reconnection starts again from the current state.
func TestTheStreamStartsWithTheCurrentStateAndFollowsThePhase(t *testing.T) {
	f := newClassFixture(t)
	anna := f.student("Anna")
	lines, stop := openStream(t, anna, f.sessPath+"/stream", "")
	if got := nextEvent(t, lines); got != `{"phase":"marking"}` {
		t.Errorf("first event %s", got)
	}
	anna.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "Northburg")).wantStatus(http.StatusCreated)
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusOK)
	if got := nextEvent(t, lines); got != `{"phase":"reveal"}` {
		t.Errorf("after the reveal: %s", got)
	}
	stop()
	again, stop2 := openStream(t, anna, f.sessPath+"/stream", "1")
	defer stop2()
	if got := nextEvent(t, again); got != `{"phase":"reveal"}` {
		t.Errorf("after reconnecting: %s", got)
	}
	teacher, stop3 := openStream(t, f.teacher, f.sessPath+"/stream", "")
	defer stop3()
	if got := nextEvent(t, teacher); got != `{"phase":"reveal","students":1,"marking":1,"marks":1}` {
		t.Errorf("teacher's first event: %s", got)
	}
	f.ts.withNewBrowser().get(f.sessPath + "/stream").wantStatus(http.StatusUnauthorized)
	f.ts.loggedInAs("teacher2", "teacher").get(f.sessPath + "/stream").wantStatus(http.StatusForbidden)
}

// A stream outlives the server's write timeout, which is there for
// ordinary responses: each event gets a deadline of its own, so an event
// long after the timeout still arrives. Only the stream is served with the
// short timeout: logging in hashes a password, which takes as long as the
// machine needs, and must not race a timer. The event comes at least
// streamGather (300 ms) after the mark, so after the 50 ms timeout on any
// machine.
func TestTheStreamOutlivesTheServersTimeouts(t *testing.T) {
	srv, st := newEmptyServer(t)
	slow := httptest.NewUnstartedServer(srv.Config.Handler)
	slow.Config.WriteTimeout = 50 * time.Millisecond
	slow.Start()
	t.Cleanup(slow.Close)
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
	ts.seedLexicon()
	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	ev := ts.createEvent("E", "", "")
	a := ts.addArticle(ev, validArticle("Northern Herald", "H", classBodyEN))
	var s classSession
	teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev)).wantStatus(http.StatusCreated).decode(&s)
	path := "/api/sessions/" + id64(s.ID)
	onSlow := *teacher // the same cookies: a cookie belongs to the host, whatever the port
	onSlow.URL = slow.URL
	lines, stop := openStream(t, &onSlow, path+"/stream", "")
	defer stop()
	nextEvent(t, lines)
	f := classFixture{ts: ts, session: s}
	f.student("Anna").postJSON(path+"/marks", markBody(a.ID, classBodyEN, "Northburg")).wantStatus(http.StatusCreated)
	for {
		got, ok := <-lines
		if !ok {
			t.Fatal("the stream ended at the server's timeouts")
		}
		if strings.Contains(got, `"marks":1`) {
			return
		}
	}
}

// A teacher's open stream ends with the login: after logging out, counts
// no longer arrive on it.
func TestAStreamEndsWhenItsTeacherLogsOut(t *testing.T) {
	f := newClassFixture(t)
	lines, stop := openStream(t, f.teacher, f.sessPath+"/stream", "")
	defer stop()
	nextEvent(t, lines)
	f.teacher.postJSON("/api/logout", `{}`).wantStatus(http.StatusNoContent)
	f.student("Anna").postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "Northburg")).wantStatus(http.StatusCreated)
	deadline := time.After(10 * time.Second)
	for {
		select {
		case got, ok := <-lines:
			if !ok {
				return
			}
			t.Errorf("after logging out the stream still sent %s", got)
		case <-deadline:
			t.Fatal("the stream is still open 10 s after the logout")
		}
	}
}
