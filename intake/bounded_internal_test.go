package intake

import (
	"context"
	"errors"
	"testing"
	"time"

	"framelens/framing"
)

func TestRunBoundedReturnsOnTimeFromAStuckReader(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := runBounded(ctx, "file", Limits{Timeout: 50 * time.Millisecond}, func() (Document, error) {
		<-release // a library call that never looks at ctx
		return Document{Text: "late"}, nil
	})
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("returned after %v", elapsed)
	}
	if framing.ErrorCode(err) != framing.ETooLarge || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v, want a too-large deadline error", err)
	}
}

func TestRunBoundedTurnsAPanicIntoAMessage(t *testing.T) {
	_, err := runBounded(context.Background(), "url", DefaultLimits(), func() (Document, error) {
		var m map[string]int
		m["boom"]++ // a library bug on odd input
		return Document{}, nil
	})
	var fe *framing.Error
	if !errors.As(err, &fe) || fe.Code != framing.EInvalid || fe.Field() != "url" {
		t.Fatalf("err %v, want an invalid-url application error", err)
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-03":                    "2024-05-03",
		"2024-05-03T23:30:00-05:00":     "2024-05-03",
		"2024-05-03 08:00":              "2024-05-03",
		"2024-02-30T10:00:00Z":          "",
		"Fri, 03 May 2024 09:00:00 GMT": "2024-05-03",
		"May 3, 2024":                   "2024-05-03",
		"03.05.2024":                    "2024-05-03",
		"3.5.2024 10:00":                "2024-05-03",
		"05/03/2024":                    "",
		"yesterday":                     "",
		"":                              "",
		"0001-01-01T00:00:00Z":          "",
	} {
		if got := normalizeDate(in); got != want {
			t.Errorf("normalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"en": "en", "en-GB": "en", "ru_RU": "ru", "RU": "ru", "eng": "en", "hye": "hy", "az-Latn-AZ": "az",
		"": "", "x-klingon": "", "tlh": "", "not a tag": "", "zz": "",
	} {
		if got := normalizeLanguage(in); got != want {
			t.Errorf("normalizeLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeTextShapesParagraphs(t *testing.T) {
	for in, want := range map[string]string{
		"  a  \r\n\r\n\r\n b\u00ad c \n\n\n": "a\n\nb c",
		"\ufeffa\fb\u2029c\x07d":             "a\nb\ncd",
		"one\nline\n \t \nnext":              "one\nline\n\nnext",
		"\n\n":                               "",
	} {
		if got := normalizeText(in); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}
