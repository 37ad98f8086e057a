package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"runtime"
	"testing"
)

// Readers beyond the pool's bound wait for a connection instead of opening
// more, and few connections stay open once they are done.
func TestThePoolCapsOpenAndIdleConnections(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var held []*sql.Conn
	for range maxOpenConns {
		c, err := st.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	got := make(chan error, 1)
	go func() {
		c, err := st.db.Conn(ctx)
		if err == nil {
			c.Close()
		}
		got <- err
	}()
	for st.db.Stats().WaitCount == 0 {
		select {
		case <-got:
			t.Fatalf("connection %d opened beyond the bound of %d", maxOpenConns+1, maxOpenConns)
		default:
			runtime.Gosched()
		}
	}
	for _, c := range held {
		c.Close()
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if s := st.db.Stats(); s.OpenConnections > maxIdleConns || s.MaxOpenConnections != maxOpenConns {
		t.Errorf("%d connections open after all were released (at most %d idle); bound %d", s.OpenConnections, maxIdleConns, s.MaxOpenConnections)
	}
}
