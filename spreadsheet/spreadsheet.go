package spreadsheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
)

// BOM is the UTF-8 byte-order mark every CSV starts with: without it Excel
// reads the file as the system's legacy code page and shows "ChloÃ©" for
// "Chloé" and "Russiaâ€“Ukraine" for "Russia–Ukraine".
const BOM = "\ufeff"

// triggers are the first characters that make a spreadsheet program read a
// cell as a formula (tab and carriage return start one in some of them).
const triggers = "=+-@\t\r"

// Guard keeps a cell from running as a formula when the file is opened in a
// spreadsheet: a value that starts with a formula character gets a leading
// apostrophe, which spreadsheets show as text. A value that already starts
// with apostrophes before such a character gets one more, so that Unguard
// gives back exactly what was guarded, whatever the text.
func Guard(s string) string {
	if startsFormula(s) {
		return "'" + s
	}
	return s
}

// Unguard undoes Guard: reading back a file the app wrote loses nothing.
func Unguard(s string) string {
	if strings.HasPrefix(s, "'") && startsFormula(s[1:]) {
		return s[1:]
	}
	return s
}

// startsFormula reports whether s, after any leading apostrophes, starts
// with a formula character.
func startsFormula(s string) bool {
	rest := strings.TrimLeft(s, "'")
	return rest != "" && strings.IndexByte(triggers, rest[0]) >= 0
}

// Write encodes rows as CSV for a spreadsheet: a byte-order mark first,
// every cell guarded.
func Write(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(BOM)
	w := csv.NewWriter(&buf)
	rec := []string{}
	for _, row := range rows {
		rec = rec[:0]
		for _, cell := range row {
			rec = append(rec, Guard(cell))
		}
		if err := w.Write(rec); err != nil {
			return nil, fmt.Errorf("write CSV: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write CSV: %w", err)
	}
	return buf.Bytes(), nil
}
