//go:build !unix

package bulk

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockFile does nothing where there is no flock; leftOver goes by age.
func lockFile(*os.File) error { return nil }

// leftOver reports whether the file at path is older than any import
// runs: without file locks, age is the only sign that nobody uses it.
func leftOver(path string) (bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return time.Since(fi.ModTime()) > 24*time.Hour, nil
}
