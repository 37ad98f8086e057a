package bulk

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"

	"framelens/framing"
)

// Format is the kind of file: JSON Lines or CSV.
type Format string

// The formats. Auto detects the format from the first character that is
// not white space: "{" means JSON Lines, anything else CSV.
const (
	Auto  Format = ""
	JSONL Format = "jsonl"
	CSV   Format = "csv"
)

// ParseFormat reads a format name as a person types it: jsonl (or ndjson),
// csv, or auto or nothing to detect it.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return Auto, nil
	case "jsonl", "ndjson":
		return JSONL, nil
	case "csv":
		return CSV, nil
	}
	return Auto, formatError()
}

func formatError() error {
	return framing.FieldErrorf(framing.EInvalid, "format", "Use jsonl or csv as the format, or leave it out to have it detected.")
}

// Reader reads the articles of one import file.
type Reader struct {
	format  Format
	records *recordReader
	columns []string // CSV: the field of each column
	count   int      // records read, blank lines not counted
	done    bool
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

// NewReader prepares to read src in the given format, detecting it when
// format is Auto. For CSV it reads the header. Problems with the file as a
// whole (empty, UTF-16, a header without the required columns) are a
// *framing.Error about the field "file"; problems with one line come later,
// with that line.
func NewReader(src io.Reader, format Format) (*Reader, error) {
	switch format {
	case Auto, JSONL, CSV:
	default:
		return nil, formatError()
	}
	br := bufio.NewReaderSize(src, readBufferSize)
	if err := skipBOM(br); err != nil {
		return nil, err
	}
	first, err := firstNonSpace(br)
	if errors.Is(err, io.EOF) {
		return nil, framing.FieldErrorf(framing.EInvalid, "file", "The file is empty: there is no article in it to import.")
	}
	if err != nil {
		return nil, fmt.Errorf("read import file: %w", err)
	}
	if format == Auto {
		format = CSV
		if first == '{' {
			format = JSONL
		}
	}
	r := &Reader{format: format, records: &recordReader{br: br, csv: format == CSV}}
	if format == CSV {
		if err := r.readHeader(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Format is the format being read, detected or given.
func (r *Reader) Format() Format { return r.format }

// Lines yields the records of the file in order, each once: a Reader is
// read through once. After MaxRecords records it yields one line saying
// the rest was not read, and stops.
func (r *Reader) Lines() iter.Seq[framing.ImportLine] {
	return func(yield func(framing.ImportLine) bool) {
		for {
			line, ok := r.next()
			if !ok || !yield(line) {
				return
			}
		}
	}
}

func (r *Reader) next() (framing.ImportLine, bool) {
	for !r.done {
		rec, err := r.records.next()
		if errors.Is(err, io.EOF) {
			r.done = true
			return framing.ImportLine{}, false
		}
		if err != nil {
			r.done = true
			return framing.ImportLine{N: rec.start, Err: fmt.Errorf("read line %d: %w", rec.start, err)}, true
		}
		if rec.blank() {
			continue
		}
		r.count++
		line := framing.ImportLine{N: rec.start}
		switch {
		case r.count > MaxRecords:
			r.done = true
			line.Err = framing.Errorf(framing.ETooLarge,
				"An import takes at most %d articles, so this line and the rest of the file were not read. Import them from a second file.", MaxRecords)
		case rec.tooLarge:
			line.Err = framing.Errorf(framing.ETooLarge,
				"The line is over %s, the most one line may hold (an article's text may be up to %s).",
				framing.HumanBytes(MaxLineBytes), framing.HumanBytes(framing.MaxBodyBytes))
		case r.format == CSV:
			line.Input, line.Err = r.decodeCSV(rec.data)
		default:
			line.Input, line.Err = decodeJSONLine(rec.data)
		}
		return line, true
	}
	return framing.ImportLine{}, false
}

// skipBOM drops a UTF-8 byte order mark, which spreadsheet programs write,
// and refuses UTF-16, which they write when asked for "Unicode text".
func skipBOM(br *bufio.Reader) error {
	b, err := br.Peek(len(utf8BOM))
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read import file: %w", err)
	}
	switch {
	case bytes.HasPrefix(b, utf8BOM):
		_, _ = br.Discard(len(utf8BOM))
	case bytes.HasPrefix(b, utf16LEBOM), bytes.HasPrefix(b, utf16BEBOM):
		return framing.FieldErrorf(framing.EInvalid, "file", "The file is UTF-16 text; save it as UTF-8 and import it again.")
	}
	return nil
}

// firstNonSpace peeks at the first byte that is not white space, without
// consuming anything. If the buffer holds only white space it gives 0,
// which detects as CSV.
func firstNonSpace(br *bufio.Reader) (byte, error) {
	for n := 1; n <= readBufferSize; n++ {
		b, err := br.Peek(n)
		if len(b) < n {
			return 0, err
		}
		switch c := b[n-1]; c {
		case ' ', '\t', '\r', '\n', '\v', '\f':
		default:
			return c, nil
		}
	}
	return 0, nil
}
