package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"framelens/internal/pgtest"
)

// lessonHang bounds each wait of the two-instance lesson. It only keeps a
// broken run from hanging: nothing is asserted about how long anything
// takes, and a loaded machine passes well inside it.
const lessonHang = 2 * time.Minute

// lessonSpan is a wording of the demo event that the lexicon knows: where
// it is and the concept it names.
type lessonSpan struct {
	article, start, end, concept int64
}

// lessonStudent is one student's browser: the cookie jar keeps their
// student cookie, which, being for 127.0.0.1, goes to either instance.
type lessonStudent struct {
	name   string
	client *http.Client
	home   string // the instance the student joined on
	marks  []int64
}

// A class runs on two instances of the app over one PostgreSQL database,
// with no sticky sessions: the teacher on A, forty students joining and
// marking on A and B in turn. The teacher's stream on A hears what happens
// on B; both see the reveal; results and exports agree whichever instance
// serves them; and when B is killed mid-lesson its students carry on
// through A with the cookies they have, losing nothing.
func TestTwoInstancesOnOnePostgreSQLRunALesson(t *testing.T) {
	db := pgtest.URL(t)
	a := startProcess(t, db) // first alone: it creates the tables and seeds the demo
	b := startProcess(t, db)
	instances := []string{a.base, b.base}
	teacher := a.login(t)

	var events struct {
		Events []struct {
			ID       int64 `json:"id"`
			Articles int   `json:"articles"`
		} `json:"events"`
	}
	lessonCall(t, teacher, "GET", a.base+"/api/events", nil, http.StatusOK, &events)
	if len(events.Events) != 1 || events.Events[0].Articles < 2 {
		t.Fatalf("the seeded database has events %+v, want the demo event", events.Events)
	}
	eventID := events.Events[0].ID
	spans := lessonSpans(t, teacher, a.base, eventID)

	var session struct {
		ID   int64  `json:"id"`
		Code string `json:"code"`
	}
	lessonCall(t, teacher, "POST", a.base+"/api/sessions", map[string]any{"event_id": eventID}, http.StatusCreated, &session)
	sessionURL := fmt.Sprintf("/api/sessions/%d", session.ID)
	dashboard := openLessonStream(t, teacher, a.base+sessionURL+"/stream")
	dashboard.waitFor(t, "the session opened", func(s lessonState) bool { return s.Phase == "marking" })

	const classSize = 40
	students := make([]*lessonStudent, classSize)
	for i := range students {
		jar, _ := cookiejar.New(nil)
		students[i] = &lessonStudent{name: fmt.Sprintf("Student %d", i+1), client: &http.Client{Jar: jar}, home: instances[i%2]}
	}
	for _, st := range students {
		lessonCall(t, st.client, "POST", st.home+"/api/join", map[string]string{"code": session.Code, "nickname": st.name}, http.StatusOK, nil)
	}
	dashboard.waitFor(t, "forty students joined", func(s lessonState) bool { return s.Students == classSize })

	onB := func(st *lessonStudent) bool { return st.home == b.base }
	onA := func(st *lessonStudent) bool { return st.home == a.base }
	// B's students mark first and alone, so that the counts A's stream
	// reaches can only come from B.
	total := markRound(t, students, onB, spans, 0, sessionURL)
	dashboard.waitFor(t, "the marks made on B", func(s lessonState) bool { return s.Marks == total && s.Marking == classSize/2 })
	total += markRound(t, students, onA, spans, 1, sessionURL)
	total += markRound(t, students, onB, spans, 2, sessionURL)
	dashboard.waitFor(t, "every mark", func(s lessonState) bool { return s.Marks == total && s.Marking == classSize })

	watchA := openLessonStream(t, students[0].client, a.base+sessionURL+"/stream")
	watchB := openLessonStream(t, students[1].client, b.base+sessionURL+"/stream")
	watchA.waitFor(t, "a student's stream on A", func(s lessonState) bool { return s.Phase == "marking" })
	watchB.waitFor(t, "a student's stream on B", func(s lessonState) bool { return s.Phase == "marking" })
	lessonCall(t, teacher, "POST", a.base+sessionURL+"/phase", map[string]string{"phase": "reveal"}, http.StatusOK, nil)
	watchA.waitFor(t, "the reveal on A", func(s lessonState) bool { return s.Phase == "reveal" })
	watchB.waitFor(t, "the reveal on B", func(s lessonState) bool { return s.Phase == "reveal" })
	for _, st := range students {
		checkOwnMarks(t, st, st.home, sessionURL, "reveal")
	}

	results := sameFromBoth(t, teacher, instances, sessionURL+"/results")
	checkResults(t, results, classSize, students)
	for _, kind := range []string{"marks", "wordings"} {
		sameFromBoth(t, teacher, instances, sessionURL+"/export?kind="+kind)
	}
	checkMarksCSV(t, lessonGet(t, teacher, a.base+sessionURL+"/export?kind=marks"), students)

	// B dies mid-lesson; its students go on through A with their cookies.
	b.kill(t)
	before := total
	total += markRound(t, students, onB, spans, 3, sessionURL, a.base)
	if total == before {
		t.Fatal("B's students made no marks through A")
	}
	dashboard.waitFor(t, "the marks made through A after B died", func(s lessonState) bool { return s.Marks == total })
	for _, st := range students {
		checkOwnMarks(t, st, a.base, sessionURL, "reveal")
	}
	checkResults(t, lessonGet(t, teacher, a.base+sessionURL+"/results"), classSize, students)
	checkMarksCSV(t, lessonGet(t, teacher, a.base+sessionURL+"/export?kind=marks"), students)
}

