package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"

	"framelens/framing"
	"framelens/store/storeutil"
)

// storageFault gives a full disk (SQLITE_FULL, which is also what a
// database at its size limit answers) and a database that cannot be
// written (SQLITE_READONLY) their own kinds, joined to the driver's error
// so that the log keeps the detail. Every other error is returned as it is.
// SQLite tries the disk again on the next write, so once space is freed,
// writes work without a restart; a read-only database is named and
// recovered by Store.fault and beginWrite (readonly.go).
func storageFault(err error) error {
	var se sqlite3.Error
	var fe *framing.Error
	if err == nil || !errors.As(err, &se) || errors.As(err, &fe) { // already given its kind
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return errors.Join(storeutil.ErrFull, err)
	case sqlite3.ErrReadonly:
		return errors.Join(storeutil.ErrReadOnly, err)
	}
	return err
}

// fault is storageFault with the files at fault named when the database
// is read-only.
func (s *Store) fault(err error) error {
	if isReadOnly(err) {
		return s.readOnlyError(err)
	}
	return storageFault(err)
}
