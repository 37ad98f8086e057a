package pattern_test

import (
	"slices"
	"strings"
	"testing"

	"framelens/framing/pattern"
)

func TestPatternsExpandToEveryWordingTheyStandFor(t *testing.T) {
	tests := []struct {
		phrase string
		want   []string
	}{
		{"occupied", []string{"occupied"}},
		{"{anti|counter}-terror{ist|} {measures|operation}", []string{
			"anti-terrorist measures", "anti-terrorist operation", "anti-terror measures", "anti-terror operation",
			"counter-terrorist measures", "counter-terrorist operation", "counter-terror measures", "counter-terror operation"}},
		{"restore [the] [Azerbaijani|Azerbaijan's] constitutional {order|structure}", []string{
			"restore constitutional order", "restore constitutional structure",
			"restore Azerbaijani constitutional order", "restore Azerbaijani constitutional structure",
			"restore Azerbaijan's constitutional order", "restore Azerbaijan's constitutional structure",
			"restore the constitutional order", "restore the constitutional structure",
			"restore the Azerbaijani constitutional order", "restore the Azerbaijani constitutional structure",
			"restore the Azerbaijan's constitutional order", "restore the Azerbaijan's constitutional structure"}},
		{"Artsakh<'s> authorities", []string{"Artsakh authorities", "Artsakh's authorities"}},
		{"attack [on {October 7|7 October} [2023]]", []string{"attack", "attack on October 7", "attack on October 7 2023",
			"attack on 7 October", "attack on 7 October 2023"}},
	}
	for _, tt := range tests {
		got, err := pattern.Expand(tt.phrase)
		if err != nil {
			t.Fatalf("%q: %v", tt.phrase, err)
		}
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.phrase, got, want)
		}
	}
	if got := pattern.Label("restore [the] constitutional {order|structure}"); got != "restore constitutional order" {
		t.Errorf("label: got %q", got)
	}
	forms, _ := pattern.Expand("hold <the> line")
	if len(forms) != 13 || forms[0] != "hold line" || !slices.Contains(forms, "hold their line") {
		t.Errorf("<the> slot: %q", forms)
	}
}

func TestABrokenOrHugePatternIsRefusedWithTheReason(t *testing.T) {
	huge := strings.Repeat("{a|b|c} ", 6) // 729 forms
	for phrase, want := range map[string]string{
		"{anti|counter-terror": "never closed",
		"anti|counter":         "outside a group",
		"a {b [c|d}]":          "does not close",
		"<det> forces":         "not a slot",
		huge:                   "more than 512",
	} {
		_, err := pattern.Expand(phrase)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error saying %q", phrase, err, want)
		}
	}
}