// lessonSpans are the wordings of the event that the lexicon finds, each
// with its concept, from the comparison's contexts.
func lessonSpans(t *testing.T, c *http.Client, base string, eventID int64) []lessonSpan {
	t.Helper()
	var cmp struct {
		Rows []struct {
			ConceptID int64 `json:"concept_id"`
			Cells     []struct {
				ArticleID int64 `json:"article_id"`
				Terms     []struct {
					Contexts []struct {
						Start int64 `json:"start"`
						End   int64 `json:"end"`
					} `json:"contexts"`
				} `json:"terms"`
			} `json:"cells"`
		} `json:"rows"`
	}
	lessonCall(t, c, "GET", fmt.Sprintf("%s/api/events/%d/comparison", base, eventID), nil, http.StatusOK, &cmp)
	var spans []lessonSpan
	for _, r := range cmp.Rows {
		for _, cell := range r.Cells {
			for _, term := range cell.Terms {
				for _, ctx := range term.Contexts {
					spans = append(spans, lessonSpan{cell.ArticleID, ctx.Start, ctx.End, r.ConceptID})
				}
			}
		}
	}
	concepts := map[int64]bool{}
	for _, s := range spans {
		concepts[s.concept] = true
	}
	if len(spans) < 8 || len(concepts) < 2 {
		t.Fatalf("the demo event has %d known wordings of %d concepts; the lesson needs 8 of 2", len(spans), len(concepts))
	}
	return spans
}

// markRound has each student that who accepts make one mark at once, each
// in round on a wording of its own: students share wordings, some naming
// the lexicon's concept, some another, some none. through, if given, is the
// instance they post to instead of their own. It returns how many marks
// were made.
func markRound(t *testing.T, students []*lessonStudent, who func(*lessonStudent) bool, spans []lessonSpan, round int,
	sessionURL string, through ...string) int {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	made := 0
	for i, st := range students {
		if !who(st) {
			continue
		}
		made++
		sp := spans[(i+round*7)%len(spans)] // students i and i+len(spans)… share it
		concept := int64(0)
		switch i % 3 {
		case 0:
			concept = sp.concept
		case 1:
			concept = spans[(i+round*7+1)%len(spans)].concept // may be another concept
			if concept == sp.concept {
				concept = 0
			}
		}
		base := st.home
		if len(through) > 0 {
			base = through[0]
		}
		wg.Go(func() {
			var m struct {
				ID int64 `json:"id"`
			}
			err := lessonDo(st.client, "POST", base+sessionURL+"/marks",
				map[string]any{"article_id": sp.article, "start": sp.start, "end": sp.end, "concept_id": concept}, http.StatusCreated, &m)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", st.name, err))
				return
			}
			st.marks = append(st.marks, m.ID)
		})
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	if len(errs) > 0 {
		t.FailNow()
	}
	return made
}

