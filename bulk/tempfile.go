package bulk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// tempPattern names the temporary copies of import files, so that the
// sweep at start-up finds the app's own and nothing else.
const tempPattern = "framelens-import-*"

// CreateTemp makes a temporary file in dir (the system's temporary
// directory when dir is "") for a copy of an import file, and locks it for
// as long as it is open: a process killed with the file still there leaves
// it unlocked, which is how SweepTemp tells a leftover from a file in use.
func CreateTemp(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return nil, fmt.Errorf("create temporary import file: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("lock temporary import file: %w", err)
	}
	return f, nil
}

// SweepTemp removes the temporary import files in dir that no process
// holds (left by a process that was killed before it could remove them)
// and returns how many it removed. Files of imports still running, in this
// process or another, are left alone.
func SweepTemp(dir string) (int, error) {
	paths, err := filepath.Glob(filepath.Join(dir, tempPattern))
	if err != nil {
		return 0, fmt.Errorf("sweep temporary import files: %w", err)
	}
	removed := 0
	var errs []error
	for _, p := range paths {
		if !strings.HasPrefix(filepath.Base(p), strings.TrimSuffix(tempPattern, "*")) {
			continue
		}
		left, err := leftOver(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !left {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed++
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("sweep temporary import files: %w", err)
	}
	return removed, nil
}
