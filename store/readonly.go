package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/mattn/go-sqlite3"

	"framelens/framing"
	"framelens/store/storeutil"
)

// A database file that SQLite may not write is opened read-only, without
// an error, and the -wal and -shm files SQLite then creates beside it take
// the database file's permissions: they are read-only too, and stay so
// when the database file is made writable again. A connection, for its
// part, stays as it was opened. So a write refused as read-only names
// every file of the database this process may not write, for the person
// who can change that; and when the files can all be written, the
// connections opened before are dropped and the write is tried on a new
// one.

// fileFault is a file of the database this process may not write. Its
// text, for the log, has the whole path; users see the file's name only.
type fileFault struct {
	path string
	err  error // from the operating system: permission denied, read-only file system …
}

func (f fileFault) Error() string {
	return fmt.Sprintf("cannot write %s: %v", f.path, f.err)
}

// unwritableFiles are the files of the database that this process
// may not write: the database, its -wal and -shm, and its folder when SQLite
// would have to create one of them there. A database file that is gone
// (moved or deleted while the server ran) is one of them.
func (s *Store) unwritableFiles() []fileFault {
	var faults []fileFault
	missing := false
	for _, name := range []string{s.path, s.path + "-wal", s.path + "-shm"} {
		err := s.canWrite(name)
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrNotExist) && name != s.path:
			missing = true // SQLite creates it when needed
		default:
			faults = append(faults, fileFault{path: name, err: err})
		}
	}
	if dir := filepath.Dir(s.path); missing {
		if err := s.canWrite(dir); err != nil {
			faults = append(faults, fileFault{path: dir, err: err})
		}
	}
	return faults
}

// readOnlyError is the error for a write refused because the database
// cannot be written, naming the files at fault when the system tells
// which, joined to the driver's error for the log.
func (s *Store) readOnlyError(err error) error {
	faults := s.unwritableFiles()
	if len(faults) == 0 {
		return errors.Join(storeutil.ErrReadOnly, err)
	}
	errs := []error{framing.Errorf(framing.EReadOnly,
		"The database is read-only just now: nothing was saved. The server may not write %s. Reading still works; try again when it can be written.",
		faultNames(faults))}
	for _, f := range faults {
		errs = append(errs, f)
	}
	return errors.Join(append(errs, err)...)
}

// unwritableNames names the files at fault as a message does, "" if none.
func (s *Store) unwritableNames() string { return faultNames(s.unwritableFiles()) }

// faultNames is "data.db-wal and data.db-shm": the files' names, for
// users, who need not learn where the server keeps them.
func faultNames(faults []fileFault) string {
	names := make([]string, len(faults))
	for i, f := range faults {
		names[i] = filepath.Base(f.path)
	}
	return andList(names)
}

// andList joins names as a sentence does: "a", "a and b", "a, b and c".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func isReadOnly(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrReadonly
}

// beginWrite starts a write transaction that has proved it may write, so
// that a connection that may only read fails before anything is done and
// trying again is safe. When the files can all be written, such a
// connection is one opened while they could not be: the pool's
// connections are replaced (see reconnect) and the transaction begun on a
// new one.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.tryBegin(ctx)
	if !isReadOnly(err) || len(s.unwritableFiles()) > 0 {
		return tx, err
	}
	if err := s.reconnect(ctx); err != nil {
		return nil, err
	}
	return s.tryBegin(ctx)
}

// reconnect closes every connection of the pool, waiting for those in use,
// before it lets a new one open. Closing the idle ones is not enough:
// SQLite shares one map of the -shm file among a process's connections to
// a database, opened read-only if the file was, until the last of them
// closes. So while it runs the pool holds no idle connection and opens
// none while one is open; each connection it is handed that may not write
// is discarded. It ends with nil once a connection may write, or with the
// error of one opened anew that may not (the pool holds at most
// maxOpenConns older ones).
func (s *Store) reconnect(ctx context.Context) error {
	s.db.SetMaxIdleConns(0)
	s.db.SetMaxOpenConns(1)
	defer func() {
		s.db.SetMaxOpenConns(maxOpenConns)
		s.db.SetMaxIdleConns(maxIdleConns)
	}()
	var err error
	for range 2 * maxOpenConns {
		fresh := s.db.Stats().OpenConnections == 0 // then any connection is opened from now on
		c, cerr := s.db.Conn(ctx)
		if cerr != nil {
			return fmt.Errorf("reconnect: %w", cerr)
		}
		if _, err = c.ExecContext(ctx, writeProbeSQL); !isReadOnly(err) {
			c.Close()
			return err
		}
		_ = c.Raw(func(any) error { return driver.ErrBadConn }) // discard it
		if fresh {
			break
		}
	}
	return err
}

// writeProbeSQL writes nothing, but only where writing is allowed.
const writeProbeSQL = `DELETE FROM seeds WHERE 0`

// tryBegin begins a transaction that holds the write lock (see Open) and
// tries a statement that writes nothing. On a connection that may only
// read, SQLite begins a read transaction however it is asked, and a
// statement that writes fails.
func (s *Store) tryBegin(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, writeProbeSQL); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// Writable tells whether a write would reach the database: nil, or an
// EReadOnly error that names the files at fault. It asks the system about
// the files every time, and tries a write that writes nothing (the write
// lock taken and let go) when the last write was refused as read-only,
// or before the first: so it sees a database made writable again, and
// drops the connections opened while it was not.
func (s *Store) Writable(ctx context.Context) error {
	if faults := s.unwritableFiles(); len(faults) > 0 {
		return s.readOnlyError(nil)
	}
	if s.writeWorks.Load() {
		return nil
	}
	return s.inTx(ctx, func(*sql.Tx) error { return nil })
}
