package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"framelens/store"
)

// serverUser runs the server as a user that file modes bind: this user,
// or, for root, whom they do not bind, the user nobody. Its folder holds
// the database, and for nobody a copy of the test binary, which the
// folders of go test are closed to.
type serverUser struct {
	dir   string
	setup func(*exec.Cmd)
}

const nobody = 65534

func newServerUser(t *testing.T) serverUser {
	t.Helper()
	if os.Geteuid() != 0 {
		return serverUser{dir: t.TempDir()}
	}
	t.Log("running as root, whom file modes do not bind: the server runs as nobody (uid 65534)")
	dir, err := os.MkdirTemp("", "framelens-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "web.test")
	copyFile(t, os.Args[0], bin)
	for _, name := range []string{dir, bin} {
		if err := os.Chmod(name, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(name, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	return serverUser{dir: dir, setup: func(cmd *exec.Cmd) {
		cmd.Path, cmd.Args[0] = bin, bin
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	}}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}

// seedAsAServerDoes creates the database at db as a first start does
// (seeded, with the account admin), closes it, which removes its -wal and
// -shm, and gives it to the server's user.
func seedAsAServerDoes(t *testing.T, db string, u serverUser) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if err := seed(ctx, st, log); err != nil {
		t.Fatal(err)
	}
	if err := ensureAdmin(ctx, st, adminPassword, log); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{db + "-wal", db + "-shm"} {
		if _, err := os.Stat(name); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("%s is left after closing the database (%v)", name, err)
		}
	}
	if u.setup != nil {
		if err := os.Chown(db, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
}

func chmod(t *testing.T, mode os.FileMode, names ...string) {
	t.Helper()
	for _, name := range names {
		if err := os.Chmod(name, mode); err != nil {
			t.Fatal(err)
		}
	}
}

var namedFiles = regexp.MustCompile(`may not write (.+?)\. Reading still works`)

// filesNamed are the files a read-only message names.
func filesNamed(msg string) []string {
	m := namedFiles.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	return strings.FieldsFunc(strings.ReplaceAll(m[1], " and ", ", "), func(r rune) bool { return r == ',' || r == ' ' })
}

// apiAnswer is a JSON answer's status and its status and error fields.
type apiAnswer struct {
	code          int
	Status, Error string
}

func getJSON(t *testing.T, url string) apiAnswer {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return decodeAnswer(t, resp)
}

func postEvent(t *testing.T, base, title string) apiAnswer {
	t.Helper()
	resp, err := http.Post(base+"/api/events", "application/json", strings.NewReader(`{"title":"`+title+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	return decodeAnswer(t, resp)
}

func decodeAnswer(t *testing.T, resp *http.Response) apiAnswer {
	t.Helper()
	defer resp.Body.Close()
	a := apiAnswer{code: resp.StatusCode}
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("%s: %v", resp.Request.URL, err)
	}
	return a
}

// wantReadOnlyNaming fails the test unless a is a 503 whose message names
// exactly the files want.
func wantReadOnlyNaming(t *testing.T, what string, a apiAnswer, want ...string) {
	t.Helper()
	if got := filesNamed(a.Error); a.code != http.StatusServiceUnavailable || !slices.Equal(got, want) {
		t.Errorf("%s: %d %q, want 503 naming %v", what, a.code, a.Error, want)
	}
}

// Run by a user who may not write data.db, the server starts (seeding,
// with nothing to seed, writes nothing), serves reads, and refuses writes
// with 503 naming the files to make writable, as /healthz does: data.db,
// then the -wal and -shm SQLite created read-only beside it, also after a
// restart. Once they are writable, writes work with no restart.
func TestAServerOnADatabaseItMayNotWriteStartsNamesTheFilesAndRecovers(t *testing.T) {
	u := newServerUser(t)
	db := filepath.Join(u.dir, "data.db")
	seedAsAServerDoes(t, db, u)

	chmod(t, 0o444, db)
	p := startProcessWith(t, db, u.setup)
	if events := getEvents(t, p.base); len(events.Events) != 1 {
		t.Errorf("the seeded event is not served: %+v", events)
	}
	wantReadOnlyNaming(t, "healthz, data.db read-only", getJSON(t, p.base+"/healthz"), "data.db", "data.db-wal", "data.db-shm")
	wantReadOnlyNaming(t, "a write, data.db read-only", postEvent(t, p.base, "Refused"), "data.db", "data.db-wal", "data.db-shm")
	if !strings.Contains(p.log(), "cannot write "+db+": permission denied") {
		t.Errorf("the log does not give the path of the file at fault:\n%s", p.log())
	}

	chmod(t, 0o644, db)
	wantReadOnlyNaming(t, "a write, data.db writable again", postEvent(t, p.base, "Refused too"), "data.db-wal", "data.db-shm")
	p.stop(t)

	// The restart of the report: data.db writable, its -shm not.
	p = startProcessWith(t, db, u.setup)
	health := getJSON(t, p.base+"/healthz")
	if named := filesNamed(health.Error); health.code != http.StatusServiceUnavailable || !slices.Contains(named, "data.db-shm") || slices.Contains(named, "data.db") {
		t.Errorf("healthz after the restart: %d %q, want 503 naming data.db-shm", health.code, health.Error)
	}
	chmod(t, 0o644, db+"-wal", db+"-shm")
	if a := getJSON(t, p.base+"/healthz"); a.code != http.StatusOK || a.Status != "ok" {
		t.Errorf("healthz once every file is writable: %d %+v", a.code, a)
	}
	if a := postEvent(t, p.base, "Stored"); a.code != http.StatusCreated {
		t.Errorf("a write once every file is writable: %d %q", a.code, a.Error)
	}
	p.stop(t)

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	events, err := st.ListEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, e := range events {
		titles = append(titles, e.Title)
	}
	if len(titles) != 2 || !slices.Contains(titles, "Stored") {
		t.Errorf("events stored: %q, want the seeded one and Stored", titles)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
