package main

import (
	"strings"
	"testing"

	"framelens/store/storetest"
)

// What the commands need of a store is part of the store contract, so a
// store that passes it can serve them.
var (
	_ seeder       = storetest.Store(nil)
	_ accountSetup = storetest.Store(nil)
	_ backuper     = storetest.Backuper(nil)
)

// A PostgreSQL address is logged without its password.
func TestDatabaseNameHidesThePassword(t *testing.T) {
	for in, want := range map[string]string{
		"data.db": "data.db",
		"postgres://framelens:s3cret@db:5432/framelens?sslmode=disable": "postgres://framelens:xxxxx@db:5432/framelens?sslmode=disable",
		"postgresql://u@h/d": "postgresql://u@h/d",
	} {
		if got := databaseName(in); got != want || strings.Contains(got, "s3cret") {
			t.Errorf("databaseName(%q) = %q, want %q", in, got, want)
		}
	}
}
