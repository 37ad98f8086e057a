package bulk_test

import (
	"strings"
	"testing"

	"framelens/bulk"
	"framelens/framing"
)

const csvHeader = "outlet,headline,language,body\n"

func TestCSVRecordsAreReadWithTheLineTheyStartOn(t *testing.T) {
	oversized := `"` + strings.Repeat("Line of a long text.\n", bulk.MaxLineBytes/20) + `"`
	tests := []struct {
		name  string
		input string
		want  []want
	}{
		{"good records", csvHeader + "Valley Courier,Dam opens,en," + damBody + "\nRiver Post,Reservoir,en," + damBody2 + "\n",
			[]want{good(2, "Dam opens"), good(3, "Reservoir")}},
		{"columns in any order and any case, with a byte order mark", "\uFEFFBody, Language ,HEADLINE,outlet\n" + `"` + damBody + `",en,Dam opens,V` + "\n",
			[]want{good(2, "Dam opens")}},
		{"quoted body over several lines", csvHeader + "V,Dam opens,en,\"" + damBody + "\n\n" + damBody2 + "\"\nRiver Post,Reservoir,en," + damBody3 + "\n",
			[]want{good(2, "Dam opens"), good(5, "Reservoir")}},
		{"quotes and commas inside a quoted value", csvHeader + `V,"Dam opens, finally","en","He said ""open"" twice, then left the turbine hall."` + "\n",
			[]want{good(2, "Dam opens, finally")}},
		{"windows line endings", strings.ReplaceAll(csvHeader+"V,Dam opens,en,\""+damBody+"\n"+damBody2+"\"\nR,Reservoir,en,"+damBody3+"\n", "\n", "\r\n"),
			[]want{good(2, "Dam opens"), good(4, "Reservoir")}},
		{"blank lines are skipped but counted", "\n" + csvHeader + "\nV,Dam opens,en," + damBody + "\n  \n\nR,Reservoir,en," + damBody2,
			[]want{good(4, "Dam opens"), good(7, "Reservoir")}},
		{"a value missing", csvHeader + "V,Dam opens," + damBody + "\nR,Reservoir,en," + damBody2 + "\n",
			[]want{bad(2, framing.EInvalid, "", "The line has 3 values but the header names 4 columns."), good(3, "Reservoir")}},
		{"one value only", csvHeader + "Valley Courier\n",
			[]want{bad(2, framing.EInvalid, "", "The line has 1 value but the header names 4 columns.")}},
		{"an empty required value", csvHeader + "V,,en," + damBody + "\n",
			[]want{bad(2, framing.EInvalid, "headline", "Headline is required.")}},
		{"a bare quote, then the next record", csvHeader + `V,Dam "opens",en,` + damBody + "\nR,Reservoir,en," + damBody2 + "\n",
			[]want{bad(2, framing.EInvalid, "", `is not in quotes`), good(3, "Reservoir")}},
		{"a quoted value never closed", csvHeader + "R,Reservoir,en," + damBody2 + "\nV,Dam opens,en,\"" + damBody + "\nand more",
			[]want{good(2, "Reservoir"), bad(3, framing.EInvalid, "", "not closed properly")}},
		{"invalid UTF-8, then the next record", csvHeader + "V,Dam\xc3\x28,en," + damBody + "\nR,Reservoir,en," + damBody2 + "\n",
			[]want{bad(2, framing.EInvalid, "", "not valid UTF-8"), good(3, "Reservoir")}},
		{"an oversized record over many lines, then the next", csvHeader + "V,Dam opens,en," + oversized + "\nR,Reservoir,en," + damBody2 + "\n",
			[]want{bad(2, framing.ETooLarge, "", "the most one line may hold"), good(2+bulk.MaxLineBytes/20+1, "Reservoir")}},
		{"the same text twice is two good records", csvHeader + "V,Dam opens,en," + damBody + "\nV,Dam opens,en," + damBody + "\n",
			[]want{good(2, "Dam opens"), good(3, "Dam opens")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLines(t, readAll(t, tt.input, bulk.CSV), tt.want)
		})
	}
}

func TestTheIllustrativeColumnTakesTheWaysSpreadsheetsWriteYesAndNo(t *testing.T) {
	tests := []struct {
		value string
		want  bool
		ok    bool
	}{
		{"", false, true}, {"0", false, true}, {"FALSE", false, true}, {"no", false, true},
		{"1", true, true}, {"TRUE", true, true}, {"Yes", true, true}, {"x", true, true},
		{"maybe", false, false}, {"2", false, false},
	}
	for _, tt := range tests {
		input := "outlet,headline,language,body,illustrative\nV,Dam opens,en," + damBody + "," + tt.value + "\n"
		got := readAll(t, input, bulk.CSV)
		if len(got) != 1 {
			t.Fatalf("%q: %d lines", tt.value, len(got))
		}
		if tt.ok && (got[0].Err != nil || got[0].Input.Illustrative != tt.want) {
			t.Errorf("illustrative %q: got %v, %v; want %v", tt.value, got[0].Input.Illustrative, got[0].Err, tt.want)
		}
		if !tt.ok {
			checkLines(t, got, []want{bad(2, framing.EInvalid, "illustrative", "true or false")})
		}
	}
}

func TestACSVRecordKeepsEveryField(t *testing.T) {
	input := "url,published,illustrative,byline,outlet,headline,language,body\n" +
		`https://example.org/dam,2024-05-07,true,A. Reporter,Valley Courier,Dam opens,en-GB,"` + damBody + "\r\n\r\nSecond paragraph.\"\n"
	got := readAll(t, input, bulk.Auto)
	want := framing.ArticleInput{Outlet: "Valley Courier", Headline: "Dam opens", Byline: "A. Reporter", URL: "https://example.org/dam",
		Published: "2024-05-07", Language: "en-gb", Body: damBody + "\n\nSecond paragraph.", Illustrative: true}
	if len(got) != 1 || got[0].Err != nil || got[0].Input != want {
		t.Fatalf("got %+v, want one line with %+v", got, want)
	}
}
