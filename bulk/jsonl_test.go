package bulk_test

import (
	"strings"
	"testing"

	"framelens/bulk"
	"framelens/framing"
)

func TestJSONLinesAreReadWithLineNumbersAndOneProblemPerBadLine(t *testing.T) {
	oversized := `{"outlet": "X", "headline": "H", "language": "en", "body": "` + strings.Repeat("a", bulk.MaxLineBytes) + `"}`
	tests := []struct {
		name  string
		input string
		want  []want
	}{
		{"good lines", goodJSON + "\n" + goodJSON2 + "\n",
			[]want{good(1, "Dam opens"), good(2, "Reservoir to fill slowly")}},
		{"no final newline", goodJSON + "\n" + goodJSON2,
			[]want{good(1, "Dam opens"), good(2, "Reservoir to fill slowly")}},
		{"blank lines are skipped but counted", "\n" + goodJSON + "\n  \t\n\n" + goodJSON2 + "\n\n",
			[]want{good(2, "Dam opens"), good(5, "Reservoir to fill slowly")}},
		{"windows line endings", goodJSON + "\r\n" + goodJSON2 + "\r\n",
			[]want{good(1, "Dam opens"), good(2, "Reservoir to fill slowly")}},
		{"byte order mark", "\uFEFF" + goodJSON + "\n",
			[]want{good(1, "Dam opens")}},
		{"the same text twice is two good lines; the store refuses the second", goodJSON + "\n" + goodJSON + "\n",
			[]want{good(1, "Dam opens"), good(2, "Dam opens")}},
		{"input is normalized", `{"outlet": " Valley  Courier ", "headline": "  Dam   opens ", "language": "EN", "body": "` + damBody + `"}`,
			[]want{good(1, "Dam opens")}},
		{"names in any case, as the API takes them", `{"Outlet": "V", "HEADLINE": "Dam opens", "language": "en", "body": "` + damBody + `"}`,
			[]want{good(1, "Dam opens")}},
		{"null is empty", `{"outlet": "V", "headline": "Dam opens", "byline": null, "language": "en", "body": "` + damBody + `", "illustrative": null}`,
			[]want{good(1, "Dam opens")}},
		{"missing headline", `{"outlet": "V", "language": "en", "body": "` + damBody + `"}` + "\n" + goodJSON2,
			[]want{bad(1, framing.EInvalid, "headline", "Headline is required."), good(2, "Reservoir to fill slowly")}},
		{"every problem of a line, first the most basic", `{"outlet": "", "headline": "", "language": "english", "body": "short"}`,
			[]want{bad(1, framing.EInvalid, "outlet", "Outlet is required.")}},
		{"unknown field", `{"outlet": "V", "headline": "Dam opens", "colour": "blue", "language": "en", "body": "` + damBody + `"}`,
			[]want{bad(1, framing.EInvalid, "colour", `"colour" is not an article field; the fields are outlet, headline`)}},
		{"field given twice", `{"outlet": "V", "headline": "A", "Headline": "B", "language": "en", "body": "` + damBody + `"}`,
			[]want{bad(1, framing.EInvalid, "headline", "headline is given twice")}},
		{"text field of the wrong type", `{"outlet": "V", "headline": 7, "language": "en", "body": "` + damBody + `"}`,
			[]want{bad(1, framing.EInvalid, "headline", "headline must be a JSON string")}},
		{"flag of the wrong type", `{"outlet": "V", "headline": "H", "language": "en", "body": "` + damBody + `", "illustrative": "yes"}`,
			[]want{bad(1, framing.EInvalid, "illustrative", "illustrative must be true or false")}},
		{"not JSON", "outlet=V headline=H\n" + goodJSON,
			[]want{bad(1, framing.EInvalid, "", "not valid JSON (the error is at character 1"), good(2, "Dam opens")}},
		{"syntax error counted in characters", `{"headline": "Плотина", x}`,
			[]want{bad(1, framing.EInvalid, "", "at character 25")}},
		{"not an object", `["V", "Dam opens"]` + "\n" + `"a string"`,
			[]want{bad(1, framing.EInvalid, "", "not a JSON object"), bad(2, framing.EInvalid, "", "not a JSON object")}},
		{"object broken over lines", `{"outlet": "V",` + "\n" + `"headline": "H"}`,
			[]want{bad(1, framing.EInvalid, "", "ends before its JSON object does"), bad(2, framing.EInvalid, "", "not a JSON object")}},
		{"two objects on a line", goodJSON + " " + goodJSON2,
			[]want{bad(1, framing.EInvalid, "", "more after its JSON object")}},
		{"invalid UTF-8", `{"outlet": "V", "headline": "Dam` + "\xff\xfe" + `", "language": "en", "body": "` + damBody + `"}` + "\n" + goodJSON2,
			[]want{bad(1, framing.EInvalid, "", "not valid UTF-8"), good(2, "Reservoir to fill slowly")}},
		{"NUL in the body", `{"outlet": "V", "headline": "H", "language": "en", "body": "` + damBody + `\u0000"}`,
			[]want{bad(1, framing.EInvalid, "body", "NUL")}},
		{"oversized line, then the next", goodJSON + "\n" + oversized + "\n" + goodJSON2 + "\n",
			[]want{good(1, "Dam opens"), bad(2, framing.ETooLarge, "", "the most one line may hold"), good(3, "Reservoir to fill slowly")}},
		{"oversized last line without newline", goodJSON + "\n" + oversized,
			[]want{good(1, "Dam opens"), bad(2, framing.ETooLarge, "", "the most one line may hold")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLines(t, readAll(t, tt.input, bulk.JSONL), tt.want)
		})
	}
}

func TestAJSONLineKeepsEveryField(t *testing.T) {
	line := `{"outlet": "Valley Courier", "headline": "Dam opens", "byline": "A. Reporter", "url": "https://example.org/dam",` +
		` "published": "2024-05-07", "language": "en-GB", "body": "` + damBody + `\n\nSecond paragraph.", "illustrative": true}`
	got := readAll(t, line, bulk.Auto)
	want := framing.ArticleInput{Outlet: "Valley Courier", Headline: "Dam opens", Byline: "A. Reporter", URL: "https://example.org/dam",
		Published: "2024-05-07", Language: "en-gb", Body: damBody + "\n\nSecond paragraph.", Illustrative: true}
	if len(got) != 1 || got[0].Err != nil || got[0].Input != want {
		t.Fatalf("got %+v, want one line with %+v", got, want)
	}
}

func TestAJSONLineLongerThanTheBodyLimitButWithinTheLineLimitIsRefusedForItsBody(t *testing.T) {
	// Escaped non-Latin text takes three times its size in the file: a
	// body at the limit must still arrive whole, so the line limit is
	// larger than the body limit.
	body := strings.Repeat(`\u0436`, framing.MaxBodyBytes/2) // "ж", 2 bytes each in UTF-8: exactly at the limit
	line := `{"outlet": "V", "headline": "H", "language": "ru", "body": "` + body + `"}`
	got := readAll(t, line, bulk.JSONL)
	if len(got) != 1 || got[0].Err != nil || len(got[0].Input.Body) != framing.MaxBodyBytes {
		t.Fatalf("a body at the limit written with escapes: %d lines, err %v", len(got), got[0].Err)
	}
	over := `{"outlet": "V", "headline": "H", "language": "ru", "body": "` + body + `\u0436"}`
	checkLines(t, readAll(t, over, bulk.JSONL), []want{bad(1, framing.ETooLarge, "body", "the limit is 2 MB")})
}
