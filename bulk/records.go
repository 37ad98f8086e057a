package bulk

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// recordReader splits the input into records: lines for JSON Lines, and
// for CSV records that may span lines inside quoted values. It keeps at
// most MaxLineBytes of a record; the rest of a longer one is read past
// without being stored, so reading resumes at the next record.
type recordReader struct {
	br   *bufio.Reader
	csv  bool
	line int // lines consumed so far
	buf  []byte
}

// record is one record of the input. data is reused by the next call.
type record struct {
	start    int // line where the record starts
	data     []byte
	tooLarge bool
}

// blank reports whether the record holds nothing but white space.
func (r record) blank() bool { return !r.tooLarge && len(bytes.TrimSpace(r.data)) == 0 }

// next returns the next record, or io.EOF when the input holds no more.
func (rr *recordReader) next() (record, error) {
	rec := record{start: rr.line + 1}
	rr.buf = rr.buf[:0]
	size := 0
	st := csvFieldStart
	for {
		chunk, err := rr.br.ReadSlice('\n')
		size += len(chunk)
		if size > MaxLineBytes {
			rec.tooLarge = true
		} else {
			rr.buf = append(rr.buf, chunk...)
		}
		switch {
		case err == nil: // chunk ends with the newline
			rr.line++
			if rr.csv {
				st = scanCSV(st, chunk[:len(chunk)-1])
				if st == csvQuoted {
					continue // a newline inside a quoted value
				}
			}
			rec.data = rr.buf
			return rec, nil
		case errors.Is(err, bufio.ErrBufferFull):
			if rr.csv {
				st = scanCSV(st, chunk)
			}
		case errors.Is(err, io.EOF):
			if size == 0 {
				return rec, io.EOF
			}
			rr.line++
			rec.data = rr.buf
			return rec, nil
		default:
			return rec, err
		}
	}
}

// The states of a CSV record while looking for its end: a newline ends the
// record unless it is inside a quoted value.
type csvState int

const (
	csvFieldStart csvState = iota
	csvUnquoted
	csvQuoted
	csvQuoteInQuoted // a quote inside a quoted value: its end, or the first of ""
)

// scanCSV follows the quoting of b, which holds no newline, from state st.
// Malformed quoting is left to encoding/csv to report; this only has to
// agree with it on where well-formed records end.
func scanCSV(st csvState, b []byte) csvState {
	for _, c := range b {
		switch st {
		case csvFieldStart:
			switch c {
			case '"':
				st = csvQuoted
			case ',':
			default:
				st = csvUnquoted
			}
		case csvUnquoted:
			if c == ',' {
				st = csvFieldStart
			}
		case csvQuoted:
			if c == '"' {
				st = csvQuoteInQuoted
			}
		case csvQuoteInQuoted:
			switch c {
			case '"':
				st = csvQuoted
			case ',':
				st = csvFieldStart
			default:
				st = csvUnquoted
			}
		}
	}
	return st
}
