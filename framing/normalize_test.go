package framing_test

import (
	"slices"
	"strings"
	"testing"
)

// normalizer is a form's input whose Normalize tidies it in place and
// reports its problems.
type normalizer[T any] interface {
	*T
	Normalize() error
}

// checkTidyInputPasses checks that a well-formed input passes Normalize
// unchanged.
func checkTidyInputPasses[T comparable, P normalizer[T]](t *testing.T, in T) {
	t.Helper()
	want := in
	if err := P(&in).Normalize(); err != nil {
		t.Fatalf("Normalize() = %v, want nil", err)
	}
	if in != want {
		t.Errorf("a tidy input changed:\n got %+v\nwant %+v", in, want)
	}
}

// checkNormalize checks that Normalize accepts in when field is "", and
// otherwise refuses it for field alone, with code and a message that
// contains msg.
func checkNormalize[T any, P normalizer[T]](t *testing.T, in T, field, code, msg string) {
	t.Helper()
	err := P(&in).Normalize()
	if field == "" {
		if err != nil {
			t.Fatalf("Normalize() = %v, want nil", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Normalize() = nil, want a problem with %s", field)
	}
	e := problemsOf(t, err)
	if got := problemFieldNames(e); !slices.Equal(got, []string{field}) {
		t.Errorf("fields = %v, want [%s]", got, field)
	}
	if e.Code != code {
		t.Errorf("code = %q, want %q", e.Code, code)
	}
	if len(e.Fields) > 0 && !strings.Contains(e.Fields[0].Message, msg) {
		t.Errorf("message %q does not contain %q", e.Fields[0].Message, msg)
	}
	if len(e.Fields) > 0 && e.Message != e.Fields[0].Message {
		t.Errorf("Message %q is not the first field's message %q", e.Message, e.Fields[0].Message)
	}
}
