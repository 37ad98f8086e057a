package demo_test

import (
	"strings"
	"testing"
	"unicode"

	"framelens/demo"
)

// The demo texts are clean prose: every paragraph holds words, and none
// ends with the debris a copy from a web page leaves ("25-30%. -", "|").
func TestDemoArticlesHoldNoPageDebris(t *testing.T) {
	_, articles, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range articles {
		for i, line := range strings.Split(a.Body, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if !strings.ContainsFunc(line, unicode.IsLetter) {
				t.Errorf("%s, line %d holds no word: %q", a.Outlet, i+1, line)
			}
			if strings.HasSuffix(line, " -") || strings.HasSuffix(line, "|") {
				t.Errorf("%s, line %d ends in debris: …%q", a.Outlet, i+1, line[max(0, len(line)-20):])
			}
		}
	}
}
