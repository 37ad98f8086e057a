package framing

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A term's phrase or variant may be a pattern: one line that stands for
// every wording it expands to, compiled into the same matcher as a plain
// phrase (nothing is matched by regular expression).
//
//	{a|b|c}   one of the alternatives; an alternative may be several words
//	          or empty: terror{ist|} is "terrorist" or "terror"
//	[a|b]     optional: nothing, or one of the alternatives
//	<the>     an optional determiner or possessive word: the, a, an, its,
//	          their, his, her, our, this, that, these, those
//	<'s>      an optional possessive ending: Artsakh<'s> is "Artsakh" or
//	          "Artsakh's" (curly apostrophes are matched as straight ones)
//
// "{anti|counter}-terror{ist|} {measures|operation}" is eight wordings;
// "restore [the] [Azerbaijani|Azerbaijan's] constitutional {order|structure}"
// is twelve. A pattern may stand for at most MaxPatternForms wordings.

// MaxPatternForms bounds what one pattern may expand to, so that an
// imported lexicon cannot blow up the compiled matcher.
const MaxPatternForms = 512

// patternSlots are the named slots a pattern may use.
var patternSlots = map[string][]string{
	"the": {"", "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"},
	"'s":  {"", "'s"},
}

// IsPattern reports whether a phrase uses pattern syntax.
func IsPattern(phrase string) bool {
	return strings.ContainsAny(phrase, "{}[]<>|")
}

// ExpandPattern returns the wordings a phrase stands for, in order: the
// first takes every first alternative and leaves every optional part out.
// A phrase without pattern syntax is its own single wording.
func ExpandPattern(phrase string) ([]string, error) {
	parts, err := parsePattern(phrase)
	if err != nil {
		return nil, err
	}
	total := 1
	for _, p := range parts {
		total *= len(p)
		if total > MaxPatternForms {
			return nil, fmt.Errorf("the pattern %q stands for more than %d wordings; split it into several terms", phrase, MaxPatternForms)
		}
	}
	forms := []string{""}
	for _, choices := range parts {
		next := make([]string, 0, len(forms)*len(choices))
		for _, f := range forms {
			for _, c := range choices {
				next = append(next, f+c)
			}
		}
		forms = next
	}
	seen := map[string]bool{}
	out := forms[:0]
	for _, f := range forms {
		f = collapseSpaces(f)
		if f == "" || seen[strings.ToLower(f)] {
			continue
		}
		seen[strings.ToLower(f)] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the pattern %q stands for no wording", phrase)
	}
	return out, nil
}

// PatternLabel is how a phrase is named where one wording stands for all
// of its forms (a comparison cell, a legend): its first form.
func PatternLabel(phrase string) string {
	if !IsPattern(phrase) {
		return phrase
	}
	forms, err := ExpandPattern(phrase)
	if err != nil {
		return phrase
	}
	return forms[0]
}

// parsePattern splits a pattern into its parts, each a list of choices
// (a literal is a part of one choice).
func parsePattern(p string) ([][]string, error) {
	var parts [][]string
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, []string{lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		c := p[i]
		switch c {
		case '{', '[', '<':
			closer := map[byte]byte{'{': '}', '[': ']', '<': '>'}[c]
			j := strings.IndexByte(p[i+1:], closer)
			if j < 0 {
				return nil, fmt.Errorf("%q at character %d is never closed with %q", c, runeIndex(p, i), closer)
			}
			inner := p[i+1 : i+1+j]
			if k := strings.IndexAny(inner, "{}[]<>"); k >= 0 {
				return nil, fmt.Errorf("%q at character %d: groups cannot be nested", inner[k], runeIndex(p, i+1+k))
			}
			flush()
			switch c {
			case '<':
				slot, ok := patternSlots[inner]
				if !ok {
					return nil, fmt.Errorf("<%s> at character %d is not a slot; use <the> or <'s>", inner, runeIndex(p, i))
				}
				parts = append(parts, slot)
			case '[':
				parts = append(parts, append([]string{""}, strings.Split(inner, "|")...))
			default:
				alts := strings.Split(inner, "|")
				if len(alts) < 2 && alts[0] == "" {
					return nil, fmt.Errorf("{} at character %d is empty", runeIndex(p, i))
				}
				parts = append(parts, alts)
			}
			i += j + 2
		case '}', ']', '>', '|':
			return nil, fmt.Errorf("%q at character %d stands outside a group", c, runeIndex(p, i))
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return parts, nil
}

func runeIndex(s string, byteOffset int) int { return utf8.RuneCountInString(s[:byteOffset]) + 1 }

// forms returns every wording a term stands for: its phrase and
// variants, patterns expanded.
func (t Term) forms() ([]string, error) {
	var out []string
	for _, p := range append([]string{t.Phrase}, t.Variants...) {
		forms, err := ExpandPattern(p)
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

// PatternPiece is one part of a pattern, for showing it readably: plain
// text, or a choice among alternatives that may be left out.
type PatternPiece struct {
	Text     string   // plain text, when Choices is empty
	Choices  []string // the alternatives, "" shown as "nothing"
	Optional bool
}

// PatternPieces splits a pattern into pieces to show; a phrase that is not
// a valid pattern is one plain piece.
func PatternPieces(phrase string) []PatternPiece {
	parts, err := parsePattern(phrase)
	if err != nil {
		return []PatternPiece{{Text: phrase}}
	}
	var out []PatternPiece
	for _, p := range parts {
		switch {
		case len(p) == 1:
			out = append(out, PatternPiece{Text: p[0]})
		case p[0] == "":
			out = append(out, PatternPiece{Choices: p[1:], Optional: true})
		default:
			out = append(out, PatternPiece{Choices: p})
		}
	}
	return out
}
