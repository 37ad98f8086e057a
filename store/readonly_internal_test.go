package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mattn/go-sqlite3"

	"framelens/framing"
	"framelens/lexicons"
)

// roDisk holds a seeded database whose files this process may not write,
// and makes them writable again. For a user it is chmod, and the store is
// opened with Open, as SQLite opens a file it may not write: read-only,
// creating its -wal and -shm read-only too. Root writes whatever the
// modes say, so for root the store asks a stand-in for the system which
// files it may write, and opens its connections with mode=ro while any is
// read-only, or while a connection opened so is open (as SQLite shares a
// read-only map of the -shm among a process's connections until the last
// closes): SQLite refuses the writes itself either way.
type roDisk struct {
	t    *testing.T
	path string
	root bool

	mu       sync.Mutex
	readOnly map[string]bool // root: the files the stand-in calls read-only
	conns    *switchConnector
}

// newRODisk seeds a database (the shipped lexicons and an event), closes
// it, makes its file read-only and opens the store on it.
func newRODisk(t *testing.T) (*roDisk, *Store) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "data.db")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedLexicons(ctx, shippedLexicons(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedEvent(ctx, "demo", framing.EventInput{Title: "Seeded"}, []framing.ArticleInput{seedArticle}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	d := &roDisk{t: t, path: path, root: os.Geteuid() == 0}
	if !d.root {
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		return d, d.open()
	}
	t.Log("running as root, whom chmod does not stop: SQLite opens the file with mode=ro, and a stand-in tells which files may be written")
	// SQLite would create the -wal and -shm read-only, as the database.
	d.readOnly = map[string]bool{path: true, path + "-wal": true, path + "-shm": true}
	d.conns = &switchConnector{rw: dsn(path, nil), ro: dsn(path, url.Values{"mode": {"ro"}})}
	d.conns.readOnly.Store(true)
	return d, d.open()
}

// open opens a store on the database, as a server starting does.
func (d *roDisk) open() *Store {
	d.t.Helper()
	var st *Store
	if d.root {
		st = newStore(sql.OpenDB(d.conns), d.path)
		st.canWrite = d.canWrite
	} else {
		var err error
		if st, err = Open(context.Background(), d.path); err != nil {
			d.t.Fatalf("Open on a database file this user may not write: %v", err)
		}
	}
	d.t.Cleanup(func() { st.Close() })
	return st
}

// makeWritable gives this process the right to write the named files of
// the database ("" is the database file itself).
func (d *roDisk) makeWritable(suffixes ...string) {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, suffix := range suffixes {
		name := d.path + suffix
		if !d.root {
			if err := os.Chmod(name, 0o644); err != nil {
				d.t.Fatal(err)
			}
			continue
		}
		delete(d.readOnly, name)
	}
	if d.root {
		d.conns.readOnly.Store(len(d.readOnly) > 0)
	}
}

func (d *roDisk) canWrite(name string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.readOnly[name] {
		return fs.ErrPermission
	}
	return nil
}

// switchConnector opens read-only connections while readOnly is set or a
// read-only connection is open, and connections that write otherwise;
// connections already open stay as they are, as SQLite's do.
type switchConnector struct {
	rw, ro   string
	readOnly atomic.Bool
	roOpen   atomic.Int64 // read-only connections open
}

func (c *switchConnector) Connect(context.Context) (driver.Conn, error) {
	if !c.readOnly.Load() && c.roOpen.Load() == 0 {
		return c.Driver().Open(c.rw)
	}
	conn, err := c.Driver().Open(c.ro)
	if err != nil {
		return nil, err
	}
	c.roOpen.Add(1)
	return &roConn{SQLiteConn: conn.(*sqlite3.SQLiteConn), open: &c.roOpen}, nil
}

// roConn is a read-only connection that counts itself out when it closes.
type roConn struct {
	*sqlite3.SQLiteConn
	open *atomic.Int64
}

func (c *roConn) Close() error {
	c.open.Add(-1)
	return c.SQLiteConn.Close()
}

func (c *switchConnector) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

var seedArticle = framing.ArticleInput{Outlet: "Seed Wire", Headline: "Seeded", Language: "en",
	Body: "The seeded article of the read-only tests."}

func shippedLexicons(t *testing.T) []framing.Lexicon {
	t.Helper()
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	return shipped
}

var filesAtFault = regexp.MustCompile(`may not write (.+?)\. Reading still works`)

// wantReadOnly fails the test unless err is an EReadOnly error whose
// message names exactly the files want.
func wantReadOnly(t *testing.T, what string, err error, want string) {
	t.Helper()
	m := filesAtFault.FindStringSubmatch(framing.ErrorMessage(err))
	if framing.ErrorCode(err) != framing.EReadOnly || m == nil || m[1] != want {
		t.Errorf("%s = %v (%s); want an EReadOnly error naming %s", what, err, framing.ErrorCode(err), want)
	}
}

// Starting on a database that may only be read seeds nothing, because
// everything is seeded already, and so writes nothing and does not fail.
func TestSeedingWhatIsSeededAlreadyWritesNothingSoAReadOnlyDatabaseStarts(t *testing.T) {
	ctx := context.Background()
	_, st := newRODisk(t)
	if added, err := st.SeedLexicons(ctx, shippedLexicons(t)); added != 0 || err != nil {
		t.Errorf("SeedLexicons on a read-only database seeded before = %d, %v; want 0, nil", added, err)
	}
	if seeded, err := st.SeedEvent(ctx, "demo", framing.EventInput{Title: "Seeded"}, []framing.ArticleInput{seedArticle}); seeded || err != nil {
		t.Errorf("SeedEvent on a read-only database seeded before = %v, %v; want false, nil", seeded, err)
	}
	if _, err := st.CreateEvent(ctx, framing.EventInput{Title: "Not now"}); framing.ErrorCode(err) != framing.EReadOnly {
		t.Fatalf("CreateEvent = %v; the database is not read-only, so the test proves nothing", err)
	}
}

// A write refused because the database may not be written names the files
// at fault, as Writable does; SQLite's -wal and -shm, created read-only
// beside a read-only database, are named once the database is writable;
// and once every file is, writes work again with no reopening.
func TestAReadOnlyDatabaseNamesTheFilesAtFaultAndRecoversWithoutReopening(t *testing.T) {
	ctx := context.Background()
	d, st := newRODisk(t)
	events, err := st.ListEvents(ctx)
	if err != nil || len(events) != 1 {
		t.Fatalf("reading a read-only database: %v, %v", events, err)
	}
	create := func(title string) error {
		_, err := st.CreateEvent(ctx, framing.EventInput{Title: title})
		return err
	}
	wantReadOnly(t, "CreateEvent", create("Refused"), "data.db, data.db-wal and data.db-shm")
	wantReadOnly(t, "Writable", st.Writable(ctx), "data.db, data.db-wal and data.db-shm")
	lines := slices.Values([]framing.ImportLine{{N: 2, Input: bigArticle(1)}})
	if report, err := st.ImportArticles(ctx, events[0].ID, lines, nil); framing.ErrorCode(err) != framing.EReadOnly || report.StoppedAt != 2 ||
		!strings.HasPrefix(framing.ErrorMessage(err), "The database is read-only just now (the server may not write data.db, data.db-wal and data.db-shm): the import stopped at line 2, and nothing of it was stored.") {
		t.Errorf("an import = %+v, %v; want it stopped at line 2 naming the files", report, err)
	}

	d.makeWritable("")
	wantReadOnly(t, "CreateEvent once data.db is writable", create("Refused too"), "data.db-wal and data.db-shm")
	wantReadOnly(t, "Writable once data.db is writable", st.Writable(ctx), "data.db-wal and data.db-shm")

	d.makeWritable("-wal", "-shm")
	if err := create("Stored"); err != nil {
		t.Fatalf("CreateEvent once every file is writable: %v", err)
	}
	if err := st.Writable(ctx); err != nil {
		t.Errorf("Writable once every file is writable: %v", err)
	}
	for i := range 3 { // every pooled connection, not only the first
		if _, err := st.AddArticle(ctx, events[0].ID, bigArticle(i)); err != nil {
			t.Fatalf("AddArticle %d once every file is writable: %v", i, err)
		}
	}
	if events, err = st.ListEvents(ctx); err != nil || len(events) != 2 || events[0].ArticleCount+events[1].ArticleCount != 4 {
		t.Errorf("after recovering: %+v, %v; want the refused writes absent and the others stored", events, err)
	}
}

// A lexicon seeded before there were scopes takes the scope and anchors it
// ships with at the next seeding, once; after that, seeding finds nothing
// to change and does not write.
func TestALexiconSeededBeforeScopesAdoptsItsScopeOnce(t *testing.T) {
	ctx := context.Background()
	st, _, _ := faultStore(t)
	shipped := shippedLexicons(t)
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	topic := ""
	for _, l := range shipped {
		if l.Scope == framing.ScopeTopic {
			topic = l.Slug
		}
	}
	if topic == "" {
		t.Fatal("no shipped topic lexicon")
	}
	if _, err := st.db.ExecContext(ctx, `UPDATE lexicons SET scope = 'general', anchors = '[]' WHERE slug = ?`, topic); err != nil {
		t.Fatal(err)
	}
	version := func() (v int64, scope string) {
		t.Helper()
		if err := st.db.QueryRowContext(ctx, `SELECT version, scope FROM lexicons WHERE slug = ?`, topic).Scan(&v, &scope); err != nil {
			t.Fatal(err)
		}
		return v, scope
	}
	before, _ := version()
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	adopted, scope := version()
	if scope != framing.ScopeTopic || adopted != before+1 {
		t.Fatalf("after seeding again: scope %q, version %d (was %d); want topic, one more", scope, adopted, before)
	}
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	if v, _ := version(); v != adopted {
		t.Errorf("seeding a third time changed the version to %d", v)
	}
}

// After a restart on a database whose -wal and -shm SQLite had made
// read-only, a connection still in use when they are made writable again
// keeps the process's map of the -shm read-only: the next write waits for
// it, discards it, and is stored on a new connection.
func TestAWriteWaitsOutAConnectionOpenedReadOnlyAndIsStored(t *testing.T) {
	ctx := context.Background()
	d, st := newRODisk(t)
	if _, err := st.CreateEvent(ctx, framing.EventInput{Title: "Refused"}); framing.ErrorCode(err) != framing.EReadOnly {
		t.Fatalf("CreateEvent = %v, want EReadOnly", err)
	}
	d.makeWritable("")
	st.Close()
	st = d.open() // the restart: data.db writable, its -shm not (SQLite may make a new -wal)
	if err := st.Writable(ctx); !strings.HasSuffix(filesAtFault.FindString(framing.ErrorMessage(err)), "data.db-shm. Reading still works") {
		t.Fatalf("Writable after the restart = %v, want it to name data.db-shm", err)
	}

	held, err := st.db.Conn(ctx) // a reader, busy while the files are made writable
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := held.QueryRowContext(ctx, `SELECT COUNT(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	d.makeWritable("-wal", "-shm")
	done := make(chan error, 1)
	go func() {
		_, err := st.CreateEvent(ctx, framing.EventInput{Title: "Stored"})
		done <- err
	}()
	for st.db.Stats().WaitCount == 0 { // the write waits for the reader's connection
		select {
		case err := <-done:
			t.Fatalf("CreateEvent while a connection opened read-only is in use = %v; want it to wait for it", err)
		default:
			runtime.Gosched()
		}
	}
	held.Close()
	if err := <-done; err != nil {
		t.Fatalf("CreateEvent once the reader is done: %v", err)
	}
	if err := st.Writable(ctx); err != nil {
		t.Errorf("Writable: %v", err)
	}
	if s := st.db.Stats(); s.MaxOpenConnections != maxOpenConns {
		t.Errorf("the pool's bound is %d after reconnecting, want %d", s.MaxOpenConnections, maxOpenConns)
	}
}
