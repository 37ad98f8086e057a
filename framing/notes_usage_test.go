package framing_test

import (
	"testing"

	"framelens/framing"
)

func TestAPerspectiveIsNamedAsAUsageOnce(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "no perspective"},
		{"Azerbaijani official", "Azerbaijani official usage"},
		{"Restrictionist / Republican usage", "Restrictionist / Republican usage"},
		{"Medical usage (ACOG)", "Medical usage (ACOG)"},
	} {
		if got := framing.UsageName(c.in); got != c.want {
			t.Errorf("UsageName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
