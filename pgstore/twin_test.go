package pgstore_test

import (
	"context"
	"errors"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/internal/pgtest"
	"framelens/pgstore"
	"framelens/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// api is every exported method of store.Store but Backup (a file copy
// is SQLite's alone: see the backup command). Both stores must have
// them all with the same signatures, or this file does not compile.
type api interface {
	Analyses(ctx context.Context, lexiconKey string, articles []framing.Article) (map[int64][]framing.Match, error)
	SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error
	ArticlesWithoutAnalysis(ctx context.Context, lexiconKey string, limit int) ([]framing.Article, error)
	Article(ctx context.Context, id int64) (framing.Article, error)
	UpdateArticle(ctx context.Context, id, eventID int64, in framing.ArticleInput) (framing.Article, error)
	DeleteArticle(ctx context.Context, id int64) error
	Articles(ctx context.Context, eventID int64) ([]framing.Article, error)
	AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error)
	IntegrityCheck(ctx context.Context) error
	SchemaVersion(ctx context.Context) (int64, error)
	ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine], progress func(framing.ImportProgress)) (framing.ImportReport, error)
	CreateClassSession(ctx context.Context, in classroom.SessionInput, newCode func() (string, error)) (classroom.Session, error)
	ClassSession(ctx context.Context, id int64) (classroom.Session, error)
	ClassSessionByCode(ctx context.Context, code string) (classroom.Session, error)
	TeacherSessions(ctx context.Context, teacherID int64) ([]classroom.Session, error)
	SetClassPhase(ctx context.Context, id int64, phase classroom.Phase) error
	JoinClassSession(ctx context.Context, sessionID int64, nickname, tokenHash string) (classroom.Student, error)
	StudentByToken(ctx context.Context, tokenHash string) (classroom.Student, error)
	CountStudents(ctx context.Context, sessionID int64) (int, error)
	AddMark(ctx context.Context, m classroom.Mark, limit int) (classroom.Mark, error)
	DeleteMark(ctx context.Context, studentID, markID int64) error
	SessionMarks(ctx context.Context, sessionID int64) ([]classroom.Mark, error)
	StudentMarks(ctx context.Context, studentID int64) ([]classroom.Mark, error)
	CountStudentMarks(ctx context.Context, studentID int64) (int, error)
	ConceptInLexicons(ctx context.Context, conceptID int64, topics []string) (bool, error)
	CorpusVersion(ctx context.Context) (int64, error)
	EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error
	EventResult(ctx context.Context, eventID int64, kind, version string) ([]byte, bool, error)
	SaveEventResult(ctx context.Context, eventID int64, kind, version string, data []byte) error
	EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error)
	ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error
	ResetEventTopics(ctx context.Context, eventID int64) error
	SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error
	ListEvents(ctx context.Context) ([]framing.EventSummary, error)
	EventsVersion(ctx context.Context) (string, error)
	Event(ctx context.Context, id int64) (framing.Event, error)
	CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error)
	Lexicon(ctx context.Context, id int64) (framing.Lexicon, error)
	CreateConcept(ctx context.Context, lexID int64, c framing.Concept) (framing.Concept, error)
	UpdateConcept(ctx context.Context, lexID int64, c framing.Concept) error
	DeleteConcept(ctx context.Context, lexID, conceptID int64) error
	CreateTerm(ctx context.Context, lexID, conceptID int64, t framing.Term) (framing.Term, error)
	UpdateTerm(ctx context.Context, lexID int64, t framing.Term) error
	DeleteTerm(ctx context.Context, lexID, termID int64) error
	CreateLexicon(ctx context.Context, lex framing.Lexicon) (framing.Lexicon, error)
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
	LexiconKey(ctx context.Context) (string, error)
	SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error)
	Outlets(ctx context.Context) ([]framing.Outlet, error)
	Outlet(ctx context.Context, id int64) (framing.Outlet, error)
	UpdateOutlet(ctx context.Context, id int64, in framing.OutletInput) (framing.Outlet, error)
	Writable(ctx context.Context) error
	SeedEvent(ctx context.Context, name string, ev framing.EventInput, articles []framing.ArticleInput) (bool, error)
	Close() error
	Ping(ctx context.Context) error
	CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error)
	CountUsers(ctx context.Context) (int, error)
	UserForLogin(ctx context.Context, username string) (framing.User, string, error)
	CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error
	SessionUser(ctx context.Context, tokenHash string) (framing.User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	Users(ctx context.Context) ([]framing.User, error)
}

