package pgstore_test

import (
	"testing"

	"framelens/internal/sqlcheck"
)

// Every SQL statement the store runs is fixed text, known when the
// program is compiled; values always travel as parameters. pgx takes the
// SQL after the context, and a batch as the first argument of Queue.
func TestSQLIsConstantTextWithParameters(t *testing.T) {
	sqlcheck.ConstantSQL(t, ".", map[string]int{"Query": 1, "QueryRow": 1, "Exec": 1, "Queue": 0}, 40)
}
