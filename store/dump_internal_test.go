package store

import (
	"context"
	"iter"
	"path/filepath"
	"slices"
	"testing"
)

// Dump reads every table of the schema (goose's own left out), so that a
// table added by a migration cannot be left behind by web migrate-to.
func TestDumpReadsEveryTable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "dump.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var schema []string
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		schema = append(schema, name)
	}
	rows.Close()
	var dumped []string
	err = s.Dump(ctx, func(name string, columns []string, rows iter.Seq2[[]any, error]) error {
		dumped = append(dumped, name)
		for _, err := range rows {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(dumped)
	if !slices.Equal(dumped, schema) {
		t.Errorf("Dump reads %v\nthe schema has %v", dumped, schema)
	}
}