var (
	_ api = (*store.Store)(nil)
	_ api = (*pgstore.Store)(nil)
)

// twin is a SQLite store and a PostgreSQL store, both new, that a test
// drives with the same calls.
type twin struct {
	t          *testing.T
	sqlite, pg api
}

func newTwin(t *testing.T) twin {
	t.Helper()
	ctx := context.Background()
	url := pgtest.URL(t) // skips without PostgreSQL
	pg, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatalf("pgstore.Open: %v", err)
	}
	t.Cleanup(func() { pg.Close() })
	sq, err := store.Open(ctx, filepath.Join(t.TempDir(), "framelens.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { sq.Close() })
	return twin{t: t, sqlite: sq, pg: pg}
}

// both calls f on each store and fails the test unless the results and
// the errors are the same; it returns PostgreSQL's result.
func both[T any](tw twin, what string, f func(api) (T, error)) T {
	tw.t.Helper()
	a, errA := f(tw.sqlite)
	b, errB := f(tw.pg)
	sameErr(tw.t, what, errA, errB)
	if na, nb := normalize(a), normalize(b); !reflect.DeepEqual(na, nb) {
		tw.t.Errorf("%s differs:\nsqlite:   %+v\npostgres: %+v", what, na, nb)
	}
	return b
}

// both0 is both for a call that returns only an error.
func both0(tw twin, what string, f func(api) error) {
	tw.t.Helper()
	both(tw, what, func(s api) (struct{}, error) { return struct{}{}, f(s) })
}

// fails is both for a call that must fail with the error code.
func fails[T any](tw twin, what, code string, f func(api) (T, error)) {
	tw.t.Helper()
	both(tw, what, func(s api) (T, error) {
		v, err := f(s)
		if framing.ErrorCode(err) != code {
			tw.t.Errorf("%s: error %v, want code %s", what, err, code)
		}
		return v, err
	})
}

// sameErr fails unless both errors are nil, or both carry the same
// framing error (code, message and fields), or neither carries one.
func sameErr(t *testing.T, what string, a, b error) {
	t.Helper()
	if (a == nil) != (b == nil) {
		t.Errorf("%s: sqlite error %v, postgres error %v", what, a, b)
		return
	}
	var fa, fb *framing.Error
	okA, okB := errors.As(a, &fa), errors.As(b, &fb)
	if okA != okB || okA && !reflect.DeepEqual(*fa, *fb) {
		t.Errorf("%s: sqlite error %v, postgres error %v", what, a, b)
	}
}

// normalize is v with every non-zero time replaced by one instant: the
// stores stamp rows with their own clocks and precisions (SQLite to the
// second, PostgreSQL to the microsecond), while zero stays zero.
func normalize(v any) any {
	return mapTimes(v, func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return stamp
	})
}

var (
	timeType = reflect.TypeFor[time.Time]()
	stamp    = time.Unix(1, 0).UTC()
)

// mapTimes is a deep copy of v with every time replaced by f(time).
func mapTimes(v any, f func(time.Time) time.Time) any {
	if v == nil {
		return nil
	}
	return mapTimesValue(reflect.ValueOf(v), f).Interface()
}

func mapTimesValue(v reflect.Value, f func(time.Time) time.Time) reflect.Value {
	switch {
	case v.Type() == timeType:
		return reflect.ValueOf(f(v.Interface().(time.Time)))
	case v.Kind() == reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(mapTimesValue(v.Field(i), f))
			}
		}
		return out
	case v.Kind() == reflect.Slice && !v.IsNil():
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(mapTimesValue(v.Index(i), f))
		}
		return out
	case v.Kind() == reflect.Map && !v.IsNil():
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), mapTimesValue(it.Value(), f))
		}
		return out
	case v.Kind() == reflect.Pointer && !v.IsNil():
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(mapTimesValue(v.Elem(), f))
		return out
	}
	return v
}

// lines is an import of the given lines, numbered from 1.
func lines(ls ...framing.ImportLine) iter.Seq[framing.ImportLine] {
	return func(yield func(framing.ImportLine) bool) {
		for i, l := range ls {
			if l.N == 0 {
				l.N = i + 1
			}
			if !yield(l) {
				return
			}
		}
	}
}

var ctx = context.Background()
