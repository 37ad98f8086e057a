package main

import (
	"path/filepath"
	"testing"
)

// startDemoServer starts the server on a new database, seeded with the
// lexicons and the demo event, and stops it when the test ends, failing
// the test if stopping fails.
func startDemoServer(t *testing.T) string {
	t.Helper()
	base, stop := startServer(t, "-db", filepath.Join(t.TempDir(), "data.db"))
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return base
}