// checkOwnMarks asks base for the student's own marks: the phase their
// next page shows, and every mark they made.
func checkOwnMarks(t *testing.T, st *lessonStudent, base, sessionURL, phase string) {
	t.Helper()
	var own struct {
		Phase string `json:"phase"`
		Marks []struct {
			ID int64 `json:"id"`
		} `json:"marks"`
	}
	lessonCall(t, st.client, "GET", base+sessionURL+"/marks", nil, http.StatusOK, &own)
	var ids []int64
	for _, m := range own.Marks {
		ids = append(ids, m.ID)
	}
	slices.Sort(ids)
	want := slices.Sorted(slices.Values(st.marks))
	if own.Phase != phase || !slices.Equal(ids, want) {
		t.Errorf("%s on %s: phase %q and marks %v, want %q and %v", st.name, base, own.Phase, ids, phase, want)
	}
}

// sameFromBoth fetches path from each instance and wants the same answer,
// the join address aside (it names the host asked).
func sameFromBoth(t *testing.T, c *http.Client, instances []string, path string) []byte {
	t.Helper()
	var first []byte
	for i, base := range instances {
		body := lessonGet(t, c, base+path)
		body = bytes.ReplaceAll(body, []byte(strings.TrimPrefix(base, "http://")), []byte("HOST"))
		if i == 0 {
			first = body
		} else if !bytes.Equal(body, first) {
			t.Errorf("GET %s differs between the instances:\n%s\n%s", path, first, body)
		}
	}
	return first
}

// checkResults wants the results to count every student and every mark.
func checkResults(t *testing.T, raw []byte, students int, class []*lessonStudent) {
	t.Helper()
	var res struct {
		Students int `json:"students"`
		Marking  int `json:"marking"`
		Marks    int `json:"marks"`
		Wordings []struct {
			Marks    int `json:"marks"`
			Concepts []struct {
				Students int `json:"students"`
			} `json:"concepts"`
		} `json:"wordings"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("results: %v", err)
	}
	marks, inWordings, chosen := 0, 0, 0
	for _, st := range class {
		marks += len(st.marks)
	}
	for _, w := range res.Wordings {
		inWordings += w.Marks
		for _, c := range w.Concepts {
			chosen += c.Students
		}
	}
	if res.Students != students || res.Marking != students || res.Marks != marks || inWordings != marks || chosen == 0 {
		t.Errorf("results: %d students, %d marking, %d marks (%d in wordings, %d concept choices); want %d, %d, %d marks and some concepts",
			res.Students, res.Marking, res.Marks, inWordings, chosen, students, students, marks)
	}
}

// checkMarksCSV wants one line per mark made, each under its student.
func checkMarksCSV(t *testing.T, data []byte, class []*lessonStudent) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("marks CSV: %v\n%s", err, data)
	}
	got := map[int64]string{}
	for _, r := range rows[1:] {
		id, err := strconv.ParseInt(r[0], 10, 64)
		if err != nil {
			t.Fatalf("marks CSV line %q: %v", r, err)
		}
		got[id] = r[1]
	}
	want := 0
	for _, st := range class {
		for _, id := range st.marks {
			want++
			if got[id] != st.name {
				t.Errorf("marks CSV: mark %d is under %q, want %q", id, got[id], st.name)
			}
		}
	}
	if len(got) != want || len(rows)-1 != want {
		t.Errorf("marks CSV: %d lines with %d marks, want %d", len(rows)-1, len(got), want)
	}
}
