package views

import "testing"

func TestAPerspectiveIsNamedAsAUsageOnce(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", "no perspective"},
		{"Azerbaijani official", "Azerbaijani official usage"},
		{"Restrictionist / Republican usage", "Restrictionist / Republican usage"},
		{"Medical usage (ACOG)", "Medical usage (ACOG)"},
	} {
		if got := usageOf(c.in); got != c.want {
			t.Errorf("usageOf(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
