package framing

import (
	"strings"
	"unicode/utf8"

	"framelens/framing/pattern"
)

// forms returns every wording a term stands for: its phrase and
// variants, patterns expanded.
func (t Term) forms() ([]string, error) {
	var out []string
	for _, p := range append([]string{t.Phrase}, t.Variants...) {
		forms, err := pattern.Expand(p)
		if err != nil {
			return nil, err
		}
		out = append(out, forms...)
	}
	return out, nil
}

// Forms returns every wording the term stands for, patterns expanded, or
// its phrase and variants as written when one of them is not a valid
// pattern (Validate says why).
func (t Term) Forms() []string {
	forms, err := t.forms()
	if err != nil {
		return append([]string{t.Phrase}, t.Variants...)
	}
	return forms
}

// capitalize upper-cases the first letter of a message.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[size:]
}

// Label is how the term is named where one wording stands for all of its
// forms (a comparison cell, a tooltip, an export): its phrase, or the
// first form of its pattern.
func (t Term) Label() string { return pattern.Label(t.Phrase) }

// MatchedForms are the forms the matcher compiles for the term: its forms
// without those that only add a leading article to another one.
func (t Term) MatchedForms() []string { return withoutLeadingArticles(t.Forms()) }

// withoutLeadingArticles drops the forms that are another form of the same
// term with "the", "a" or "an" before it ("the occupation of the West
// Bank" where "occupation of the West Bank" is a form too): the shorter
// one labels the same words, and a phrase that begins with an article
// would make every "the" of a text a place to look for one.
func withoutLeadingArticles(forms []string) []string {
	have := make(map[string]bool, len(forms))
	for _, f := range forms {
		have[strings.ToLower(f)] = true
	}
	out := forms[:0:0]
	for _, f := range forms {
		first, rest, ok := strings.Cut(f, " ")
		if ok {
			switch strings.ToLower(first) {
			case "the", "a", "an":
				if have[strings.ToLower(rest)] {
					continue
				}
			}
		}
		out = append(out, f)
	}
	return out
}
