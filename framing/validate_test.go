package framing_test

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

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

func TestSlugsAreLowerCaseLettersDigitsAndHyphensOfBoundedLength(t *testing.T) {
	lex := func(slug string) framing.Lexicon {
		return framing.Lexicon{Slug: slug, Perspectives: []framing.Perspective{{Slug: "p"}}, Concepts: []framing.Concept{{Slug: "c-1"}}}
	}
	for _, good := range []string{"nagorno-karabakh", "russia-ukraine-2022", "нагорный-карабах", strings.Repeat("a", framing.MaxSlugChars)} {
		if l := lex(good); l.ValidateSlugs() != nil {
			t.Errorf("%q refused: %v", good, l.ValidateSlugs())
		}
	}
	for _, bad := range []string{"", "a/b", "..", `"><script>`, "a\nb", "A", "two words", strings.Repeat("a", framing.MaxSlugChars+1)} {
		if l := lex(bad); framing.ErrorCode(l.ValidateSlugs()) != framing.EInvalid {
			t.Errorf("%q accepted", bad)
		}
	}
	long := framing.Slugify(strings.Repeat("Ministry of Foreign Affairs ", 10))
	if utf8.RuneCountInString(long) > framing.MaxSlugChars {
		t.Errorf("framing.Slugify made a slug of %d characters", utf8.RuneCountInString(long))
	}
	if l := (framing.Lexicon{Slug: long}); l.ValidateSlugs() != nil {
		t.Errorf("framing.Slugify made a slug its own check refuses: %q", long)
	}
}
