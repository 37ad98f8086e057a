package textstat_test

import (
	"testing"

	"framelens/framing/textstat"
)

func TestFindFormFindsEveryFoldedOccurrence(t *testing.T) {
	text := "Ethnic Armenian forces left. The ethnic-Armenian forces; ETHNIC ARMENIAN. Ethnic Armenians."
	spans := textstat.FindForm(text, "ethnic armenian")
	var got []string
	for _, s := range spans {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Ethnic Armenian", "ethnic-Armenian", "ETHNIC ARMENIAN"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	if textstat.FindForm(text, "  ") != nil || textstat.FindForm("", "ethnic") != nil {
		t.Error("empty form or text found something")
	}
}
