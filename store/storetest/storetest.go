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
	"testing"

	"framelens/analysis"
	"framelens/framing"
	"framelens/handlers"
)

// Store is everything a store provides: the seams through which the
// handlers and the analysis service use it, and seeding. A method added
// to a seam is part of the contract at once, and wants its test here.
type Store interface {
	handlers.EventStore
	handlers.OutletStore
	handlers.LexiconStore
	handlers.AccountStore
	handlers.ClassroomStore
	handlers.Health
	analysis.Store
	Seeds
}

// Seeds load shipped data once.
type Seeds interface {
	SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error)
	SeedEvent(ctx context.Context, name string, ev framing.EventInput, articles []framing.ArticleInput) (bool, error)
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
		{"Classroom", classSessions},
		{"Marks", marks},
		{"Seeds", seeds},
		{"Health", health},
		{"Backup", backup},
	} {
		t.Run(part.name, func(t *testing.T) { part.run(t, open) })
	}
}
