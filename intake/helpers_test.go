package intake_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return data
}

// wantFileError checks that err is the application error a person sees:
// its code, the field it is about, and words from its message.
func wantFileError(t *testing.T, err error, code, field string, words ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s about %q", code, field)
	}
	var fe *framing.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *framing.Error", err, err)
	}
	if fe.Code != code || fe.Field() != field {
		t.Errorf("error %q: code %q field %q, want %q %q", fe.Message, fe.Code, fe.Field(), code, field)
	}
	msg := framing.ErrorMessage(err)
	for _, w := range words {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
}

// paragraphs splits extracted text the way the Document contract defines.
func paragraphs(text string) []string {
	return strings.Split(text, "\n\n")
}

// checkShape asserts the Document.Text contract: trimmed, one blank line
// between paragraphs, no trailing spaces, no CR, valid UTF-8 by construction.
func checkShape(t *testing.T, text string) {
	t.Helper()
	if text != strings.TrimSpace(text) {
		t.Errorf("text not trimmed: %q", text)
	}
	if strings.Contains(text, "\n\n\n") || strings.Contains(text, "\r") {
		t.Errorf("text has more than one blank line or a CR: %q", text)
	}
	for line := range strings.SplitSeq(text, "\n") {
		if line != strings.TrimSpace(line) {
			t.Errorf("line not trimmed: %q", line)
		}
	}
}
