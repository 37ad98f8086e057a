package bulk

import (
	"os"
	"path/filepath"
	"testing"
)

// A temporary import file left by a killed process is swept; one an import
// still has open, and files that are not the app's, stay.
func TestSweepRemovesLeftoverImportFilesOnly(t *testing.T) {
	dir := t.TempDir()
	leftover := filepath.Join(dir, "framelens-import-123")
	other := filepath.Join(dir, "someone-elses-file")
	for _, p := range []string{leftover, other} {
		if err := os.WriteFile(p, []byte("{}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	inUse, err := CreateTemp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer inUse.Close()
	removed, err := SweepTemp(dir)
	if err != nil || removed != 1 {
		t.Errorf("swept %d files, %v; want 1", removed, err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Error("the leftover is still there")
	}
	for _, p := range []string{other, inUse.Name()} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
