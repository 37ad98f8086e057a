package framing_test

import (
	"strings"
	"testing"

	"framelens/framing"
)

func TestPluralNamesOneOfAThingInTheSingular(t *testing.T) {
	for n, want := range map[int]string{0: "0 characters", 1: "1 character", 2: "2 characters", 21: "21 characters"} {
		if got := framing.Plural(n, "character", "characters"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// Every message that states a count reads right when the count is one.
func TestMessagesWithACountOfOneUseTheSingular(t *testing.T) {
	in := validArticle()
	in.Body = "x"
	err := in.Normalize()
	if err == nil || !strings.Contains(err.Error(), "The text is only 1 character long") {
		t.Errorf("one-character body: %v", err)
	}
	if got := framing.HumanBytes(1); got != "1 byte" {
		t.Errorf("HumanBytes(1) = %q", got)
	}
	for _, msg := range []string{err.Error(), framing.HumanBytes(1)} {
		if strings.Contains(msg, " 1 characters") || strings.Contains(msg, " 1 bytes") || strings.HasPrefix(msg, "1 bytes") {
			t.Errorf("plural after one: %q", msg)
		}
	}
}
