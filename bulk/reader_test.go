package bulk_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"framelens/bulk"
	"framelens/framing"
)

func TestTheFormatIsDetectedFromTheFirstCharacter(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  bulk.Format
	}{
		{"object", goodJSON, bulk.JSONL},
		{"object after blank lines and a byte order mark", "\uFEFF\n \r\n\t" + goodJSON, bulk.JSONL},
		{"header", csvHeader + "V,Dam opens,en," + damBody, bulk.CSV},
		{"quoted header", `"outlet","headline","language","body"` + "\n", bulk.CSV},
	}
	for _, tt := range tests {
		r, err := bulk.NewReader(strings.NewReader(tt.input), bulk.Auto)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.Format() != tt.want {
			t.Errorf("%s: format %q, want %q", tt.name, r.Format(), tt.want)
		}
	}
}

func TestAFileThatCannotBeReadAtAllIsRefusedBeforeAnyLine(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		format  bulk.Format
		field   string
		message string
	}{
		{"empty", "", bulk.Auto, "file", "The file is empty"},
		{"only white space", "\n \r\n\t\n", bulk.JSONL, "file", "The file is empty"},
		{"only a byte order mark", "\uFEFF", bulk.CSV, "file", "The file is empty"},
		{"UTF-16", "\xff\xfeo\x00u\x00t\x00", bulk.Auto, "file", "UTF-16"},
		{"unknown format", goodJSON, bulk.Format("xml"), "format", "Use jsonl or csv"},
		{"CSV header without body", "outlet,headline,language\n", bulk.CSV, "file", "no body column"},
		{"CSV header missing several", "body\n", bulk.CSV, "file", "no outlet, headline, language column"},
		{"CSV header with an unknown column", "outlet,headline,language,body,colour\n", bulk.CSV, "file", `column "colour", which is not an article field`},
		{"CSV header with a column twice", "outlet,headline,language,body,Body\n", bulk.CSV, "file", "the column body twice"},
		{"CSV header with an empty column", "outlet,,headline,language,body\n", bulk.CSV, "file", "has no name"},
		{"CSV header not CSV", `outlet,"headline,language,body` + "\n", bulk.CSV, "file", "not valid CSV"},
		{"CSV header not UTF-8", "outlet,head\xffline,language,body\n", bulk.CSV, "file", "not UTF-8"},
		{"a JSON file read as CSV", goodJSON + "\n", bulk.CSV, "file", "not valid CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := bulk.NewReader(strings.NewReader(tt.input), tt.format)
			var e *framing.Error
			if !errors.As(err, &e) {
				t.Fatalf("NewReader = %v, want a *framing.Error", err)
			}
			if e.Code != framing.EInvalid || e.Field() != tt.field || !strings.Contains(e.Message, tt.message) {
				t.Errorf("NewReader = %s / %q / %q; want field %q and a message with %q", e.Code, e.Field(), e.Message, tt.field, tt.message)
			}
		})
	}
}

func TestParseFormatTakesTheNamesPeopleType(t *testing.T) {
	for in, want := range map[string]bulk.Format{"": bulk.Auto, "auto": bulk.Auto, "JSONL": bulk.JSONL, "ndjson": bulk.JSONL, " csv ": bulk.CSV} {
		if got, err := bulk.ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := bulk.ParseFormat("tsv"); framing.ErrorCode(err) != framing.EInvalid {
		t.Errorf("ParseFormat(tsv) = %v, want an invalid format error", err)
	}
}

func TestReadingStopsAfterMaxRecordsWithOneLineSayingSo(t *testing.T) {
	var b strings.Builder
	b.WriteString("\n") // blank lines do not count towards the limit
	for i := range bulk.MaxRecords + 3 {
		fmt.Fprintf(&b, `{"outlet": "V", "headline": "Part %d", "language": "en", "body": "%s"}`+"\n\n", i+1, damBody)
	}
	got := readAll(t, b.String(), bulk.Auto)
	if len(got) != bulk.MaxRecords+1 {
		t.Fatalf("got %d lines, want %d and one about the limit", len(got), bulk.MaxRecords)
	}
	for _, l := range got[:bulk.MaxRecords] {
		if l.Err != nil {
			t.Fatalf("line %d: %v", l.N, l.Err)
		}
	}
	last := bulk.MaxRecords
	checkLines(t, got[last:], []want{bad(2+2*last, framing.ETooLarge, "", fmt.Sprintf("at most %d articles", bulk.MaxRecords))})
}

func TestBadLinesCountTowardsTheRecordLimit(t *testing.T) {
	input := strings.Repeat("not json\n", bulk.MaxRecords) + goodJSON + "\n"
	got := readAll(t, input, bulk.JSONL)
	if len(got) != bulk.MaxRecords+1 || framing.ErrorCode(got[bulk.MaxRecords].Err) != framing.ETooLarge {
		t.Fatalf("got %d lines, the last %v; want the limit to stop the good line after %d bad ones", len(got), got[len(got)-1].Err, bulk.MaxRecords)
	}
}

func TestAReadErrorEndsTheLinesWithAnErrorThatIsNotALineProblem(t *testing.T) {
	boom := errors.New("connection reset")
	src := io.MultiReader(strings.NewReader(goodJSON+"\n"+goodJSON2[:20]), iotest.ErrReader(boom))
	r, err := bulk.NewReader(src, bulk.Auto)
	if err != nil {
		t.Fatal(err)
	}
	var got []framing.ImportLine
	for l := range r.Lines() {
		got = append(got, l)
	}
	if len(got) != 2 || got[0].Err != nil {
		t.Fatalf("got %+v, want a good line then the error", got)
	}
	var e *framing.Error
	if got[1].N != 2 || !errors.Is(got[1].Err, boom) || errors.As(got[1].Err, &e) {
		t.Errorf("line %d: %v; want the read error, not a line problem", got[1].N, got[1].Err)
	}
}

func TestAReadErrorWhileDetectingTheFormatIsReturned(t *testing.T) {
	boom := errors.New("disk gone")
	_, err := bulk.NewReader(iotest.ErrReader(boom), bulk.Auto)
	if !errors.Is(err, boom) {
		t.Fatalf("NewReader = %v, want the read error", err)
	}
}

func TestStoppingEarlyLeavesTheRestUnread(t *testing.T) {
	r, err := bulk.NewReader(strings.NewReader(goodJSON+"\n"+goodJSON2+"\n"), bulk.JSONL)
	if err != nil {
		t.Fatal(err)
	}
	for range r.Lines() {
		break
	}
	var rest []int
	for l := range r.Lines() {
		rest = append(rest, l.N)
	}
	if len(rest) != 1 || rest[0] != 2 {
		t.Errorf("after stopping at line 1, the lines left are %v, want [2]", rest)
	}
}

func TestFieldsAreTheArticleFields(t *testing.T) {
	got := strings.Join(bulk.Fields(), ",")
	if got != "outlet,headline,byline,url,published,language,body,illustrative,outlet_country,outlet_url" {
		t.Errorf("Fields() = %s", got)
	}
}
