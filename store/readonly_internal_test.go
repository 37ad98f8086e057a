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
// read-only: SQLite refuses the writes itself either way.
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
		if st, err = Open(ctx, path); err != nil {
			t.Fatalf("Open on a database file this user may not write: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		return d, st
	}
	t.Log("running as root, whom chmod does not stop: SQLite opens the file with mode=ro, and a stand-in tells which files may be written")
	// SQLite would create the -wal and -shm read-only, as the database.
	d.readOnly = map[string]bool{path: true, path + "-wal": true, path + "-shm": true}
	d.conns = &switchConnector{rw: dsn(path, nil), ro: dsn(path, url.Values{"mode": {"ro"}})}
	d.conns.readOnly.Store(true)
	st = newStore(sql.OpenDB(d.conns), path)
	st.canWrite = d.canWrite
	t.Cleanup(func() { st.Close() })
	return d, st
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

// switchConnector opens read-only connections while readOnly is set, and
// connections that write otherwise; connections already open stay as
// they are, as SQLite's do.
type switchConnector struct {
	rw, ro   string
	readOnly atomic.Bool
}

func (c *switchConnector) Connect(context.Context) (driver.Conn, error) {
	if c.readOnly.Load() {
		return c.Driver().Open(c.ro)
	}
	return c.Driver().Open(c.rw)
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
