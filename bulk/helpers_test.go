package bulk_test

import (
	"errors"
	"strings"
	"testing"

	"framelens/bulk"
	"framelens/framing"
)

// The texts are invented for these tests: a fictional dam on a fictional
// river.
const (
	damBody   = "The Ossel river dam opened to visitors on Tuesday after four years of work."
	damBody2  = "Engineers at the Ossel dam said the reservoir will take two seasons to fill."
	damBody3  = "Residents downstream of the Ossel dam were invited to a open day at the turbine hall."
	goodJSON  = `{"outlet": "Valley Courier", "headline": "Dam opens", "language": "en", "body": "` + damBody + `"}`
	goodJSON2 = `{"outlet": "River Post", "headline": "Reservoir to fill slowly", "language": "en", "body": "` + damBody2 + `"}`
)

// want is what one yielded line should be: its number and either the
// headline of a good input or the field, code and part of the message of
// its problem.
type want struct {
	n        int
	headline string // for a good line
	code     string // for a bad line
	field    string
	message  string
}

func good(n int, headline string) want { return want{n: n, headline: headline} }

func bad(n int, code, field, message string) want {
	return want{n: n, code: code, field: field, message: message}
}

// readAll reads every line of input in the given format.
func readAll(t *testing.T, input string, format bulk.Format) []framing.ImportLine {
	t.Helper()
	r, err := bulk.NewReader(strings.NewReader(input), format)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var lines []framing.ImportLine
	for l := range r.Lines() {
		lines = append(lines, l)
	}
	return lines
}

func checkLines(t *testing.T, got []framing.ImportLine, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, l := range got {
			t.Logf("line %d: %+v %v", l.N, l.Input, l.Err)
		}
		t.Fatalf("got %d lines, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		l := got[i]
		if l.N != w.n {
			t.Errorf("line %d: N = %d, want %d", i, l.N, w.n)
		}
		if w.code == "" {
			if l.Err != nil {
				t.Errorf("line %d: unexpected error %v", w.n, l.Err)
			} else if l.Input.Headline != w.headline {
				t.Errorf("line %d: headline %q, want %q", w.n, l.Input.Headline, w.headline)
			}
			continue
		}
		var e *framing.Error
		if !errors.As(l.Err, &e) {
			t.Errorf("line %d: error %v (%T), want a *framing.Error", w.n, l.Err, l.Err)
			continue
		}
		if e.Code != w.code || e.Field() != w.field || !strings.Contains(framing.ErrorMessage(e), w.message) {
			t.Errorf("line %d: error code=%s field=%q message=%q; want code=%s field=%q message containing %q",
				w.n, e.Code, e.Field(), framing.ErrorMessage(e), w.code, w.field, w.message)
		}
	}
}
