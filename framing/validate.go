package framing

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CheckText adds to p a problem with field's text s, which label names
// in the message: not UTF-8, a NUL, missing when required, or longer
// than maxChars characters.
func CheckText(p *Problems, field, label, s string, required bool, maxChars int) {
	switch {
	case !utf8.ValidString(s):
		p.Add(field, "%s is not valid UTF-8 text.", label)
	case strings.ContainsRune(s, 0):
		p.Add(field, "%s contains a NUL character; paste it as plain text.", label)
	case required && s == "":
		p.Add(field, "%s is required.", label)
	case utf8.RuneCountInString(s) > maxChars:
		p.Add(field, "%s is %s long; the limit is %d.", label, Plural(utf8.RuneCountInString(s), "character", "characters"), maxChars)
	}
}

// MaxSlugChars limits a slug, in characters.
const MaxSlugChars = 64

// checkSlug checks an identifier that goes into addresses and files:
// lower-case letters (of any script), digits and hyphens, at most
// MaxSlugChars. No slash, dot, quote, space or line break gets through.
func checkSlug(p *Problems, field, label, s string) {
	switch n := utf8.RuneCountInString(s); {
	case s == "":
		p.Add(field, "%s needs a slug.", label)
	case !utf8.ValidString(s):
		p.Add(field, "%s: the slug is not valid UTF-8 text.", label)
	case n > MaxSlugChars:
		p.Add(field, "%s: the slug is %s long; the limit is %d.", label, Plural(n, "character", "characters"), MaxSlugChars)
	case strings.IndexFunc(s, notSlugRune) >= 0:
		p.Add(field, "%s: the slug %q may hold only lower-case letters, digits and hyphens.", label, s)
	}
}

func notSlugRune(r rune) bool {
	switch {
	case r == '-', unicode.IsDigit(r), unicode.IsMark(r):
		return false
	case unicode.IsLetter(r):
		return unicode.IsUpper(r) || unicode.IsTitle(r)
	}
	return true
}

func checkBody(p *Problems, field, s string) {
	switch {
	case len(s) > MaxBodyBytes:
		size := HumanBytes(len(s))
		if size == HumanBytes(MaxBodyBytes) {
			size = Plural(len(s), "byte", "bytes") // rounding would show the limit itself
		}
		p.AddTooLarge(field, "The text is %s; the limit is %s. Split it or shorten it.", size, HumanBytes(MaxBodyBytes))
	case !utf8.ValidString(s):
		p.Add(field, "The text is not valid UTF-8. Save it as UTF-8 and paste it again.")
	case strings.ContainsRune(s, 0):
		p.Add(field, "The text contains NUL characters, which plain text never has. Paste the article text itself.")
	case s == "":
		p.Add(field, "Paste the article's text.")
	case utf8.RuneCountInString(s) < 20:
		p.Add(field, "The text is only %s long; paste the whole article.", Plural(utf8.RuneCountInString(s), "character", "characters"))
	}
}

func checkURL(p *Problems, field, s string) {
	if s == "" {
		return
	}
	if !utf8.ValidString(s) {
		p.Add(field, "The URL is not valid UTF-8 text.")
		return
	}
	if n := utf8.RuneCountInString(s); n > MaxURLChars {
		p.Add(field, "The URL is %s long; the limit is %d.", Plural(n, "character", "characters"), MaxURLChars)
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add(field, "Give the full address starting with http:// or https://, or leave it empty.")
	}
}

func checkDate(p *Problems, field, s string) {
	if s == "" {
		return
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.Add(field, "Use the form YYYY-MM-DD, for example 2022-09-07.")
		return
	}
	if d.Year() < 1800 || d.After(time.Now().AddDate(0, 0, 2)) {
		p.Add(field, "%s is not a plausible date.", s)
	}
}

// languageTag accepts the BCP 47 shapes people use for news: "en", "ru",
// "hy", "en-GB", "sr-Latn".
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

func checkLanguage(p *Problems, field, s string) {
	switch {
	case s == "":
		p.Add(field, "Language is required, for example en or ru.")
	case len(s) > 35 || !languageTag.MatchString(s):
		p.Add(field, "Use a language code such as en, ru, hy, az or en-gb.")
	}
}

// HumanBytes writes a size the way a person reads it: "2 MB", "350 KB".
func HumanBytes(n int) string {
	switch {
	case n >= 1<<20:
		mb := math.Round(float64(n)/(1<<20)*10) / 10
		return strconv.FormatFloat(mb, 'f', -1, 64) + " MB"
	case n >= 1<<10:
		return strconv.Itoa(n/(1<<10)) + " KB"
	}
	return Plural(n, "byte", "bytes")
}

// CheckAnalyzeInput checks a text sent for analysis without storing it:
// present, within the article size limit, and a valid language if given.
func CheckAnalyzeInput(text, language string) error {
	var p Problems
	switch {
	case len(text) > MaxBodyBytes:
		p.AddTooLarge("text", "The text is %s; the limit is %s.", HumanBytes(len(text)), HumanBytes(MaxBodyBytes))
	case !utf8.ValidString(text):
		p.Add("text", "The text is not valid UTF-8.")
	case strings.TrimSpace(text) == "":
		p.Add("text", "Send the text to analyse.")
	}
	if language != "" {
		checkLanguage(&p, "language", strings.ToLower(language))
	}
	return p.Err()
}
