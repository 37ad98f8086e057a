package pgstore_test

import (
	"context"
	"testing"

	"framelens/internal/pgtest"
	"framelens/pgstore"
	"framelens/store/storetest"
)

// The PostgreSQL store keeps the same contract as SQLite, run unchanged.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		st, err := pgstore.Open(context.Background(), pgtest.URL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}
