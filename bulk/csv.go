package bulk

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"framelens/framing"
)

// readHeader reads the first non-blank record as the names of the columns:
// article fields in any order, in any case. An unknown or repeated column,
// or a missing required one, refuses the whole file: every line would be
// read wrongly.
func (r *Reader) readHeader() error {
	rec, err := r.records.next()
	for err == nil && rec.blank() {
		rec, err = r.records.next()
	}
	if errors.Is(err, io.EOF) {
		return fileError("The file is empty: there is no article in it to import.")
	}
	if err != nil {
		return fmt.Errorf("read the header of the import file: %w", err)
	}
	if rec.tooLarge || !utf8.Valid(rec.data) {
		return fileError("The first line is not a header of column names (it is too long or not UTF-8 text).")
	}
	names, err := splitCSV(rec.data)
	if err != nil {
		return fileError("The header line is not valid CSV. %s", framing.ErrorMessage(err))
	}
	seen := map[string]bool{}
	for _, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		switch {
		case name == "":
			return fileError("A column of the header has no name; the columns are %s.", fieldList())
		case !isField(name) && !isOption(name):
			return fileError("The header names a column %q, which is not an article field; the columns are %s.", shown(raw), fieldList())
		case seen[name]:
			return fileError("The header names the column %s twice.", name)
		}
		seen[name] = true
		r.columns = append(r.columns, name)
	}
	var missing []string
	for _, name := range requiredColumns {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fileError("The header has no %s column; an article needs %s.", strings.Join(missing, ", "), strings.Join(requiredColumns, ", "))
	}
	return nil
}

// decodeCSV reads one record into an article input and normalizes it.
func (r *Reader) decodeCSV(data []byte) (framing.ArticleInput, error) {
	var in framing.ArticleInput
	if !utf8.Valid(data) {
		return in, framing.Errorf(framing.EInvalid, "The line is not valid UTF-8 text; save the file as UTF-8.")
	}
	values, err := splitCSV(data)
	if err != nil {
		return in, err
	}
	if len(values) != len(r.columns) {
		return in, framing.Errorf(framing.EInvalid, "The line has %s but the header names %s.",
			framing.Plural(len(values), "value", "values"), framing.Plural(len(r.columns), "column", "columns"))
	}
	var p framing.Problems
	for i, name := range r.columns {
		if isOption(name) {
			if _, ok := parseFlag(values[i]); !ok {
				p.Add(name, "%s must be true or false, or empty for false.", name)
			}
			continue
		}
		if name == "illustrative" {
			flag, ok := parseFlag(values[i])
			if !ok {
				p.Add(name, "illustrative must be true or false, or empty for false.")
			}
			in.Illustrative = flag
			continue
		}
		*textField(&in, name) = values[i]
	}
	if err := p.Err(); err != nil {
		return in, err
	}
	if err := in.Normalize(); err != nil {
		return in, err
	}
	return in, nil
}

// splitCSV parses one record (which recordReader has cut out of the file)
// into its values, with encoding/csv's quoting rules.
func splitCSV(data []byte) ([]string, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // compared with the header by the caller, with a clearer message
	values, err := cr.Read()
	if err == nil {
		if _, again := cr.Read(); !errors.Is(again, io.EOF) {
			err = csv.ErrQuote // recordReader and encoding/csv disagree only on bad quoting
		}
	}
	switch {
	case err == nil:
		return values, nil
	case errors.Is(err, csv.ErrBareQuote):
		return nil, framing.Errorf(framing.EInvalid, `A value has a " in it but is not in quotes; put the value in quotes and write each " inside it as "".`)
	case errors.Is(err, csv.ErrQuote):
		return nil, framing.Errorf(framing.EInvalid, `A quoted value is not closed properly; write each " inside a quoted value as "".`)
	}
	return nil, framing.Errorf(framing.EInvalid, "The line could not be read as CSV.")
}

func fileError(format string, args ...any) error {
	return framing.FieldErrorf(framing.EInvalid, "file", format, args...)
}
