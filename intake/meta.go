package intake

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
	"golang.org/x/text/language"
)

// leadingDate is the calendar date at the start of an ISO 8601 timestamp.
// It is taken as written: "2024-05-03T23:30:00-05:00" was published on the
// 3rd where it was written, whatever the date in UTC.
var leadingDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])`)

// dottedDate is the day-first form used wherever dots separate the parts
// (03.05.2024 is the 3rd of May in Germany and Russia alike).
var dottedDate = regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{4}\b`)

// normalizeDate writes a publication date as YYYY-MM-DD, or "" when s is
// not a date a person would recognise as one. A date that reads either way
// (05/03/2024) is left out rather than guessed.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return ""
	}
	var (
		t   time.Time
		err error
	)
	switch {
	case leadingDate.MatchString(s):
		m := leadingDate.FindStringSubmatch(s)
		t, err = time.Parse(time.DateOnly, m[1]+"-"+m[2]+"-"+m[3])
	case dottedDate.MatchString(s):
		t, err = dateparse.ParseIn(s, time.UTC, dateparse.PreferMonthFirst(false))
	default:
		t, err = dateparse.ParseStrict(s)
	}
	if err != nil || t.Year() < 1800 || t.Year() > 9999 {
		return ""
	}
	return t.Format(time.DateOnly)
}

// normalizeLanguage reduces a language tag ("en-US", "ru_RU", "eng") to its
// ISO 639-1 code, or "" when the language has none or the tag is not one.
func normalizeLanguage(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" || len(s) > 35 {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	base, conf := tag.Base()
	if conf == language.No {
		return ""
	}
	code := base.String()
	if len(code) != 2 {
		return ""
	}
	return code
}

// httpURL resolves ref against base and keeps it only if it is an http or
// https address: a canonical link may be relative, and a hostile page may
// offer javascript: or data: in its place.
func httpURL(ref, base string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 2048 {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// firstNonEmpty is the first of values that is not blank, collapsed.
func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v = collapseSpaces(v); v != "" {
			return v
		}
	}
	return ""
}
