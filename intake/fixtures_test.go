package intake_test

import (
	"bytes"
	"os/exec"
	"testing"

	"framelens/intake/internal/fixturegen"
)

// TestGeneratedFixturesAreUpToDate rebuilds the generated fixtures and
// compares them with testdata, so the committed files are exactly what the
// generator in the repository makes. Run `go generate ./intake` after
// changing it.
func TestGeneratedFixturesAreUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds fixtures")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate the fpdf font")
	}
	font, err := fixturegen.FontPath()
	if err != nil {
		t.Fatal(err)
	}
	files, err := fixturegen.Build(font)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Errorf("generator made %d fixtures", len(files))
	}
	for name, want := range files {
		if got := fixture(t, name); !bytes.Equal(got, want) {
			t.Errorf("testdata/%s differs from what the generator makes (%d vs %d bytes); run go generate ./intake", name, len(got), len(want))
		}
	}
}
