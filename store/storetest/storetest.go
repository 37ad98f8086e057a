// Package storetest is the contract every store of Framelens passes: the
// behaviour that the handlers, the analysis service and the commands rely
// on, written once so that a second database (PostgreSQL) runs the same
// tests as SQLite, unchanged. A store's own test calls Run with a function
// that opens a new, empty store.
//
// Versions and revisions are part of the contract, whoever keeps them (in
// SQLite, triggers keep an event's revision and the corpus version; code
// keeps a lexicon's version): an event's revision grows with every change
// to its articles, to the outlets they name and to its chosen topics; the
// corpus version with every text added, changed or removed; a lexicon's
// version, and so the lexicon key, with every edit.
package storetest

import (
	"context"
	"iter"
	"testing"
	"time"

	"framelens/framing"
)

// Store is everything a store provides, by entity. The seams of the code
// that uses a store (handlers.Stores, analysis.Store, the commands'
// interfaces) are each a part of it; seams_test.go checks that.
type Store interface {
	Events
	Outlets
	Lexicons
	Kept
	Accounts
	Classroom
	Seeds
	Health
}

// Events are events, their articles, their topics and bulk imports.
type Events interface {
	ListEvents(ctx context.Context) ([]framing.EventSummary, error)
	EventsVersion(ctx context.Context) (string, error)
	Event(ctx context.Context, id int64) (framing.Event, error)
	CreateEvent(ctx context.Context, in framing.EventInput) (framing.Event, error)
	EventTopics(ctx context.Context, eventID int64) (framing.EventTopics, error)
	ChooseEventTopics(ctx context.Context, eventID int64, slugs []string) error
	ResetEventTopics(ctx context.Context, eventID int64) error
	SaveDetectedTopics(ctx context.Context, eventID int64, slugs []string, key string) error
	Articles(ctx context.Context, eventID int64) ([]framing.Article, error)
	AddArticle(ctx context.Context, eventID int64, in framing.ArticleInput) (framing.Article, error)
	Article(ctx context.Context, id int64) (framing.Article, error)
	UpdateArticle(ctx context.Context, id, eventID int64, in framing.ArticleInput) (framing.Article, error)
	DeleteArticle(ctx context.Context, id int64) error
	ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
		progress func(framing.ImportProgress)) (framing.ImportReport, error)
}

// Outlets are the outlets articles name.
type Outlets interface {
	Outlets(ctx context.Context) ([]framing.Outlet, error)
	Outlet(ctx context.Context, id int64) (framing.Outlet, error)
	UpdateOutlet(ctx context.Context, id int64, in framing.OutletInput) (framing.Outlet, error)
}

// Lexicons are the lexicons, their edits and the key of their versions.
type Lexicons interface {
	Lexicons(ctx context.Context) ([]framing.Lexicon, error)
	Lexicon(ctx context.Context, id int64) (framing.Lexicon, error)
	LexiconKey(ctx context.Context) (string, error)
	CreateLexicon(ctx context.Context, lex framing.Lexicon) (framing.Lexicon, error)
	CreateConcept(ctx context.Context, lexID int64, c framing.Concept) (framing.Concept, error)
	UpdateConcept(ctx context.Context, lexID int64, c framing.Concept) error
	DeleteConcept(ctx context.Context, lexID, conceptID int64) error
	CreateTerm(ctx context.Context, lexID, conceptID int64, t framing.Term) (framing.Term, error)
	UpdateTerm(ctx context.Context, lexID int64, t framing.Term) error
	DeleteTerm(ctx context.Context, lexID, termID int64) error
}

// Kept is what is computed from stored texts and kept: analyses per
// lexicon key, results of whole events per version, and the corpus.
type Kept interface {
	Analyses(ctx context.Context, lexiconKey string, articles []framing.Article) (map[int64][]framing.Match, error)
	SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error
	EventResult(ctx context.Context, eventID int64, kind, version string) ([]byte, bool, error)
	SaveEventResult(ctx context.Context, eventID int64, kind, version string, data []byte) error
	CorpusVersion(ctx context.Context) (int64, error)
	EachArticle(ctx context.Context, outlet string, fn func(framing.Article) error) error
}

// Accounts are the accounts and their login sessions.
type Accounts interface {
	CountUsers(ctx context.Context) (int, error)
	Users(ctx context.Context) ([]framing.User, error)
	CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error)
	UserForLogin(ctx context.Context, username string) (framing.User, string, error)
	CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error
	SessionUser(ctx context.Context, tokenHash string) (framing.User, error)
	DeleteSession(ctx context.Context, tokenHash string) error
}

// Classroom is classroom sessions, their students and marks.
type Classroom interface {
	CreateClassSession(ctx context.Context, in framing.ClassSessionInput, newCode func() (string, error)) (framing.ClassSession, error)
	ClassSession(ctx context.Context, id int64) (framing.ClassSession, error)
	ClassSessionByCode(ctx context.Context, code string) (framing.ClassSession, error)
	TeacherSessions(ctx context.Context, teacherID int64) ([]framing.ClassSession, error)
	SetClassPhase(ctx context.Context, id int64, phase framing.Phase) error
	JoinClassSession(ctx context.Context, sessionID int64, nickname, tokenHash string) (framing.Student, error)
	StudentByToken(ctx context.Context, tokenHash string) (framing.Student, error)
	CountStudents(ctx context.Context, sessionID int64) (int, error)
	AddMark(ctx context.Context, m framing.Mark, limit int) (framing.Mark, error)
	DeleteMark(ctx context.Context, studentID, markID int64) error
	SessionMarks(ctx context.Context, sessionID int64) ([]framing.Mark, error)
	StudentMarks(ctx context.Context, studentID int64) ([]framing.Mark, error)
}

// Seeds load shipped data once.
type Seeds interface {
	SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error)
	SeedEvent(ctx context.Context, name string, ev framing.EventInput, articles []framing.ArticleInput) (bool, error)
}

// Health tells whether the database answers and can be written.
type Health interface {
	Ping(ctx context.Context) error
	Writable(ctx context.Context) error
}

// Backuper is a store that copies its database to a file. Not every
// database is backed up by the application (PostgreSQL has pg_dump), so
// its part of the contract runs only for a store that has it.
type Backuper interface {
	Backup(ctx context.Context, path string) error
}

// Run runs the whole contract, each test on a store that open makes new
// and empty; open closes it when the test ends (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) Store) {
	for _, part := range []struct {
		name string
		run  func(*testing.T, func(*testing.T) Store)
	}{
		{"Events", events},
		{"Articles", articles},
		{"Revisions", revisions},
		{"Outlets", outlets},
		{"Topics", topics},
		{"Import", imports},
		{"Lexicons", lexicons},
		{"LexiconVersions", lexiconVersions},
		{"Analyses", analyses},
		{"EventResults", eventResults},
		{"Corpus", corpus},
		{"Accounts", accounts},
		{"Classroom", classroom},
		{"Marks", marks},
		{"Seeds", seeds},
		{"Health", health},
		{"Backup", backup},
	} {
		t.Run(part.name, func(t *testing.T) { part.run(t, open) })
	}
}
