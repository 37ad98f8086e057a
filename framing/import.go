package framing

// ImportLine is one record of a bulk import (a JSON line or a CSV record)
// as read from the file: the line it starts on, and either a normalized
// input or the reason it cannot be imported.
//
// Err is a *Error for a problem with the line itself (the import goes on
// with the next line); any other error means the file could not be read
// further, and the import stops there.
type ImportLine struct {
	N     int // 1-based line of the file where the record starts
	Input ArticleInput
	Err   error
}

// ImportProgress is how far an import has got, reported after each line.
type ImportProgress struct {
	Line     int // the line just handled
	Lines    int // records handled so far, blank lines not counted
	Imported int
	Refused  int
}

// ImportReport is the outcome of a bulk import.
type ImportReport struct {
	Lines      int // records handled, blank lines not counted
	LastLine   int // the line of the file handled last
	Imported   int
	Skipped    []LineProblem // one per refused line, in file order
	ArticleIDs []int64       // the imported articles, in file order
	// StoppedAt is the line where an import that did not go to the end
	// stopped: neither it nor any line after it was stored. 0 when every
	// line was handled.
	StoppedAt int
}

// LineProblem is why one line of an import was refused. Field and Message
// are the first (most basic) problem; Fields holds every field problem of
// the line, and is empty for a problem with the line as a whole (not JSON,
// too large). Code is EConflict for a text already in the event or earlier
// in the file, EInvalid or ETooLarge otherwise.
type LineProblem struct {
	Line    int
	Code    string
	Field   string
	Message string
	Fields  []FieldError
}

// Duplicate reports whether the line was refused because its text is
// already in the event.
func (p LineProblem) Duplicate() bool { return p.Code == EConflict }

// LineProblemOf describes the application error e about line n.
func LineProblemOf(n int, e *Error) LineProblem {
	p := LineProblem{Line: n, Code: e.Code, Message: e.Message, Fields: e.Fields}
	if len(e.Fields) > 0 {
		p.Field, p.Message = e.Fields[0].Field, e.Fields[0].Message
	}
	return p
}
