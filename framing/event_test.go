package framing_test

import (
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

func goodEvent() framing.EventInput {
	return framing.EventInput{
		Title:       "Putin and Pashinyan meet in Vladivostok",
		Description: "A meeting on the sidelines of the Eastern Economic Forum.",
		Date:        "2022-09-07",
	}
}

func TestEventNormalizeAcceptsAWellFormedEvent(t *testing.T) {
	checkTidyInputPasses(t, goodEvent())
}

func TestEventNormalizeChecksEachFieldByItsOwnRules(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*framing.EventInput)
		field string // "" when the input must be accepted
		msg   string
	}{
		{"title missing", func(e *framing.EventInput) { e.Title = "" }, "title", "Title is required"},
		{"title only spaces", func(e *framing.EventInput) { e.Title = " \r\n\t " }, "title", "Title is required"},
		{"title at the limit in Russian", func(e *framing.EventInput) { e.Title = strings.Repeat(ru, framing.MaxTitleChars) }, "", ""},
		{"title one character over", func(e *framing.EventInput) { e.Title = strings.Repeat(ru, framing.MaxTitleChars+1) }, "title", "201 characters long; the limit is 200"},
		{"title invalid UTF-8", func(e *framing.EventInput) { e.Title = "Talks \xc0\xaf" }, "title", "not valid UTF-8"},
		{"title with NUL", func(e *framing.EventInput) { e.Title = "Talks\x00" }, "title", "NUL"},

		{"description empty", func(e *framing.EventInput) { e.Description = "" }, "", ""},
		{"description at the limit in Russian", func(e *framing.EventInput) { e.Description = strings.Repeat(ru, framing.MaxDescriptionChars) }, "", ""},
		{"description one character over", func(e *framing.EventInput) {
			e.Description = strings.Repeat(ru, framing.MaxDescriptionChars+1)
		}, "description", "2001 characters long; the limit is 2000"},
		{"description at the limit once CRLF become LF", func(e *framing.EventInput) {
			e.Description = strings.Repeat("ab\r\n", framing.MaxDescriptionChars/3) + "ab"
		}, "", ""},
		{"description invalid UTF-8", func(e *framing.EventInput) { e.Description = "\xff" }, "description", "not valid UTF-8"},
		{"description with NUL", func(e *framing.EventInput) { e.Description = "a\x00b" }, "description", "NUL"},

		{"date empty (unknown)", func(e *framing.EventInput) { e.Date = "" }, "", ""},
		{"date leap day", func(e *framing.EventInput) { e.Date = "2020-02-29" }, "", ""},
		{"date today", func(e *framing.EventInput) { e.Date = isoDay(0) }, "", ""},
		{"date 30 February", func(e *framing.EventInput) { e.Date = "2022-02-30" }, "date", "YYYY-MM-DD"},
		{"date in words", func(e *framing.EventInput) { e.Date = "7 September 2022" }, "date", "YYYY-MM-DD"},
		{"date with slashes", func(e *framing.EventInput) { e.Date = "2022/09/07" }, "date", "YYYY-MM-DD"},
		{"date before 1800", func(e *framing.EventInput) { e.Date = "1066-10-14" }, "date", "not a plausible date"},
		{"date in a month", func(e *framing.EventInput) { e.Date = isoDay(31) }, "date", "not a plausible date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodEvent()
			tt.edit(&in)
			checkNormalize(t, in, tt.field, framing.EInvalid, tt.msg)
		})
	}
}

func TestEventNormalizeReportsEveryProblemAtOnceInFormOrder(t *testing.T) {
	in := framing.EventInput{
		Title:       "",
		Description: strings.Repeat(ru, framing.MaxDescriptionChars+1),
		Date:        "2022-13-01",
	}
	e := problemsOf(t, in.Normalize())
	want := []string{"title", "description", "date"}
	if got := problemFieldNames(e); !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
	if e.Message != e.Fields[0].Message {
		t.Errorf("Message %q is not the title's message %q", e.Message, e.Fields[0].Message)
	}
}

func TestEventNormalizeTrimsAndUnifiesLineEndings(t *testing.T) {
	in := framing.EventInput{
		Title:       "  Встреча во Владивостоке \n",
		Description: "\r\n First paragraph.\r\n\r\nSecond  paragraph.\rThird.  \r\n",
		Date:        "\t2022-09-07 ",
	}
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	want := framing.EventInput{
		Title:       "Встреча во Владивостоке",
		Description: "First paragraph.\n\nSecond  paragraph.\nThird.",
		Date:        "2022-09-07",
	}
	if in != want {
		t.Errorf("normalized\n got %+v\nwant %+v", in, want)
	}
}
