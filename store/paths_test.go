package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"framelens/store"
)

func TestOpenCreatesTheDatabaseAtExactlyTheGivenPath(t *testing.T) {
	for _, name := range []string{"C#.db", "what?.db", "100%25.db"} {
		path := filepath.Join(t.TempDir(), name)
		st, err := store.Open(context.Background(), path)
		if err != nil {
			t.Errorf("Open(%q): %v", name, err)
			continue
		}
		st.Close()
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open(%q) did not create that file (%v)", name, err)
		}
	}
}
