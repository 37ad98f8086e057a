package views

import (
	"strconv"
	"strings"
	"time"

	"framelens/framing"
)

// displayDate turns YYYY-MM-DD into "7 September 2022"; other text is shown
// as it is, and "" stays "".
func displayDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d.Format("2 January 2006")
}

func plural(n int, one, many string) string {
	return framing.Plural(n, one, many)
}

func eventURL(id int64) string {
	return "/events/" + strconv.FormatInt(id, 10)
}

func newArticleURL(eventID int64) string {
	return eventURL(eventID) + "/articles/new"
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func itoa(n int) string { return strconv.Itoa(n) }

// excerpt is the start of a text, cut at a word boundary near max
// characters.
func excerpt(text string, max int) string {
	runes := []rune(strings.Join(strings.Fields(text), " "))
	if len(runes) <= max {
		return string(runes)
	}
	cut := string(runes[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// eventLabel names an event in a list of choices: its title and date.
func eventLabel(e framing.EventSummary) string {
	if e.Date == "" {
		return e.Title
	}
	return e.Title + " (" + displayDate(e.Date) + ")"
}

// orDash shows an unknown value as a dash.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
