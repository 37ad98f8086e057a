package bulk

import (
	"slices"
	"strings"
	"unicode/utf8"

	"framelens/framing"
)

// fieldNames are the article fields of a JSON line or CSV header: the JSON
// names of POST /api/events/{id}/articles, so one article reads the same
// whichever way it arrives.
var fieldNames = []string{"outlet", "headline", "byline", "url", "published", "language", "body", "illustrative",
	"outlet_country", "outlet_url"}

// optionNames are the choices about one article that the article API
// takes besides its fields. A bulk import accepts them, so that a line
// written for the API imports unchanged, and checks their values; none
// changes what is imported: allow_near_duplicate lets the API store a text
// that nearly repeats one in the event, which a bulk import does anyway
// (only exact repeats are refused).
var optionNames = []string{"allow_near_duplicate"}

// isOption reports whether name (already lower-cased) is an option.
func isOption(name string) bool { return slices.Contains(optionNames, name) }

// requiredColumns are the fields framing.ArticleInput.Normalize requires. A
// CSV header without one of them would make every line fail the same way,
// so the file is refused at once instead.
var requiredColumns = []string{"outlet", "headline", "language", "body"}

// Fields returns the names of the article fields a JSON line or a CSV
// header may hold.
func Fields() []string { return slices.Clone(fieldNames) }

// textField is where the text field named name goes in in, or nil when name
// is not a text field.
func textField(in *framing.ArticleInput, name string) *string {
	switch name {
	case "outlet":
		return &in.Outlet
	case "headline":
		return &in.Headline
	case "byline":
		return &in.Byline
	case "url":
		return &in.URL
	case "published":
		return &in.Published
	case "language":
		return &in.Language
	case "body":
		return &in.Body
	case "outlet_country":
		return &in.OutletCountry
	case "outlet_url":
		return &in.OutletURL
	}
	return nil
}

// isField reports whether name (already lower-cased) is an article field.
func isField(name string) bool { return slices.Contains(fieldNames, name) }

// fieldList is the field names for a message: "outlet, headline, … and illustrative".
func fieldList() string {
	return strings.Join(fieldNames[:len(fieldNames)-1], ", ") + " and " + fieldNames[len(fieldNames)-1]
}

// shown shortens a name from the file for a message, so that a megabyte of
// garbage in a key does not become a megabyte of error.
func shown(name string) string {
	const maxRunes = 40
	if utf8.RuneCountInString(name) <= maxRunes {
		return name
	}
	r := []rune(name)
	return string(r[:maxRunes]) + "…"
}

// parseFlag reads the illustrative column of a CSV file: empty is false,
// and the spellings spreadsheets write for yes and no are accepted.
func parseFlag(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "f", "no", "n":
		return false, true
	case "1", "true", "t", "yes", "y", "x":
		return true, true
	}
	return false, false
}
