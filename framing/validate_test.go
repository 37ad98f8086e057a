package framing_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"framelens/framing"
)

func fieldsOf(err error) []string {
	var e *framing.Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func validArticle() framing.ArticleInput {
	return framing.ArticleInput{Outlet: "Asbarez", Headline: "Talks in Vladivostok", Language: "en",
		Body: "The leaders met in Vladivostok on Wednesday."}
}

func TestArticleValidationNamesEachFieldAtFault(t *testing.T) {
	long := strings.Repeat("ж", framing.MaxHeadlineChars+1) // 2 bytes each: the limit is in characters
	tests := []struct {
		name  string
		edit  func(*framing.ArticleInput)
		field string
		code  string
		msg   string
	}{
		{"outlet required", func(a *framing.ArticleInput) { a.Outlet = "   " }, "outlet", framing.EInvalid, "required"},
		{"headline in characters", func(a *framing.ArticleInput) { a.Headline = long }, "headline", framing.EInvalid, "characters long"},
		{"headline at the limit", func(a *framing.ArticleInput) { a.Headline = long[:2*framing.MaxHeadlineChars] }, "", "", ""},
		{"URL scheme", func(a *framing.ArticleInput) { a.URL = "javascript:alert(1)" }, "url", framing.EInvalid, "http"},
		{"URL host", func(a *framing.ArticleInput) { a.URL = "https://" }, "url", framing.EInvalid, "http"},
		{"date format", func(a *framing.ArticleInput) { a.Published = "07.09.2022" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"date plausible", func(a *framing.ArticleInput) { a.Published = "2999-01-01" }, "published", framing.EInvalid, "plausible"},
		{"language code", func(a *framing.ArticleInput) { a.Language = "English" }, "language", framing.EInvalid, "language code"},
		{"language required", func(a *framing.ArticleInput) { a.Language = "" }, "language", framing.EInvalid, "required"},
		{"body required", func(a *framing.ArticleInput) { a.Body = "\n \n" }, "body", framing.EInvalid, "Paste"},
		{"body too short", func(a *framing.ArticleInput) { a.Body = "Too short." }, "body", framing.EInvalid, "whole article"},
		{"body not UTF-8", func(a *framing.ArticleInput) { a.Body = "Valid start \xff\xfe then more text here" }, "body", framing.EInvalid, "UTF-8"},
		{"body with NUL", func(a *framing.ArticleInput) { a.Body = "A text with a \x00 NUL inside it somewhere" }, "body", framing.EInvalid, "NUL"},
		{"body too large", func(a *framing.ArticleInput) { a.Body = strings.Repeat("a", framing.MaxBodyBytes+1) }, "body", framing.ETooLarge, "limit is 2 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validArticle()
			tt.edit(&in)
			err := in.Normalize()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if got := fieldsOf(err); len(got) != 1 || got[0] != tt.field || framing.ErrorCode(err) != tt.code ||
				!strings.Contains(framing.ErrorMessage(err), tt.msg) {
				t.Errorf("got %v fields %v code %s, want %s %s containing %q", err, got, framing.ErrorCode(err), tt.field, tt.code, tt.msg)
			}
		})
	}
}

func TestArticleValidationReportsEveryProblemInFormOrder(t *testing.T) {
	in := framing.ArticleInput{URL: "ftp://x", Published: "x"}
	got := fieldsOf(in.Normalize())
	if strings.Join(got, ",") != "outlet,headline,url,published,language,body" {
		t.Errorf("fields %v", got)
	}
}

func TestNormalizeTidiesWhatPeoplePaste(t *testing.T) {
	in := framing.ArticleInput{Outlet: "  Anadolu \t Agency ", Headline: " A  headline ", Language: " EN-GB ",
		Body: "\r\n  First line.\r\nSecond line of the article.\r  "}
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	if in.Outlet != "Anadolu Agency" || in.Headline != "A headline" || in.Language != "en-gb" ||
		in.Body != "First line.\nSecond line of the article." {
		t.Errorf("normalized: %+v", in)
	}
}

func TestFingerprintIgnoresSpacingAndCaseOnly(t *testing.T) {
	a := framing.Fingerprint("The leaders met.\n\nIn Vladivostok.")
	if a != framing.Fingerprint("  the LEADERS   met. in vladivostok. ") {
		t.Error("spacing or case changed the fingerprint")
	}
	if a == framing.Fingerprint("The leaders met. In Vladivostock.") {
		t.Error("a different text has the same fingerprint")
	}
}

func TestEventValidation(t *testing.T) {
	in := framing.EventInput{Title: strings.Repeat("x", framing.MaxTitleChars+1), Date: "2022-02-30"}
	if got := fieldsOf(in.Normalize()); strings.Join(got, ",") != "title,date" {
		t.Errorf("fields %v", got)
	}
	ok := framing.EventInput{Title: " Vladivostok ", Description: "a\r\nb"}
	if err := ok.Normalize(); err != nil || ok.Title != "Vladivostok" || ok.Description != "a\nb" {
		t.Errorf("%+v %v", ok, err)
	}
}

func TestErrorsKeepTheirCodeThroughWrappingAndHideInternals(t *testing.T) {
	wrapped := fmt.Errorf("load event 3: %w", framing.Errorf(framing.ENotFound, "There is no event 3."))
	if framing.ErrorCode(wrapped) != framing.ENotFound || framing.ErrorMessage(wrapped) != "There is no event 3." {
		t.Errorf("wrapped: %s %q", framing.ErrorCode(wrapped), framing.ErrorMessage(wrapped))
	}
	internal := fmt.Errorf("query: %w", errors.New("sqlite: disk I/O error"))
	if framing.ErrorCode(internal) != framing.EInternal || strings.Contains(framing.ErrorMessage(internal), "sqlite") {
		t.Errorf("internal error leaks: %q", framing.ErrorMessage(internal))
	}
	if framing.ErrorCode(nil) != "" {
		t.Error("nil has a code")
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int]string{12: "12 bytes", 350 << 10: "350 KB", 2 << 20: "2 MB", 8<<20 + 300<<10: "8.3 MB"} {
		if got := framing.HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestURLsAreMeasuredInCharactersAndMustBeUTF8(t *testing.T) {
	in := validArticle()
	in.URL = "https://ru.wikipedia.org/wiki/" + strings.Repeat("ж", 1500)
	if err := in.Normalize(); err != nil {
		t.Errorf("a 1530-character URL was refused: %v", err)
	}
	for _, bad := range []string{"https://example.org/\xff\xfe", "https://exa\xffmple.org/"} {
		in := validArticle()
		in.URL = bad
		if got := fieldsOf(in.Normalize()); len(got) != 1 || got[0] != "url" {
			t.Errorf("URL %q: fields %v", bad, got)
		}
	}
}

func TestATooLargeTextIsNeverReportedAsTheSizeOfTheLimit(t *testing.T) {
	in := validArticle()
	in.Body = strings.Repeat("a", framing.MaxBodyBytes+1)
	msg := framing.ErrorMessage(in.Normalize())
	if strings.Contains(msg, "is 2 MB; the limit is 2 MB") || !strings.Contains(msg, "2097153 bytes") {
		t.Errorf("message %q", msg)
	}
}
