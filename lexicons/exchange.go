package lexicons

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"framelens/framing"
	"framelens/spreadsheet"
)

// shown shortens a name from the file for a message, so that a megabyte of
// garbage in a header does not become a megabyte of error.
func shown(name string) string {
	const maxRunes = 40
	if r := []rune(name); len(r) > maxRunes {
		return string(r[:maxRunes]) + "…"
	}
	return name
}

// ExportJSON writes a lexicon in the JSON exchange format: the same shape
// as the shipped YAML files.
func ExportJSON(l framing.Lexicon) ([]byte, error) {
	data, err := json.MarshalIndent(fromLexicon(l), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export lexicon %s as JSON: %w", l.Slug, err)
	}
	return append(data, '\n'), nil
}

// ImportJSON reads a lexicon written by ExportJSON. A bad file is refused
// whole, with the line and the path of the field at fault.
func ImportJSON(data []byte) (framing.Lexicon, error) {
	if err := checkUTF8(data); err != nil {
		return framing.Lexicon{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileLexicon
	if err := dec.Decode(&f); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return framing.Lexicon{}, importError("", lineAt(data, syn.Offset), "", "not valid JSON: %s", syn.Error())
		case errors.As(err, &typ):
			return framing.Lexicon{}, importError("", lineAt(data, typ.Offset), typ.Field, "should be a JSON %s", typ.Type.Kind())
		case errors.Is(err, io.EOF):
			return framing.Lexicon{}, importError("", 1, "", "the file is empty")
		}
		msg := strings.TrimPrefix(err.Error(), "json: ")
		line := lineAt(data, dec.InputOffset())
		if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
			if i := bytes.Index(data, []byte(name)); i >= 0 { // name is quoted as in the file
				line = lineAt(data, int64(i))
			}
		}
		return framing.Lexicon{}, importError("", line, "", "%s", msg)
	}
	lex, err := f.lexicon()
	if err == nil {
		err = lex.ValidateSlugs()
	}
	if err != nil {
		lines := jsonLines(data)
		return lex, withWhere(err, func(path string) string {
			return fmt.Sprintf("Line %d, %s", lineOf(lines, path), path)
		})
	}
	return lex, nil
}

// jsonLines maps the path of every value in a JSON file ("slug",
// "concepts[2]", "concepts[2].terms[0]"), in the form validation names
// them, to the line the value starts on.
func jsonLines(data []byte) map[string]int {
	lines := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(data))
	var value func(path string) error
	value = func(path string) error {
		start := dec.InputOffset()
		for start < int64(len(data)) && strings.IndexByte(" \t\r\n,:", data[start]) >= 0 {
			start++
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		lines[path] = lineAt(data, start)
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				key, err := dec.Token()
				if err != nil {
					return err
				}
				name, _ := key.(string)
				if path != "" {
					name = path + "." + name
				}
				if err := value(name); err != nil {
					return err
				}
			}
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := value(fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		default:
			return nil
		}
		_, err = dec.Token() // the closing bracket
		return err
	}
	_ = value("") // the file was decoded whole already
	return lines
}

// lineOf is the line of path, or of the nearest value that holds it
// ("concepts[1].terms[0].note" falls back to "concepts[1].terms[0]", a
// lexicon's field in CSV to its lexicon row), or line 1.
func lineOf(lines map[string]int, path string) int {
	for {
		if line, ok := lines[path]; ok {
			return line
		}
		cut := strings.LastIndexAny(path, ".[")
		if cut < 0 {
			if path == "" {
				return 1
			}
			cut = 0
		}
		path = path[:cut]
	}
}

