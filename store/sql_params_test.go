package store_test

import (
	"testing"

	"framelens/internal/sqlcheck"
)

// Every SQL statement the store runs must be fixed text, known when the
// program is compiled: a string literal, a constant, or constants joined
// with +. Values always travel as parameters, so no input can become SQL.
// database/sql takes the SQL as the first argument, or after the context
// in the ...Context forms.
func TestSQLIsConstantTextWithParameters(t *testing.T) {
	sqlcheck.ConstantSQL(t, ".", map[string]int{
		"QueryContext": 1, "QueryRowContext": 1, "ExecContext": 1, "PrepareContext": 1,
		"Query": 0, "QueryRow": 0, "Exec": 0, "Prepare": 0,
	}, 20)
}
