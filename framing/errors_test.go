package framing_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

const genericMessage = "Something went wrong on our side."

func TestErrorCodeFindsTheApplicationErrorThroughWrapping(t *testing.T) {
	base := framing.Errorf(framing.ENotFound, "There is no event %d.", 3)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"bare", base, framing.ENotFound},
		{"wrapped once", fmt.Errorf("load event: %w", base), framing.ENotFound},
		{"wrapped twice", fmt.Errorf("handler: %w", fmt.Errorf("load event: %w", base)), framing.ENotFound},
		{"joined", errors.Join(errors.New("log this"), base), framing.ENotFound},
		{"field error", framing.FieldErrorf(framing.EConflict, "body", "Already there."), framing.EConflict},
		{"plain error", errors.New("sqlite: disk I/O error"), framing.EInternal},
		{"wrapped plain error", fmt.Errorf("query: %w", errors.New("sqlite: disk I/O error")), framing.EInternal},
		{"formatted with %v loses the code", fmt.Errorf("load event: %v", base), framing.EInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := framing.ErrorCode(tt.err); got != tt.want {
				t.Errorf("ErrorCode(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func TestErrorMessageShowsTheUserMessageAndHidesInternalDetails(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"application error", framing.Errorf(framing.ENotFound, "There is no event %d.", 3), "There is no event 3."},
		{"wrapped application error", fmt.Errorf("load event 3: %w", framing.Errorf(framing.ENotFound, "There is no event 3.")), "There is no event 3."},
		{"field error", framing.FieldErrorf(framing.EConflict, "body", "This text is already in the event."), "This text is already in the event."},
		{"fields without a message", &framing.Error{Code: framing.EInvalid, Fields: []framing.FieldError{{Field: "title", Message: "Title is required."}, {Field: "date", Message: "Bad date."}}}, "Title is required."},
		{"internal error", fmt.Errorf("query: %w", errors.New("sqlite: disk I/O error at /var/lib/framelens.db")), genericMessage},
		{"application error without any message", &framing.Error{Code: framing.EInternal}, genericMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := framing.ErrorMessage(tt.err)
			if got != tt.want {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "sqlite") || strings.Contains(got, "/var/lib") {
				t.Errorf("ErrorMessage leaks internals: %q", got)
			}
		})
	}
}

func TestErrorStringNamesCodeAndMessageOrFirstField(t *testing.T) {
	tests := []struct {
		name string
		err  *framing.Error
		want string
	}{
		{"message", framing.Errorf(framing.ENotFound, "There is no event %d.", 7), "not_found: There is no event 7."},
		{"field error", framing.FieldErrorf(framing.EConflict, "body", "Already in the event."), "conflict: Already in the event."},
		{"fields only", &framing.Error{Code: framing.EInvalid, Fields: []framing.FieldError{{Field: "title", Message: "Title is required."}}}, "invalid: title: Title is required."},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s: Error() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestErrorFieldIsTheFirstFieldOrEmpty(t *testing.T) {
	if got := framing.Errorf(framing.ENotFound, "No.").Field(); got != "" {
		t.Errorf("Field() of an error without fields = %q, want empty", got)
	}
	e := framing.FieldErrorf(framing.EConflict, "body", "Text %s.", "again")
	if e.Field() != "body" || e.Code != framing.EConflict || e.Message != "Text again." ||
		!slices.Equal(e.Fields, []framing.FieldError{{Field: "body", Message: "Text again."}}) {
		t.Errorf("FieldErrorf = %+v", e)
	}
	multi := &framing.Error{Code: framing.EInvalid, Fields: []framing.FieldError{{Field: "outlet", Message: "a"}, {Field: "body", Message: "b"}}}
	if multi.Field() != "outlet" {
		t.Errorf("Field() = %q, want outlet", multi.Field())
	}
}

func TestProblemsWithNothingAddedIsNoError(t *testing.T) {
	var p framing.Problems
	if err := p.Err(); err != nil {
		t.Errorf("Err() = %#v, want a nil error interface", err)
	}
}

func TestProblemsKeepTheFirstMessagePerFieldInTheOrderFound(t *testing.T) {
	var p framing.Problems
	p.Add("title", "Title is required.")
	p.Add("date", "Use the form %s.", "YYYY-MM-DD")
	p.Add("title", "Title is %d characters long.", 999)
	p.AddTooLarge("date", "The date is huge.")
	err := p.Err()
	e := problemsOf(t, err)
	want := []framing.FieldError{{Field: "title", Message: "Title is required."}, {Field: "date", Message: "Use the form YYYY-MM-DD."}}
	if !slices.Equal(e.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", e.Fields, want)
	}
	if e.Code != framing.EInvalid {
		t.Errorf("code = %q: a size problem on a field that already had one must not count", e.Code)
	}
	if e.Message != "Title is required." || framing.ErrorMessage(err) != "Title is required." {
		t.Errorf("Message = %q, want the first problem's", e.Message)
	}
}

func TestProblemsBecomeTooLargeWhenAnyFieldIsTooLarge(t *testing.T) {
	tests := []struct {
		name string
		fill func(*framing.Problems)
		want string
	}{
		{"invalid only", func(p *framing.Problems) { p.Add("a", "x") }, framing.EInvalid},
		{"too large only", func(p *framing.Problems) { p.AddTooLarge("body", "x") }, framing.ETooLarge},
		{"too large after invalid", func(p *framing.Problems) { p.Add("a", "x"); p.AddTooLarge("body", "y") }, framing.ETooLarge},
		{"invalid after too large", func(p *framing.Problems) { p.AddTooLarge("body", "y"); p.Add("a", "x") }, framing.ETooLarge},
	}
	for _, tt := range tests {
		var p framing.Problems
		tt.fill(&p)
		if got := framing.ErrorCode(p.Err()); got != tt.want {
			t.Errorf("%s: code = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestProblemsFormatTheirMessages(t *testing.T) {
	var p framing.Problems
	p.Add("headline", "%s is %d characters long; the limit is %d.", "Headline", 301, 300)
	p.AddTooLarge("body", "The text is %s.", "3 MB")
	e := problemsOf(t, p.Err())
	want := []framing.FieldError{
		{Field: "headline", Message: "Headline is 301 characters long; the limit is 300."},
		{Field: "body", Message: "The text is 3 MB."},
	}
	if !slices.Equal(e.Fields, want) {
		t.Errorf("Fields = %+v, want %+v", e.Fields, want)
	}
}
