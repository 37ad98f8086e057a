//go:build unix

package bulk

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// lockFile holds an exclusive lock on f until f is closed or its process
// ends, however it ends.
func lockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// leftOver reports whether no process holds the file at path: its lock can
// be taken. A file that is gone already is no leftover.
func leftOver(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
