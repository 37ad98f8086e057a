package framing_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"framelens/framing"
)

// ru is Russian text: two bytes per character, so a limit counted in bytes
// instead of characters trips at half the length.
const ru = "ж"

// goodArticle is an article input that passes every check.
func goodArticle() framing.ArticleInput {
	return framing.ArticleInput{
		Outlet:    "Asbarez",
		Headline:  "Leaders meet in Vladivostok",
		Byline:    "Staff reporter",
		URL:       "https://asbarez.com/leaders-meet/",
		Published: "2022-09-07",
		Language:  "en",
		Body:      "The leaders met in Vladivostok on Wednesday to discuss the region.",
	}
}

// problemsOf is the framing.Error in err's chain, failing the test when
// there is none.
func problemsOf(t *testing.T, err error) *framing.Error {
	t.Helper()
	var e *framing.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *framing.Error", err, err)
	}
	return e
}

func problemFieldNames(e *framing.Error) []string {
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

// isoDay is the UTC calendar day days from today, as YYYY-MM-DD.
func isoDay(days int) string {
	return time.Now().UTC().AddDate(0, 0, days).Format(time.DateOnly)
}

func TestArticleNormalizeAcceptsAWellFormedArticle(t *testing.T) {
	checkTidyInputPasses(t, goodArticle())
}

func TestArticleNormalizeChecksEachFieldByItsOwnRules(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*framing.ArticleInput)
		field string // "" when the input must be accepted
		code  string
		msg   string // part of the field's message
	}{
		// outlet: required, at most MaxOutletChars characters, plain text
		{"outlet missing", func(a *framing.ArticleInput) { a.Outlet = "" }, "outlet", framing.EInvalid, "Outlet is required"},
		{"outlet only spaces", func(a *framing.ArticleInput) { a.Outlet = " \t\n " }, "outlet", framing.EInvalid, "Outlet is required"},
		{"outlet at the limit in Russian", func(a *framing.ArticleInput) { a.Outlet = strings.Repeat(ru, framing.MaxOutletChars) }, "", "", ""},
		{"outlet one character over", func(a *framing.ArticleInput) { a.Outlet = strings.Repeat(ru, framing.MaxOutletChars+1) }, "outlet", framing.EInvalid, "121 characters long; the limit is 120"},
		{"outlet invalid UTF-8", func(a *framing.ArticleInput) { a.Outlet = "Anadolu \xc3\x28 Agency" }, "outlet", framing.EInvalid, "not valid UTF-8"},
		{"outlet with NUL", func(a *framing.ArticleInput) { a.Outlet = "Anadolu\x00Agency" }, "outlet", framing.EInvalid, "NUL"},

		// headline: required, at most MaxHeadlineChars characters
		{"headline missing", func(a *framing.ArticleInput) { a.Headline = "   " }, "headline", framing.EInvalid, "Headline is required"},
		{"headline at the limit in Russian", func(a *framing.ArticleInput) { a.Headline = strings.Repeat(ru, framing.MaxHeadlineChars) }, "", "", ""},
		{"headline one character over", func(a *framing.ArticleInput) { a.Headline = strings.Repeat(ru, framing.MaxHeadlineChars+1) }, "headline", framing.EInvalid, "301 characters long; the limit is 300"},
		{"headline invalid UTF-8", func(a *framing.ArticleInput) { a.Headline = "Talks \xff in Vladivostok" }, "headline", framing.EInvalid, "not valid UTF-8"},
		{"headline with NUL", func(a *framing.ArticleInput) { a.Headline = "Talks\x00" }, "headline", framing.EInvalid, "NUL"},

		// byline: optional, at most MaxBylineChars characters
		{"byline empty", func(a *framing.ArticleInput) { a.Byline = "" }, "", "", ""},
		{"byline at the limit in Russian", func(a *framing.ArticleInput) { a.Byline = strings.Repeat(ru, framing.MaxBylineChars) }, "", "", ""},
		{"byline one character over", func(a *framing.ArticleInput) { a.Byline = strings.Repeat(ru, framing.MaxBylineChars+1) }, "byline", framing.EInvalid, "201 characters long; the limit is 200"},
		{"byline invalid UTF-8", func(a *framing.ArticleInput) { a.Byline = "\xfe\xff" }, "byline", framing.EInvalid, "not valid UTF-8"},
		{"byline with NUL", func(a *framing.ArticleInput) { a.Byline = "Staff\x00" }, "byline", framing.EInvalid, "NUL"},

		// url: optional, http or https with a host
		{"url empty", func(a *framing.ArticleInput) { a.URL = "" }, "", "", ""},
		{"url http", func(a *framing.ArticleInput) { a.URL = "http://example.org" }, "", "", ""},
		{"url scheme in capitals", func(a *framing.ArticleInput) { a.URL = "HTTPS://example.org/a?b=c#d" }, "", "", ""},
		{"url with Russian path", func(a *framing.ArticleInput) { a.URL = "https://ru.wikipedia.org/wiki/Нагорный_Карабах" }, "", "", ""},
		{"url ftp", func(a *framing.ArticleInput) { a.URL = "ftp://example.org/a" }, "url", framing.EInvalid, "http:// or https://"},
		{"url javascript", func(a *framing.ArticleInput) { a.URL = "javascript:alert(1)" }, "url", framing.EInvalid, "http:// or https://"},
		{"url mailto", func(a *framing.ArticleInput) { a.URL = "mailto:desk@example.org" }, "url", framing.EInvalid, "http:// or https://"},
		{"url without scheme", func(a *framing.ArticleInput) { a.URL = "example.org/a" }, "url", framing.EInvalid, "http:// or https://"},
		{"url scheme-relative", func(a *framing.ArticleInput) { a.URL = "//example.org/a" }, "url", framing.EInvalid, "http:// or https://"},
		{"url without host", func(a *framing.ArticleInput) { a.URL = "https://" }, "url", framing.EInvalid, "http:// or https://"},
		{"url without host but path", func(a *framing.ArticleInput) { a.URL = "https:///a" }, "url", framing.EInvalid, "http:// or https://"},
		{"url that does not parse", func(a *framing.ArticleInput) { a.URL = "http://exa mple.org/" }, "url", framing.EInvalid, "http:// or https://"},
		{"url at the limit", func(a *framing.ArticleInput) {
			a.URL = "https://example.org/" + strings.Repeat("a", framing.MaxURLChars-len("https://example.org/"))
		}, "", "", ""},
		{"url over the limit", func(a *framing.ArticleInput) {
			a.URL = "https://example.org/" + strings.Repeat("a", framing.MaxURLChars)
		}, "url", framing.EInvalid, "the limit is 2048"},

		// published: optional, YYYY-MM-DD, a real and plausible day
		{"published empty", func(a *framing.ArticleInput) { a.Published = "" }, "", "", ""},
		{"published leap day", func(a *framing.ArticleInput) { a.Published = "2024-02-29" }, "", "", ""},
		{"published earliest plausible", func(a *framing.ArticleInput) { a.Published = "1800-01-01" }, "", "", ""},
		{"published today", func(a *framing.ArticleInput) { a.Published = isoDay(0) }, "", "", ""},
		{"published tomorrow (time zones)", func(a *framing.ArticleInput) { a.Published = isoDay(1) }, "", "", ""},
		{"published European form", func(a *framing.ArticleInput) { a.Published = "07.09.2022" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"published without zero padding", func(a *framing.ArticleInput) { a.Published = "2022-9-7" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"published with a time", func(a *framing.ArticleInput) { a.Published = "2022-09-07T10:00:00Z" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"published month 13", func(a *framing.ArticleInput) { a.Published = "2022-13-01" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"published 29 February of a common year", func(a *framing.ArticleInput) { a.Published = "2023-02-29" }, "published", framing.EInvalid, "YYYY-MM-DD"},
		{"published before 1800", func(a *framing.ArticleInput) { a.Published = "1799-12-31" }, "published", framing.EInvalid, "1799-12-31 is not a plausible date"},
		{"published next week", func(a *framing.ArticleInput) { a.Published = isoDay(7) }, "published", framing.EInvalid, "not a plausible date"},
		{"published far future", func(a *framing.ArticleInput) { a.Published = "2999-01-01" }, "published", framing.EInvalid, "not a plausible date"},

		// language: required, a BCP 47 shaped code
		{"language missing", func(a *framing.ArticleInput) { a.Language = "" }, "language", framing.EInvalid, "Language is required"},
		{"language spaces only", func(a *framing.ArticleInput) { a.Language = "  " }, "language", framing.EInvalid, "Language is required"},
		{"language three letters", func(a *framing.ArticleInput) { a.Language = "fil" }, "", "", ""},
		{"language with region in capitals", func(a *framing.ArticleInput) { a.Language = "en-GB" }, "", "", ""},
		{"language with script", func(a *framing.ArticleInput) { a.Language = "sr-Latn" }, "", "", ""},
		{"language numeric region", func(a *framing.ArticleInput) { a.Language = "es-419" }, "", "", ""},
		{"language one letter", func(a *framing.ArticleInput) { a.Language = "e" }, "language", framing.EInvalid, "language code"},
		{"language a word", func(a *framing.ArticleInput) { a.Language = "English" }, "language", framing.EInvalid, "language code"},
		{"language underscore", func(a *framing.ArticleInput) { a.Language = "en_GB" }, "language", framing.EInvalid, "language code"},
		{"language trailing hyphen", func(a *framing.ArticleInput) { a.Language = "en-" }, "language", framing.EInvalid, "language code"},
		{"language subtag too long", func(a *framing.ArticleInput) { a.Language = "en-abcdefghi" }, "language", framing.EInvalid, "language code"},
		{"language in Cyrillic", func(a *framing.ArticleInput) { a.Language = "ру" }, "language", framing.EInvalid, "language code"},
		{"language longer than 35", func(a *framing.ArticleInput) {
			a.Language = "en" + strings.Repeat("-abcdefgh", 4) // 38 characters, each part well formed
		}, "language", framing.EInvalid, "language code"},

		// body: required, at least 20 characters, at most MaxBodyBytes bytes
		{"body missing", func(a *framing.ArticleInput) { a.Body = "" }, "body", framing.EInvalid, "Paste the article's text"},
		{"body blank lines", func(a *framing.ArticleInput) { a.Body = "\r\n \n\t\n" }, "body", framing.EInvalid, "Paste the article's text"},
		{"body 19 Russian characters", func(a *framing.ArticleInput) { a.Body = strings.Repeat(ru, 19) }, "body", framing.EInvalid, "only 19 characters long"},
		{"body 20 Russian characters", func(a *framing.ArticleInput) { a.Body = strings.Repeat(ru, 20) }, "", "", ""},
		{"body short once trimmed", func(a *framing.ArticleInput) { a.Body = "   " + strings.Repeat("a", 19) + "\n\n\n  " }, "body", framing.EInvalid, "only 19 characters long"},
		{"body invalid UTF-8", func(a *framing.ArticleInput) { a.Body = "A valid start \xff\xfe and then more text" }, "body", framing.EInvalid, "not valid UTF-8"},
		{"body with NUL", func(a *framing.ArticleInput) { a.Body = "A text with a \x00 NUL character inside" }, "body", framing.EInvalid, "NUL"},
		{"body exactly MaxBodyBytes", func(a *framing.ArticleInput) { a.Body = strings.Repeat("a", framing.MaxBodyBytes) }, "", "", ""},
		{"body one byte over MaxBodyBytes", func(a *framing.ArticleInput) { a.Body = strings.Repeat("a", framing.MaxBodyBytes+1) }, "body", framing.ETooLarge, "the limit is 2 MB"},
		{"body over the limit in bytes though not in characters", func(a *framing.ArticleInput) {
			a.Body = strings.Repeat(ru, framing.MaxBodyBytes/2+1) // fewer characters than the limit, more bytes
		}, "body", framing.ETooLarge, "the limit is 2 MB"},
		{"body over the limit and not UTF-8 is reported as too large", func(a *framing.ArticleInput) {
			a.Body = strings.Repeat("\xff", framing.MaxBodyBytes+1)
		}, "body", framing.ETooLarge, "Split it or shorten it"},
		{"body surrounded by spaces that fits once trimmed", func(a *framing.ArticleInput) {
			a.Body = "  \n" + strings.Repeat("a", framing.MaxBodyBytes) + "\n  "
		}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := goodArticle()
			tt.edit(&in)
			checkNormalize(t, in, tt.field, tt.code, tt.msg)
		})
	}
}

func TestArticleNormalizeReportsEveryProblemAtOnceInFormOrder(t *testing.T) {
	in := framing.ArticleInput{
		Outlet:    "Out\x00let",
		Headline:  strings.Repeat(ru, framing.MaxHeadlineChars+1),
		Byline:    strings.Repeat(ru, framing.MaxBylineChars+1),
		URL:       "ftp://example.org",
		Published: "yesterday",
		Language:  "english",
		Body:      "Too short.",
	}
	err := in.Normalize()
	e := problemsOf(t, err)
	want := []string{"outlet", "headline", "byline", "url", "published", "language", "body"}
	if got := problemFieldNames(e); !slices.Equal(got, want) {
		t.Fatalf("fields = %v, want %v", got, want)
	}
	if e.Code != framing.EInvalid {
		t.Errorf("code = %q, want %q", e.Code, framing.EInvalid)
	}
	if e.Message != e.Fields[0].Message || !strings.Contains(e.Message, "NUL") {
		t.Errorf("message %q should be the outlet's", e.Message)
	}
	if e.Field() != "outlet" {
		t.Errorf("Field() = %q, want outlet", e.Field())
	}
	for _, f := range e.Fields {
		if f.Message == "" {
			t.Errorf("field %s has no message", f.Field)
		}
	}
}

func TestArticleNormalizeReportsAnEmptyFormAsTheRequiredFields(t *testing.T) {
	var in framing.ArticleInput
	e := problemsOf(t, in.Normalize())
	want := []string{"outlet", "headline", "language", "body"}
	if got := problemFieldNames(e); !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v (byline, url and published are optional)", got, want)
	}
}

func TestArticleNormalizeMakesTheWholeErrorTooLargeWhenTheBodyIs(t *testing.T) {
	in := goodArticle()
	in.Outlet = ""
	in.Body = strings.Repeat("a", framing.MaxBodyBytes+1)
	err := in.Normalize()
	e := problemsOf(t, err)
	if got := problemFieldNames(e); !slices.Equal(got, []string{"outlet", "body"}) {
		t.Errorf("fields = %v, want [outlet body]", got)
	}
	if framing.ErrorCode(err) != framing.ETooLarge {
		t.Errorf("code = %q, want %q even though an earlier field is merely invalid", framing.ErrorCode(err), framing.ETooLarge)
	}
}

func TestArticleNormalizeTrimsCollapsesAndUnifiesLineEndings(t *testing.T) {
	in := framing.ArticleInput{
		Outlet:    "  Anadolu \t  Agency \n",
		Headline:  " Путин и  Пашинян\r\nвстретились ",
		Byline:    "\tBy  Staff   Reporter ",
		URL:       "  https://example.org/a  ",
		Published: " 2022-09-07\t",
		Language:  " EN-GB ",
		Body:      "\r\n  First line.\r\nSecond  line, spaces kept.\rThird line.\r\n\r\n  ",
	}
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	want := framing.ArticleInput{
		Outlet:    "Anadolu Agency",
		Headline:  "Путин и Пашинян встретились",
		Byline:    "By Staff Reporter",
		URL:       "https://example.org/a",
		Published: "2022-09-07",
		Language:  "en-gb",
		Body:      "First line.\nSecond  line, spaces kept.\nThird line.",
	}
	if in != want {
		t.Errorf("normalized\n got %+v\nwant %+v", in, want)
	}
}

func TestArticleNormalizeIsIdempotent(t *testing.T) {
	in := framing.ArticleInput{Outlet: " A  B ", Headline: "H\r\n", Language: "RU", Body: "Текст статьи\r\nна две строки, достаточно длинный."}
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	once := in
	if err := in.Normalize(); err != nil {
		t.Fatal(err)
	}
	if in != once {
		t.Errorf("a second Normalize changed the input:\n got %+v\nwant %+v", in, once)
	}
}

func TestArticleNormalizeKeepsTheIllustrativeMark(t *testing.T) {
	for _, mark := range []bool{false, true} {
		in := goodArticle()
		in.Illustrative = mark
		if err := in.Normalize(); err != nil {
			t.Fatal(err)
		}
		if in.Illustrative != mark {
			t.Errorf("Illustrative %v became %v", mark, in.Illustrative)
		}
	}
}

func TestArticleInputBecomesAnArticleOfTheGivenEvent(t *testing.T) {
	in := goodArticle()
	in.Illustrative = true
	got := in.Article(42)
	want := framing.Article{EventID: 42, Outlet: in.Outlet, Headline: in.Headline, Byline: in.Byline, URL: in.URL,
		Published: in.Published, Language: in.Language, Body: in.Body, Illustrative: true}
	if got != want {
		t.Errorf("Article(42)\n got %+v\nwant %+v", got, want)
	}
}

func TestFingerprintIsTheSameForTheSameTextSpacedOrCasedDifferently(t *testing.T) {
	base := "Нагорный Карабах.\nThe leaders met in Vladivostok on Wednesday."
	for _, variant := range []string{
		base,
		"  нагорный   карабах.\r\n\r\nthe LEADERS met in vladivostok on wednesday.\n",
		"НАГОРНЫЙ КАРАБАХ. THE LEADERS MET IN VLADIVOSTOK ON WEDNESDAY.",
		"Нагорный\u00a0Карабах.\tThe leaders met in Vladivostok on Wednesday.",
		"\n\nНагорный Карабах.\n\n\nThe leaders\n met in Vladivostok on Wednesday.   ",
	} {
		if framing.Fingerprint(variant) != framing.Fingerprint(base) {
			t.Errorf("Fingerprint(%q) differs from the original's", variant)
		}
	}
}

func TestFingerprintDiffersForDifferentText(t *testing.T) {
	pairs := [][2]string{
		{"The leaders met in Vladivostok.", "The leaders met in Vladivostock."},
		{"The leaders met.", "The leaders met!"},
		{"a b", "ab"},
		{"Нагорный Карабах", "Нагорный Карабаx"}, // Latin x at the end
		{"The leaders met.", "The leaders met. Again."},
		{"", "a"},
	}
	for _, p := range pairs {
		if framing.Fingerprint(p[0]) == framing.Fingerprint(p[1]) {
			t.Errorf("%q and %q have the same fingerprint", p[0], p[1])
		}
	}
}

func TestFingerprintIsAHexSHA256(t *testing.T) {
	hex64 := regexp.MustCompile(`^[0-9a-f]{64}$`)
	for _, s := range []string{"", "The leaders met.", "Нагорный Карабах"} {
		if fp := framing.Fingerprint(s); !hex64.MatchString(fp) {
			t.Errorf("Fingerprint(%q) = %q, want 64 lower-case hex digits", s, fp)
		}
	}
	// The empty text and a text of only spaces are the same (empty) text.
	if framing.Fingerprint("") != framing.Fingerprint(" \n\t ") {
		t.Error("spaces alone fingerprint differently from the empty text")
	}
	// What is hashed is the text in lower case with single spaces between
	// words and none at the ends.
	sum := sha256.Sum256([]byte("the leaders met. в кремле."))
	if got, want := framing.Fingerprint("  The  Leaders\nMET.\r\n В  КРЕМЛЕ. "), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
}

func TestOutletKeyFoldsCaseAndSpacing(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Anadolu Agency", "anadolu  agency"},
		{"  Anadolu\tAgency ", "ANADOLU AGENCY"},
		{"Российская газета", "российская   ГАЗЕТА"},
	}
	for _, tt := range tests {
		if framing.OutletKey(tt.a) != framing.OutletKey(tt.b) {
			t.Errorf("OutletKey(%q) = %q, OutletKey(%q) = %q, want equal", tt.a, framing.OutletKey(tt.a), tt.b, framing.OutletKey(tt.b))
		}
	}
	if got := framing.OutletKey("  Anadolu \t Agency "); got != "anadolu agency" {
		t.Errorf("OutletKey = %q, want %q", got, "anadolu agency")
	}
	if framing.OutletKey("Anadolu Agency") == framing.OutletKey("AnadoluAgency") {
		t.Error("removing the space between words gave the same key")
	}
}

func TestHumanBytesWritesSizesAsPeopleReadThem(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 bytes"},
		{12, "12 bytes"},
		{1023, "1023 bytes"},
		{1 << 10, "1 KB"},
		{350 << 10, "350 KB"},
		{350<<10 + 1000, "350 KB"},
		{1<<20 - 1, "1023 KB"},
		{1 << 20, "1 MB"},
		{3 << 19, "1.5 MB"},
		{2 << 20, "2 MB"},
		{framing.MaxBodyBytes, "2 MB"},
		{8<<20 + 300<<10, "8.3 MB"},
	}
	for _, tt := range tests {
		if got := framing.HumanBytes(tt.n); got != tt.want {
			t.Errorf("HumanBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
