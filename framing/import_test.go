package framing_test

import (
	"errors"
	"slices"
	"testing"

	"framelens/framing"
)

func TestLineProblemOfKeepsTheFirstProblemAndEveryField(t *testing.T) {
	in := framing.ArticleInput{Language: "en", Body: "The Ossel river dam opened to visitors on Tuesday."}
	var e *framing.Error
	if err := in.Normalize(); !errors.As(err, &e) {
		t.Fatalf("Normalize = %v, want a *framing.Error", err)
	}
	p := framing.LineProblemOf(9, e)
	var fields []string
	for _, f := range p.Fields {
		fields = append(fields, f.Field)
	}
	if p.Line != 9 || p.Code != framing.EInvalid || p.Field != "outlet" || p.Message != "Outlet is required." ||
		!slices.Equal(fields, []string{"outlet", "headline"}) || p.Duplicate() {
		t.Errorf("LineProblemOf = %+v", p)
	}
}

func TestALineProblemWithoutAFieldKeepsTheMessage(t *testing.T) {
	p := framing.LineProblemOf(3, framing.Errorf(framing.ETooLarge, "The line is too long."))
	if p.Field != "" || p.Message != "The line is too long." || p.Code != framing.ETooLarge || len(p.Fields) != 0 {
		t.Errorf("LineProblemOf = %+v", p)
	}
}

func TestADuplicateIsAConflict(t *testing.T) {
	p := framing.LineProblemOf(4, framing.FieldErrorf(framing.EConflict, "body", "This text is already in the event."))
	if !p.Duplicate() || p.Field != "body" {
		t.Errorf("LineProblemOf = %+v, want a duplicate about body", p)
	}
}
