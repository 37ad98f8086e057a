package pgstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"framelens/demo"
	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/internal/pgtest"
	"framelens/lexicons"
	"framelens/pgstore"
	"framelens/store"
)

// benchStores opens a SQLite and a PostgreSQL store with the shipped
// lexicons, the demo event and a class of forty students, and runs f on
// each as a sub-benchmark, so that one run compares them:
//
//	FRAMELENS_PG=1 go test ./pgstore -run '^$' -bench . -benchmem
func benchStores(b *testing.B, f func(b *testing.B, s api, fx *fixture)) {
	ctx := context.Background()
	sq, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sq.Close() })
	url := pgtest.URL(b)
	pg, err := pgstore.Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { pg.Close() })
	for _, st := range []struct {
		name, url string
		s         api
	}{{"sqlite", "", sq}, {"postgres", url, pg}} {
		fx := benchFixture(b, st.s)
		b.Run(st.name, func(b *testing.B) {
			cpu := startCPU(b, st.url)
			f(b, st.s, fx)
			cpu.report(b)
		})
	}
}

// fixture is a class and its students; next numbers the marks, over
// every round of a benchmark, so that no mark is made twice.
type fixture struct {
	class    classroom.Session
	students []classroom.Student
	next     atomic.Int64
}

// mark is the next mark of the class: the students take turns.
func (fx *fixture) mark() classroom.Mark {
	i := int(fx.next.Add(1))
	st := fx.students[i%len(fx.students)]
	start := i / len(fx.students)
	return classroom.Mark{SessionID: fx.class.ID, StudentID: st.ID, ArticleID: 1, Span: framing.Span{Start: start, End: start + 5}, Text: "mark"}
}

func benchFixture(b *testing.B, s api) *fixture {
	ctx := context.Background()
	shipped, err := lexicons.Shipped()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SeedLexicons(ctx, shipped); err != nil {
		b.Fatal(err)
	}
	ev, articles, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.SeedEvent(ctx, "demo", ev, articles); err != nil {
		b.Fatal(err)
	}
	if _, err := s.CreateUser(ctx, "teacher", "h", "teacher"); err != nil {
		b.Fatal(err)
	}
	cs, err := s.CreateClassSession(ctx, classroom.SessionInput{EventID: 1, TeacherID: 1, Title: "Bench", ArticleIDs: []int64{1, 2, 3}}, codes("ABCD2345"))
	if err != nil {
		b.Fatal(err)
	}
	var students []classroom.Student
	for i := range 40 {
		st, err := s.JoinClassSession(ctx, cs.ID, fmt.Sprintf("Student %d", i), fmt.Sprintf("token-%d", i))
		if err != nil {
			b.Fatal(err)
		}
		students = append(students, st)
	}
	return &fixture{class: cs, students: students}
}

// The store's part of a comparison page served from the page cache: the
// event with its revision, and the lexicons' version key.
func BenchmarkCachedComparisonPageQueries(b *testing.B) {
	benchStores(b, func(b *testing.B, s api, _ *fixture) {
		ctx := context.Background()
		for b.Loop() {
			if _, err := s.Event(ctx, 1); err != nil {
				b.Fatal(err)
			}
			if _, err := s.LexiconKey(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// One student's mark, the forty students of a class taking turns.
func BenchmarkAddMark(b *testing.B) {
	benchStores(b, func(b *testing.B, s api, fx *fixture) {
		ctx := context.Background()
		for b.Loop() {
			if _, err := s.AddMark(ctx, fx.mark(), 1<<30); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Forty students marking at once: the time per mark is the class's
// marks per second turned over.
func BenchmarkAddMarkParallel(b *testing.B) {
	benchStores(b, func(b *testing.B, s api, fx *fixture) {
		ctx := context.Background()
		b.SetParallelism(max(1, 40/runtime.GOMAXPROCS(0)))
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.AddMark(ctx, fx.mark(), 1<<30); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
