package pgstore

import (
	"os"
	"testing"

	"framelens/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
