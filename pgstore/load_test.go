package pgstore_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"framelens/analysis"
	"framelens/auth"
	"framelens/demo"
	"framelens/framing"
	"framelens/handlers"
	"framelens/internal/pgtest"
	"framelens/lexicons"
	"framelens/pgstore"
	"framelens/store"
)

// serve runs the app's handlers over st until the test ends.
func serve(t *testing.T, st api) string {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	analyzer := analysis.New(st, log)
	srv := httptest.NewServer(handlers.New(handlers.Deps{Stores: handlers.Stores{EventStore: st, OutletStore: st,
		LexiconStore: st, AccountStore: st, ClassroomStore: st, Health: st}, Analyzer: analyzer, Log: log}))
	t.Cleanup(func() {
		srv.Close()
		analyzer.Close()
	})
	return srv.URL
}

// user is a browser with its own cookies.
type user struct {
	t      *testing.T
	client *http.Client
}

func newUser(t *testing.T) user {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return user{t: t, client: &http.Client{Jar: jar}}
}

// do sends a JSON request and decodes the answer into out (when not nil),
// failing the test unless the status is want.
func (u user) do(method, url, body string, want int, out any) {
	u.t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := u.client.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		u.t.Fatalf("%s %s: %d %s, want %d", method, url, resp.StatusCode, data, want)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			u.t.Fatalf("%s %s: %v", method, url, err)
		}
	}
}

