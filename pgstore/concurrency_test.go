package pgstore_test

import (
	"fmt"
	"sync"
	"testing"

	"framelens/framing"
	"framelens/framing/classroom"
)

// eachStore runs f on a new SQLite store and a new PostgreSQL store.
func eachStore(t *testing.T, f func(t *testing.T, s api)) {
	tw := newTwin(t)
	t.Run("sqlite", func(t *testing.T) { f(t, tw.sqlite) })
	t.Run("postgres", func(t *testing.T) { f(t, tw.pg) })
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// Forty marks posted at once by one student land up to the limit and no
// further, on both stores; forty students marking at once meanwhile lose
// nothing.
func TestAddMarkKeepsItsLimitUnderConcurrency(t *testing.T) {
	eachStore(t, func(t *testing.T, s api) {
		must[framing.User](t)(s.CreateUser(ctx, "teacher", "h", "teacher"))
		ev := must[framing.Event](t)(s.CreateEvent(ctx, framing.EventInput{Title: "Summit"}))
		a := must[framing.Article](t)(s.AddArticle(ctx, ev.ID, article("BBC", "The two leaders met in Vladivostok on Wednesday and talked for hours.")))
		cs := must[classroom.Session](t)(s.CreateClassSession(ctx, classroom.SessionInput{EventID: ev.ID, TeacherID: 1, Title: "L"}, codes("ABCD2345")))
		// Forty students of the class, and one more for each round of
		// forty marks posted at once: a race lost shows in some rounds.
		const limit, posts, rounds = 10, 40, 5
		var students []classroom.Student
		for i := range posts + rounds {
			students = append(students, must[classroom.Student](t)(s.JoinClassSession(ctx, cs.ID, fmt.Sprintf("Student %d", i), fmt.Sprintf("token %d", i))))
		}
		var wg sync.WaitGroup
		for i := range posts {
			wg.Go(func() { // forty students, a mark each
				_, err := s.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: students[i].ID, ArticleID: a.ID,
					Span: framing.Span{Start: 0, End: 3}, Text: "The"}, limit)
				if err != nil {
					t.Errorf("student %d: %v", i, err)
				}
			})
		}
		for round := range rounds {
			st := students[posts+round]
			errs := make(chan error, posts)
			for i := range posts {
				wg.Go(func() { // one student, forty marks
					_, err := s.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: st.ID, ArticleID: a.ID,
						Span: framing.Span{Start: i, End: i + 1}, Text: "x"}, limit)
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			landed := 0
			for err := range errs {
				switch framing.ErrorCode(err) {
				case "":
					landed++
				case framing.EConflict:
				default:
					t.Errorf("AddMark: %v", err)
				}
			}
			if own := must[[]classroom.Mark](t)(s.StudentMarks(ctx, st.ID)); landed != limit || len(own) != limit {
				t.Errorf("round %d: %d marks landed, %d kept; want %d", round, landed, len(own), limit)
			}
		}
		if all := must[[]classroom.Mark](t)(s.SessionMarks(ctx, cs.ID)); len(all) != posts+rounds*limit {
			t.Errorf("the session has %d marks, want %d", len(all), posts+rounds*limit)
		}
	})
}

// Articles added at once to events that share outlets, while the outlets
// are edited, all land: each such write raises the revisions of several
// events, and they wait for each other in one order instead of
// deadlocking; two that name a new outlet at once both land, with one
// outlet. The corpus version counts each.
func TestConcurrentArticleWritesAllLand(t *testing.T) {
	eachStore(t, func(t *testing.T, s api) {
		e1 := must[framing.Event](t)(s.CreateEvent(ctx, framing.EventInput{Title: "One"}))
		e2 := must[framing.Event](t)(s.CreateEvent(ctx, framing.EventInput{Title: "Two"}))
		outlets := []string{"Agency", "Wire"}
		for _, o := range outlets {
			for _, ev := range []int64{e1.ID, e2.ID} {
				must[framing.Article](t)(s.AddArticle(ctx, ev, article(o, fmt.Sprintf("The first text of %s in event %d.", o, ev))))
			}
		}
		v0 := must[int64](t)(s.CorpusVersion(ctx))
		const writers = 20
		var wg sync.WaitGroup
		for i := range writers {
			wg.Go(func() {
				if _, err := s.AddArticle(ctx, e2.ID, article(fmt.Sprintf("New outlet %d", i/2), fmt.Sprintf("Text number %d of the new outlets.", i))); err != nil {
					t.Errorf("AddArticle of a new outlet: %v", err)
				}
			})
			wg.Go(func() {
				ev := []int64{e1.ID, e2.ID}[i%2]
				if _, err := s.AddArticle(ctx, ev, article(outlets[i/2%2], fmt.Sprintf("Text number %d of the writers.", i))); err != nil {
					t.Errorf("AddArticle: %v", err)
				}
			})
			wg.Go(func() {
				if _, err := s.UpdateOutlet(ctx, int64(1+i%2), framing.OutletInput{Country: fmt.Sprintf("Country %d", i)}); err != nil {
					t.Errorf("UpdateOutlet: %v", err)
				}
			})
		}
		wg.Wait()
		if v := must[int64](t)(s.CorpusVersion(ctx)); v != v0+2*writers {
			t.Errorf("corpus version %d, want %d", v, v0+2*writers)
		}
		if n := len(must[[]framing.Outlet](t)(s.Outlets(ctx))); n != 2+writers/2 {
			t.Errorf("%d outlets, want %d", n, 2+writers/2)
		}
		if o := must[framing.Outlet](t)(s.Outlet(ctx, 1)); o.ArticleCount != writers/2+2 {
			t.Errorf("outlet has %d articles, want %d", o.ArticleCount, writers/2+2)
		}
		// Every article write and every outlet edit raised event one's
		// revision, since it names both outlets, and its own articles'
		// additions once more: four before, then the writers'.
		ev := must[framing.Event](t)(s.Event(ctx, e1.ID))
		if want := int64(4 + writers + writers/2 + writers); ev.Revision != want {
			t.Errorf("event one's revision %d, want %d", ev.Revision, want)
		}
	})
}
