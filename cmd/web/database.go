package main

import (
	"context"
	"fmt"
	"os"

	"framelens/analysis"
	"framelens/framing"
	"framelens/handlers"
	"framelens/store"
)

// database is one opened store seen through the interfaces of the code
// that uses it: the handlers, the analysis service, seeding and backup.
// Every field is the same value; a database package provides them all,
// and the store contract suite (store/storetest) is what proves it.
type database struct {
	handlers.Stores
	analysis analysis.Store
	seeds    seeder
	backups  backuper
	close    func() error
}

// seeder loads shipped data once: the lexicons and the demo event.
type seeder interface {
	// SeedLexicons stores each lexicon never seeded before (one seeded
	// before scopes existed takes its shipped scope) and returns how many
	// it added.
	SeedLexicons(ctx context.Context, lexicons []framing.Lexicon) (int, error)
	// SeedEvent stores an event with its articles under a seed name once,
	// and reports whether it did.
	SeedEvent(ctx context.Context, name string, ev framing.EventInput, articles []framing.ArticleInput) (bool, error)
}

// backuper writes a consistent copy of the database to a new file.
type backuper interface {
	Backup(ctx context.Context, path string) error
}

// openDatabase opens the database that the -db setting names, creating and
// migrating it if needed. This is the one place that chooses the database:
// today every name is a SQLite file.
func openDatabase(ctx context.Context, name string) (database, error) {
	st, err := store.Open(ctx, name)
	if err != nil {
		return database{}, err
	}
	return database{
		Stores: handlers.Stores{EventStore: st, OutletStore: st, LexiconStore: st, AccountStore: st,
			ClassroomStore: st, Health: st},
		analysis: st,
		seeds:    st,
		backups:  st,
		close:    st.Close,
	}, nil
}

// openExistingDatabase opens a database that must exist already, for a
// command that copies or imports into it: opening would otherwise create
// an empty one. hint tells the person what to do when it is missing.
func openExistingDatabase(ctx context.Context, name, hint string) (database, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return database{}, fmt.Errorf("no database at %s (%s): %w", name, hint, err)
	}
	if fi.IsDir() {
		return database{}, fmt.Errorf("%s is a folder, not a database file (%s)", name, hint)
	}
	return openDatabase(ctx, name)
}
