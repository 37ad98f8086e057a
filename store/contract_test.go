package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"framelens/store"
	"framelens/store/storetest"
)

// The SQLite store keeps the contract every store keeps.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "contract.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}
