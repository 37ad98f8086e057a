package main

import (
	"context"
	"fmt"
	"os"

	"log/slog"
	"net/url"
	"strings"
	"time"

	"framelens/analysis"
	"framelens/framing"
	"framelens/handlers"
	"framelens/pgstore"
	"framelens/queue"
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
	backups  backuper // nil for PostgreSQL, which pg_dump backs up
	close    func() error

	// shared are what instances on one database share: nil for SQLite,
	// whose one process keeps class streams, throttles and jobs itself.
	shared *sharedWork
}

// sharedWork is what instances on one PostgreSQL database share: the class
// streams' bus, the throttles and the queue of background jobs.
type sharedWork struct {
	newBus func(log *slog.Logger) *pgstore.Bus
	limits func(name string, burst int, every time.Duration) handlers.Limiter
	jobs   queue.Backend
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

// isPostgres tells a PostgreSQL address from a SQLite file name.
func isPostgres(name string) bool {
	return strings.HasPrefix(name, "postgres://") || strings.HasPrefix(name, "postgresql://")
}

// databaseName is the -db setting as a log may show it: a PostgreSQL
// address without its password.
func databaseName(name string) string {
	if !isPostgres(name) {
		return name
	}
	u, err := url.Parse(name)
	if err != nil {
		return "postgres://(an address that does not parse)"
	}
	return u.Redacted()
}

// openDatabase opens the database that the -db setting names, creating and
// migrating it if needed. This is the one place that chooses the database:
// a postgres:// address is PostgreSQL, any other name a SQLite file.
func openDatabase(ctx context.Context, name string) (database, error) {
	if isPostgres(name) {
		return openPostgres(ctx, name)
	}
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

func openPostgres(ctx context.Context, url string) (database, error) {
	st, err := pgstore.Open(ctx, url)
	if err != nil {
		return database{}, err
	}
	return database{
		Stores: handlers.Stores{EventStore: st, OutletStore: st, LexiconStore: st, AccountStore: st,
			ClassroomStore: st, Health: st},
		analysis: st,
		seeds:    st,
		close:    st.Close, // no backups: pg_dump copies PostgreSQL
		shared: &sharedWork{
			newBus: st.NewBus,
			limits: func(name string, burst int, every time.Duration) handlers.Limiter {
				return st.NewThrottle(name, burst, every)
			},
			jobs: st.Jobs(),
		},
	}, nil
}

// openExistingDatabase opens a database that must exist already, for a
// command that copies or imports into it: opening would otherwise create
// an empty one. hint tells the person what to do when it is missing.
func openExistingDatabase(ctx context.Context, name, hint string) (database, error) {
	if isPostgres(name) {
		return openPostgres(ctx, name)
	}
	fi, err := os.Stat(name)
	if err != nil {
		return database{}, fmt.Errorf("no database at %s (%s): %w", name, hint, err)
	}
	if fi.IsDir() {
		return database{}, fmt.Errorf("%s is a folder, not a database file (%s)", name, hint)
	}
	return openDatabase(ctx, name)
}

// shareWork starts what an instance shares with the others on its
// database: the bus that carries class changes between instances, the
// runner that claims background jobs once across them, and throttles
// counted in the database. The returned function stops them and waits.
func shareWork(ctx context.Context, sh *sharedWork, analyzer *analysis.Service, deps *handlers.Deps, log *slog.Logger) func() {
	ctx, cancel := context.WithCancel(ctx)
	bus := sh.newBus(log)
	runner := queue.NewRunner(sh.jobs, log, queue.Options{})
	analyzer.UseJobs(runner) // before the first Refresh
	deps.Classroom, deps.Limits = bus, sh.limits
	busDone, runnerDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(busDone)
		if err := bus.Listen(ctx); err != nil && ctx.Err() == nil {
			log.Error("class streams of other instances will not reach this one", "err", err)
		}
	}()
	go func() {
		defer close(runnerDone)
		runner.Run(ctx)
	}()
	return func() {
		cancel()
		<-busDone
		<-runnerDone
	}
}
