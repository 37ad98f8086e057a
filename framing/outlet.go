package framing

import "strings"

// MaxCountryChars limits an outlet's country, in characters.
const MaxCountryChars = 80

// OutletInput is what a person may change about a remembered outlet. Its
// name is what articles are matched to it by, so it stays as first typed.
type OutletInput struct {
	Country  string
	Language string
	URL      string
}

// Normalize trims the input and checks it, returning every problem found.
// All fields are optional: "" means unknown.
func (in *OutletInput) Normalize() error {
	in.Country = collapseSpaces(in.Country)
	in.Language = strings.ToLower(strings.TrimSpace(in.Language))
	in.URL = strings.TrimSpace(in.URL)

	var p Problems
	CheckText(&p, "country", "Country", in.Country, false, MaxCountryChars)
	if in.Language != "" {
		checkLanguage(&p, "language", in.Language)
	}
	checkURL(&p, "url", in.URL)
	return p.Err()
}