// checkUTF8 refuses a file that is not UTF-8 text, naming the line of its
// first bad byte. Without it CSV would pass the bytes on as they are, and
// JSON would turn them into U+FFFD without a word.
func checkUTF8(data []byte) error {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return importError("", lineAt(data, int64(i)), "", "the file is not UTF-8 text; save it as UTF-8 and import it again")
		}
		i += size
	}
	return nil
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, offset int64) int {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// importError is an EInvalid error naming where in the file the problem is.
func importError(field string, line int, column, format string, args ...any) error {
	where := ""
	switch {
	case line > 0 && column != "":
		where = fmt.Sprintf("Line %d, %s: ", line, column)
	case line > 0:
		where = fmt.Sprintf("Line %d: ", line)
	case column != "":
		where = column + ": "
	}
	if field == "" {
		field = "file"
	}
	return framing.FieldErrorf(framing.EInvalid, field, "%s%s", where, fmt.Sprintf(format, args...))
}

// withWhere rewrites a validation error's first problem so that it names
// where in the file it is.
func withWhere(err error, where func(path string) string) error {
	var e *framing.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	first := e.Fields[0]
	return framing.FieldErrorf(framing.EInvalid, "file", "%s: %s", where(first.Field), first.Message)
}

// The CSV exchange format: one row per lexicon, perspective, concept and
// term, told apart by the kind column, so a round trip loses nothing.
// Terms belong to the concept row above them; variants are one per line
// inside their cell.
var csvHeader = []string{"kind", "slug", "name", "description", "language", "color", "category",
	"phrase", "perspective", "match", "variants", "note", "neutral", "source_title", "source_url", "scope", "anchors"}

// csvOptional are columns that files written before scopes lack: such a
// file imports as a general lexicon.
var csvOptional = map[string]bool{"scope": true, "anchors": true}

// ExportCSV writes a lexicon in the CSV exchange format, for spreadsheets:
// a byte-order mark first and every cell guarded against running as a
// formula (ImportCSV undoes the guard).
func ExportCSV(l framing.Lexicon) ([]byte, error) {
	rows := [][]string{csvHeader}
	row := func(kv map[string]string) {
		rec := make([]string, len(csvHeader))
		for i, h := range csvHeader {
			rec[i] = kv[h]
		}
		rows = append(rows, rec)
	}
	scope := l.Scope
	if scope == "" {
		scope = framing.ScopeGeneral
	}
	row(map[string]string{"kind": "lexicon", "slug": l.Slug, "name": l.Name, "description": l.Description, "language": l.Language,
		"scope": scope, "anchors": strings.Join(l.Anchors, "\n")})
	for _, p := range l.Perspectives {
		row(map[string]string{"kind": "perspective", "slug": p.Slug, "name": p.Name, "description": p.Description, "color": p.Color})
	}
	for _, c := range l.Concepts {
		row(map[string]string{"kind": "concept", "slug": c.Slug, "name": c.Name, "description": c.Description, "category": c.Category})
		for _, t := range c.Terms {
			row(map[string]string{"kind": "term", "phrase": t.Phrase, "language": t.Language, "perspective": t.Perspective,
				"match": t.MatchMode(), "variants": strings.Join(t.Variants, "\n"), "note": t.Note, "neutral": t.Neutral,
				"source_title": t.SourceTitle, "source_url": t.SourceURL})
		}
	}
	data, err := spreadsheet.Write(rows)
	if err != nil {
		return nil, fmt.Errorf("export lexicon %s as CSV: %w", l.Slug, err)
	}
	return data, nil
}

// ImportCSV reads a lexicon written by ExportCSV. A bad file is refused
// whole, with the line and column at fault.
func ImportCSV(data []byte) (framing.Lexicon, error) {
	if err := checkUTF8(data); err != nil {
		return framing.Lexicon{}, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return framing.Lexicon{}, importError("", 1, "", "the file is empty")
	}
	if err != nil {
		return framing.Lexicon{}, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(strings.TrimPrefix(h, spreadsheet.BOM))
		if name == "" {
			continue // a spreadsheet's empty trailing column
		}
		if !slices.Contains(csvHeader, name) {
			return framing.Lexicon{}, importError("", 1, shown(name), "the header names a column this format does not have (it has %s)",
				strings.Join(csvHeader, ", "))
		}
		if _, twice := col[name]; twice {
			return framing.Lexicon{}, importError("", 1, name, "the header names this column twice")
		}
		col[name] = i
	}
	for _, h := range csvHeader {
		if _, ok := col[h]; !ok && !csvOptional[h] {
			return framing.Lexicon{}, importError("", 1, h, "the header lacks this column (it must have %s)", strings.Join(csvHeader, ", "))
		}
	}
	var f fileLexicon
	lines := map[string]int{} // validation path → line
	seenLexicon := false
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return framing.Lexicon{}, csvError(err)
		}
		line, _ := r.FieldPos(0)
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return spreadsheet.Unguard(rec[i])
			}
			return ""
		}
		switch kind := strings.TrimSpace(get("kind")); kind {
		case "lexicon":
			if seenLexicon {
				return framing.Lexicon{}, importError("", line, "kind", "a file holds one lexicon; this is a second lexicon row")
			}
			seenLexicon = true
			f.Slug, f.Name, f.Description, f.Language = get("slug"), get("name"), get("description"), get("language")
			f.Scope, f.Anchors = get("scope"), variantLines([]string{get("anchors")})
			lines[""], lines["scope"], lines["anchors"] = line, line, line
		case "perspective":
			lines[fmt.Sprintf("perspectives[%d]", len(f.Perspectives))] = line
			f.Perspectives = append(f.Perspectives, filePerspective{Slug: get("slug"), Name: get("name"),
				Description: get("description"), Color: get("color")})
		case "concept":
			lines[fmt.Sprintf("concepts[%d]", len(f.Concepts))] = line
			f.Concepts = append(f.Concepts, fileConcept{Slug: get("slug"), Name: get("name"),
				Description: get("description"), Category: get("category")})
		case "term":
			if len(f.Concepts) == 0 {
				return framing.Lexicon{}, importError("", line, "kind", "a term row must follow the concept it belongs to")
			}
			c := &f.Concepts[len(f.Concepts)-1]
			lines[fmt.Sprintf("concepts[%d].terms[%d]", len(f.Concepts)-1, len(c.Terms))] = line
			variants := variantLines([]string{get("variants")})
			c.Terms = append(c.Terms, fileTerm{Phrase: get("phrase"), Language: get("language"), Perspective: get("perspective"),
				Match: get("match"), Variants: variants, Note: get("note"), Neutral: get("neutral"),
				Source: fileSource{Title: get("source_title"), URL: get("source_url")}})
		default:
			return framing.Lexicon{}, importError("", line, "kind", "%q is not a kind of row (lexicon, perspective, concept or term)", kind)
		}
	}
	if !seenLexicon {
		return framing.Lexicon{}, importError("", 2, "kind", "the file needs a lexicon row with its slug and name")
	}
	lex, err := f.lexicon()
	if err == nil {
		err = lex.ValidateSlugs()
	}
	if err != nil {
		return lex, withWhere(err, func(path string) string { return fmt.Sprintf("Line %d", lineOf(lines, path)) })
	}
	return lex, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return importError("", pe.Line, "", "not valid CSV: %s", pe.Err)
	}
	return importError("", 1, "", "not valid CSV: %s", err)
}
