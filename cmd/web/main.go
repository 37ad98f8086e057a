// Command web runs Framelens: it opens (creating and seeding on first run)
// the SQLite database and serves the pages and the JSON API until it gets
// SIGINT or SIGTERM, then lets requests in flight finish. Serving is the
// default; "web import" imports articles from a JSON Lines or CSV file and
// "web backup" copies the database while the server runs; "web
// migrate-to" copies a SQLite database into a new PostgreSQL one.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"framelens/analysis"
	"framelens/auth"
	"framelens/bulk"
	"framelens/demo"
	"framelens/fetch"
	"framelens/framing"
	"framelens/handlers"
	"framelens/importjobs"
	"framelens/lexicons"
)

// defaultMemoryLimit is the soft memory limit of the server's heap.
const defaultMemoryLimit = 200 << 20

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal a second one ends the process at once, as it
	// would without this handler: an import blocked reading standard input
	// could otherwise not be stopped.
	context.AfterFunc(ctx, stop)
	if os.Getenv("GOMEMLIMIT") == "" {
		// The garbage collector works harder as the heap nears this, so a
		// large event's alignment (a few hundred megabytes of short-lived
		// garbage at 1,000 articles) does not lift the server's memory for
		// good. GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	code := dispatch(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs the subcommand named by the first argument and returns the
// exit status. Without a subcommand (or with "serve") it serves, so the
// flags of "web -addr :9000" keep working.
func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runImport(ctx, args[1:], getenv, stdin, stdout, stderr)
		case "backup":
			return runBackup(ctx, args[1:], getenv, stdout, stderr)
		case "migrate-to":
			return runMigrateTo(ctx, args[1:], getenv, stdout, stderr)
		case "eval":
			return runEval(ctx, args[1:], stdout, stderr)
		case "serve":
			args = args[1:]
		}
	}
	if err := run(ctx, args, getenv, stderr, nil); err != nil {
		fmt.Fprintln(stderr, "framelens:", err)
		return 1
	}
	return 0
}

// writeHelp writes a command's help and its flags, for -h.
func writeHelp(w io.Writer, help string, fs *flag.FlagSet) {
	fmt.Fprint(w, help)
	fmt.Fprintln(w, "flags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// Server timeouts. Headers must arrive quickly (slow-loris); a whole
// request may take longer because an upload can be several megabytes on a
// school's slow uplink; idle keep-alive connections are dropped in time.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 20 * time.Second
)

// run serves until ctx ends. When ready is not nil it receives the address
// the server listens on, which tests use with -addr 127.0.0.1:0.
func run(ctx context.Context, args []string, getenv func(string) string, logOut io.Writer, ready chan<- string) error {
	cfg, err := parseConfig(args, getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(logOut, nil))

	db, err := openDatabase(ctx, cfg.dbPath)
	if err != nil {
		return err
	}
	defer db.close()

	// Copies of uploads that a killed server left behind (up to 64 MiB each).
	if n, err := bulk.SweepTemp(os.TempDir()); err != nil {
		log.Warn("temporary import files left", "err", err)
	} else if n > 0 {
		log.Info("removed temporary import files left by an earlier run", "files", n)
	}

	if cfg.seed {
		if err := seed(ctx, db.seeds, log); err != nil {
			return err
		}
	}
	if err := ensureAdmin(ctx, db.AccountStore, getenv("FRAMELENS_ADMIN_PASSWORD"), log); err != nil {
		return err
	}
	// Seeding with nothing to seed writes nothing, so a database that may
	// only be read gets this far: it is served for reading, and /healthz
	// and every refused write name the files to make writable.
	if err := db.Writable(ctx); err != nil {
		log.Error("the database cannot be written: serving it for reading until it can", "db", databaseName(cfg.dbPath), "err", err)
	}

	analyzer := analysis.New(db.analysis, log)
	defer analyzer.Close()
	deps := handlers.Deps{Stores: db.Stores, Analyzer: analyzer, Log: log, TrustedProxies: cfg.trustProxies}
	if db.shared != nil {
		stopShared := shareWork(ctx, db.shared, analyzer, &deps, log)
		defer stopShared()
	}
	analyzer.Refresh() // analyse what was seeded or changed while the server was down

	imports := importjobs.New(db.EventStore, analyzer.Refresh)
	defer imports.Close() // after the server stops: running imports stop between two lines
	fetcher := fetch.New(fetch.Options{AllowPrivate: cfg.allowPrivateFetch})

	// Live streams never go idle, so shutting down ends them first.
	streamsDone := make(chan struct{})
	deps.Imports, deps.Fetcher, deps.Shutdown = imports, fetcher, streamsDone
	srv := &http.Server{
		Handler:           handlers.New(deps),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(func() { close(streamsDone) })
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.addr, err)
	}
	log.Info("serving", "addr", ln.Addr().String(), "db", databaseName(cfg.dbPath))
	if ready != nil {
		ready <- ln.Addr().String()
	}

	served := make(chan error, 1)
	go func() {
		if cfg.tlsCert != "" {
			served <- srv.ServeTLS(ln, cfg.tlsCert, cfg.tlsKey)
			return
		}
		served <- srv.Serve(ln)
	}()

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// seed loads the shipped lexicons and the demo event into a database that
// never had them.
func seed(ctx context.Context, st seeder, log *slog.Logger) error {
	shipped, err := lexicons.Shipped()
	if err != nil {
		return err
	}
	added, err := st.SeedLexicons(ctx, shipped)
	if err != nil {
		return err
	}
	if added > 0 {
		log.Info("seeded the shipped lexicons", "lexicons", added)
	}
	ev, articles, err := demo.Event()
	if err != nil {
		return err
	}
	seeded, err := st.SeedEvent(ctx, demo.SeedName, ev, articles)
	if err != nil {
		return err
	}
	if seeded {
		log.Info("seeded the demo event", "title", ev.Title, "articles", len(articles))
	}
	return nil
}

// accountSetup counts and creates accounts, for the first account.
type accountSetup interface {
	CountUsers(ctx context.Context) (int, error)
	CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error)
}

// ensureAdmin creates the "admin" account from FRAMELENS_ADMIN_PASSWORD when
// no account exists yet; without it the app offers a one-time setup page.
func ensureAdmin(ctx context.Context, st accountSetup, password string, log *slog.Logger) error {
	if password == "" {
		return nil
	}
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	in, hash, err := auth.PrepareAccount(framing.NewAccount{Username: "admin", Password: password, Role: framing.RoleAdmin})
	if err != nil {
		return fmt.Errorf("FRAMELENS_ADMIN_PASSWORD: %w", err)
	}
	if _, err := st.CreateUser(ctx, in.Username, hash, in.Role); err != nil {
		return err
	}
	log.Info("created the admin account from FRAMELENS_ADMIN_PASSWORD", "username", in.Username)
	return nil
}
