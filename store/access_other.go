//go:build !unix

package store

import (
	"fmt"
	"os"
)

// canWrite tells whether the file at path may be written, as far as its
// read-only attribute tells.
func canWrite(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return fmt.Errorf("%s is read-only: %w", path, os.ErrPermission)
	}
	return nil
}
