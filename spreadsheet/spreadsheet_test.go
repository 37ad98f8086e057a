package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestGuardStopsEveryFormulaAndUnguardGivesBackTheText(t *testing.T) {
	for _, s := range []string{"", "plain", "Chloé", "=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2", "@SUM(A1)",
		"\tx", "\rx", "'", "'=x", "''+x", "'plain", "it's", "a=b"} {
		g := Guard(s)
		if rest := strings.TrimLeft(g, "'"); g == rest && rest != "" && strings.ContainsRune(triggers, rune(rest[0])) {
			t.Errorf("Guard(%q) = %q still starts a formula", s, g)
		}
		if back := Unguard(g); back != s {
			t.Errorf("Unguard(Guard(%q)) = %q", s, back)
		}
	}
}

func TestWriteStartsWithAByteOrderMarkAndGuardsEveryCell(t *testing.T) {
	data, err := Write([][]string{{"outlet", "count"}, {"=1+1", "3"}, {"Chloé", "Russia–Ukraine"}})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no byte-order mark: %q", data[:10])
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "'=1+1" || rows[2][0] != "Chloé" || rows[2][1] != "Russia–Ukraine" {
		t.Errorf("rows %q", rows)
	}
}