// A SQLite database used through the app (seeded, an account logged in,
// an event with articles compared and aligned, its topics chosen, a
// lexicon edited, a class with students and marks) copied into PostgreSQL
// answers every store method as it did, and the teacher logs in there with
// the old password; the copy refuses a database that is not empty.
func TestLoadCopiesASQLiteDatabaseThatAnswersTheSame(t *testing.T) {
	src, err := store.Open(ctx, filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	demoEvent, demoArticles, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	if _, err := src.SeedEvent(ctx, "demo", demoEvent, demoArticles); err != nil {
		t.Fatal(err)
	}
	const password = "correct horse battery"
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	teacherAccount, err := src.CreateUser(ctx, "Teacher", hash, framing.RoleTeacher)
	if err != nil {
		t.Fatal(err)
	}

	app := serve(t, src)
	teacher := newUser(t)
	teacher.do("POST", app+"/api/login", `{"username":"teacher","password":"`+password+`"}`, http.StatusOK, nil)
	var ev framing.Event
	teacher.do("POST", app+"/api/events", `{"title":"Troops enter the city"}`, http.StatusCreated, &ev)
	body := "Troops entered Stepanakert on Monday. Officials called it a liberation; residents spoke of an occupation by separatists."
	other := "Azerbaijani forces took control of Khankendi after a one-day operation against separatist units, the ministry said."
	var art framing.Article
	teacher.do("POST", fmt.Sprintf("%s/api/events/%d/articles", app, ev.ID),
		fmt.Sprintf(`{"outlet":"Southern Post","headline":"Control taken","language":"en","body":%q}`, other), http.StatusCreated, nil)
	teacher.do("POST", fmt.Sprintf("%s/api/events/%d/articles", app, ev.ID),
		fmt.Sprintf(`{"outlet":"Northern Herald","headline":"In the city","language":"en","body":%q}`, body), http.StatusCreated, &art)
	teacher.do("PUT", fmt.Sprintf("%s/api/events/%d/lexicons", app, ev.ID), `{"lexicons":["nagorno-karabakh"]}`, http.StatusOK, nil)
	for _, id := range []int64{1, ev.ID} { // the demo event and this one
		teacher.do("GET", fmt.Sprintf("%s/api/events/%d/comparison", app, id), "", http.StatusOK, nil)
	}
	teacher.do("GET", fmt.Sprintf("%s/api/events/%d/alignments", app, ev.ID), "", http.StatusOK, nil)
	lexs, err := src.Lexicons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.CreateTerm(ctx, lexs[0].ID, lexs[0].Concepts[0].ID, framing.Term{Phrase: "newly coined", Language: "en",
		Note: "A note.", SourceURL: "https://example.org/usage"}); err != nil {
		t.Fatal(err)
	}
	var session struct {
		ID   int64
		Code string
	}
	teacher.do("POST", app+"/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev.ID), http.StatusCreated, &session)
	for _, name := range []string{"Anna", "Ben"} {
		student := newUser(t)
		student.do("POST", app+"/api/join", fmt.Sprintf(`{"code":%q,"nickname":%q}`, session.Code, name), http.StatusOK, nil)
		for _, word := range []string{"liberation", "occupation"} {
			i := strings.Index(body, word)
			student.do("POST", fmt.Sprintf("%s/api/sessions/%d/marks", app, session.ID),
				fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, art.ID, i, i+len(word)), http.StatusCreated, nil)
		}
	}

	dst, err := pgstore.Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	counts, err := dst.Load(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	for _, c := range counts {
		if c.Source != c.Here {
			t.Errorf("%s: %d rows in SQLite, %d in PostgreSQL", c.Table, c.Source, c.Here)
		}
		rows[c.Table] = c.Here
	}
	for table, least := range map[string]int64{"users": 1, "sessions": 1, "events": 2, "articles": 5, "lexicons": int64(len(shipped)),
		"article_analyses": 5, "event_results": 1, "event_lexicons": 1, "seeds": 1, "class_sessions": 1,
		"class_session_articles": 2, "class_students": 2, "class_marks": 4, "corpus_version": 1} {
		if rows[table] < least {
			t.Errorf("%s: %d rows copied, want at least %d", table, rows[table], least)
		}
	}

	// Every entity answers the same through the store's methods, times
	// to the microsecond that PostgreSQL keeps.
	tw := twin{t: t, sqlite: src, pg: dst}
	exact := func(what string, f func(api) (any, error)) {
		t.Helper()
		a, errA := f(tw.sqlite)
		b, errB := f(tw.pg)
		micro := func(t time.Time) time.Time { return t.Truncate(time.Microsecond).UTC() }
		if errA != nil || errB != nil || !reflect.DeepEqual(mapTimes(a, micro), mapTimes(b, micro)) {
			t.Errorf("%s differs:\nsqlite:   %+v %v\npostgres: %+v %v", what, a, errA, b, errB)
		}
	}
	exact("ListEvents", func(s api) (any, error) { return s.ListEvents(ctx) })
	exact("EventsVersion", func(s api) (any, error) { return s.EventsVersion(ctx) })
	exact("CorpusVersion", func(s api) (any, error) { return s.CorpusVersion(ctx) })
	exact("Outlets", func(s api) (any, error) { return s.Outlets(ctx) })
	exact("Lexicons", func(s api) (any, error) { return s.Lexicons(ctx) })
	exact("LexiconKey", func(s api) (any, error) { return s.LexiconKey(ctx) })
	exact("Users", func(s api) (any, error) { return s.Users(ctx) })
	exact("UserForLogin", func(s api) (any, error) {
		u, h, err := s.UserForLogin(ctx, "teacher")
		return []any{u, h}, err
	})
	events, err := src.ListEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	key, err := src.LexiconKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		exact("Event", func(s api) (any, error) { return s.Event(ctx, e.ID) })
		exact("EventTopics", func(s api) (any, error) { return s.EventTopics(ctx, e.ID) })
		exact("Articles", func(s api) (any, error) { return s.Articles(ctx, e.ID) })
		articles, err := src.Articles(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		exact("Analyses", func(s api) (any, error) { return s.Analyses(ctx, key, articles) })
		exact("ArticlesWithoutAnalysis", func(s api) (any, error) { return s.ArticlesWithoutAnalysis(ctx, key, 100) })
	}
	exact("EventResult", func(s api) (any, error) {
		var found [][]byte
		for _, e := range events {
			for _, kind := range []string{"alignments", "distinctive"} {
				data, ok, err := s.EventResult(ctx, e.ID, kind, "")
				if err != nil {
					return nil, err
				}
				found = append(found, data, []byte(fmt.Sprint(ok)))
			}
		}
		return found, nil
	})
	exact("TeacherSessions", func(s api) (any, error) { return s.TeacherSessions(ctx, teacherAccount.ID) })
	exact("ClassSession", func(s api) (any, error) { return s.ClassSession(ctx, session.ID) })
	cs, err := src.ClassSession(ctx, session.ID)
	if err != nil {
		t.Fatal(err)
	}
	exact("ClassSessionByCode", func(s api) (any, error) { return s.ClassSessionByCode(ctx, cs.Code) })
	exact("CountStudents", func(s api) (any, error) { return s.CountStudents(ctx, session.ID) })
	exact("SessionMarks", func(s api) (any, error) { return s.SessionMarks(ctx, session.ID) })
	marks, err := src.SessionMarks(ctx, session.ID)
	if err != nil {
		t.Fatal(err)
	}
	exact("StudentMarks", func(s api) (any, error) { return s.StudentMarks(ctx, marks[0].StudentID) })

	// The app on the copy: the teacher's session goes on, the old password
	// logs in, and new rows get new ids.
	copyApp := serve(t, dst)
	teacher.do("POST", copyApp+"/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev.ID), http.StatusCreated, nil)
	again := newUser(t)
	again.do("POST", copyApp+"/api/login", `{"username":"teacher","password":"`+password+`"}`, http.StatusOK, nil)
	var next framing.Event
	again.do("POST", copyApp+"/api/events", `{"title":"After the move"}`, http.StatusCreated, &next)
	if next.ID <= ev.ID {
		t.Errorf("a new event after the copy has id %d, not past %d", next.ID, ev.ID)
	}

	// A second copy into the same database is refused and changes nothing.
	if _, err := dst.Load(ctx, src); framing.ErrorCode(err) != framing.EConflict || !strings.Contains(framing.ErrorMessage(err), "not empty") {
		t.Errorf("a second copy: %v", err)
	}
	if list, err := dst.ListEvents(ctx); err != nil || len(list) != len(events)+1 {
		t.Errorf("after a refused copy: %d events, %v", len(list), err)
	}
}
