package framing

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode"
)

// Article is one outlet's piece about one event.
type Article struct {
	ID        int64
	EventID   int64
	Outlet    string
	Headline  string
	Byline    string
	URL       string
	Published string // YYYY-MM-DD or ""
	Language  string
	Body      string
	// Illustrative marks a text written for Framelens to show how another
	// usage reads; it is never a real outlet's article.
	Illustrative bool
	CreatedAt    time.Time
}

// ArticleInput is what a person submits to add an article to an event.
type ArticleInput struct {
	Outlet       string
	Headline     string
	Byline       string
	URL          string
	Published    string
	Language     string
	Body         string
	Illustrative bool
	// OutletCountry and OutletURL describe the outlet when it is new; an
	// outlet already remembered keeps what it has and only fills gaps.
	OutletCountry string
	OutletURL     string
}

// Limits for article fields. MaxBodyBytes is the size of the text itself;
// the HTTP layer allows a larger request so that a form over this limit can
// still be shown back with the person's text and a clear message.
const (
	MaxOutletChars   = 120
	MaxHeadlineChars = 300
	MaxBylineChars   = 200
	MaxURLChars      = 2048
	MaxBodyBytes     = 2 << 20
	// MaxArticlesPerEvent bounds what one event's pages and computations
	// must handle: a researcher's corpus about one event is hundreds of
	// articles; more belongs in several events.
	MaxArticlesPerEvent = 2000
)

// Normalize trims the input, unifies line endings and checks every field,
// returning all problems found at once.
func (in *ArticleInput) Normalize() error {
	in.Outlet = collapseSpaces(in.Outlet)
	in.Headline = collapseSpaces(in.Headline)
	in.Byline = collapseSpaces(in.Byline)
	in.URL = strings.TrimSpace(in.URL)
	in.Published = strings.TrimSpace(in.Published)
	in.Language = strings.ToLower(strings.TrimSpace(in.Language))
	in.Body = normalizeNewlines(strings.TrimSpace(in.Body))
	in.OutletCountry = collapseSpaces(in.OutletCountry)
	in.OutletURL = strings.TrimSpace(in.OutletURL)

	var p Problems
	CheckText(&p, "outlet", "Outlet", in.Outlet, true, MaxOutletChars)
	CheckText(&p, "headline", "Headline", in.Headline, true, MaxHeadlineChars)
	CheckText(&p, "byline", "Byline", in.Byline, false, MaxBylineChars)
	checkURL(&p, "url", in.URL)
	checkDate(&p, "published", in.Published)
	checkLanguage(&p, "language", in.Language)
	checkBody(&p, "body", in.Body)
	CheckText(&p, "outlet_country", "Country", in.OutletCountry, false, MaxCountryChars)
	checkURL(&p, "outlet_url", in.OutletURL)
	return p.Err()
}

// Article is the article this input describes, in the given event.
func (in ArticleInput) Article(eventID int64) Article {
	return Article{
		EventID: eventID, Outlet: in.Outlet, Headline: in.Headline, Byline: in.Byline, URL: in.URL,
		Published: in.Published, Language: in.Language, Body: in.Body, Illustrative: in.Illustrative,
	}
}

// Fingerprint identifies an article text regardless of spacing and case, so
// that the same text pasted twice (with other line breaks) is recognised.
func Fingerprint(body string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(body) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// Outlet is a publisher, remembered so it can be offered again.
type Outlet struct {
	ID       int64
	Name     string
	Country  string
	Language string // the language it usually publishes in
	URL      string // its home page
	// ArticleCount is how many stored articles it wrote, in every event.
	ArticleCount int
}

// OutletKey folds an outlet name so that spacing and case variants of one
// name are one outlet.
func OutletKey(name string) string {
	return strings.ToLower(collapseSpaces(name))
}

// ErrEventFull is the refusal of an article beyond MaxArticlesPerEvent.
func ErrEventFull() *Error {
	return FieldErrorf(EInvalid, "event", "This event already holds %d articles, the most one event takes. Put further articles in a new event.", MaxArticlesPerEvent)
}
