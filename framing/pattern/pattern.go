// Package pattern is the syntax of a lexicon term's phrase that stands for
// several wordings: alternatives, optional parts and slots, expanded into
// the plain phrases the matcher compiles. It is a small language of the
// lexicon files with a parser of its own; it knows nothing of lexicons or
// matching.
package pattern

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A phrase may be a pattern: one line that stands for every wording it
// expands to, compiled into the same matcher as a plain phrase (nothing
// is matched by regular expression).
//
//	{a|b|c}   one of the alternatives; an alternative may be several words
//	          or empty: terror{ist|} is "terrorist" or "terror"
//	[a|b]     optional: nothing, or one of the alternatives
//	          (groups nest: "[on {October 7|7 October} [2023]]")
//	<the>     an optional determiner or possessive word: the, a, an, its,
//	          their, his, her, our, this, that, these, those
//	<'s>      an optional possessive ending: Artsakh<'s> is "Artsakh" or
//	          "Artsakh's" (curly apostrophes are matched as straight ones)
//
// "{anti|counter}-terror{ist|} {measures|operation}" is eight wordings;
// "restore [the] [Azerbaijani|Azerbaijan's] constitutional {order|structure}"
// is twelve. A pattern may stand for at most MaxForms wordings.

// MaxForms bounds what one pattern may expand to, so that an
// imported lexicon cannot blow up the compiled matcher.
const MaxForms = 512

// slots are the named slots a pattern may use.
var slots = map[string][]string{
	"the": {"", "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"},
	"'s":  {"", "'s"},
}

// Is reports whether a phrase uses pattern syntax.
func Is(phrase string) bool {
	return strings.ContainsAny(phrase, "{}[]<>|")
}

// Expand returns the wordings a phrase stands for, in order: the
// first takes every first alternative and leaves every optional part out.
// A phrase without pattern syntax is its own single wording.
func Expand(phrase string) ([]string, error) {
	pp := parser{src: phrase}
	forms, err := pp.sequence(0)
	if err == nil && pp.i < len(phrase) {
		err = fmt.Errorf("%q at character %d stands outside a group", phrase[pp.i], runeIndex(phrase, pp.i))
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := forms[:0]
	for _, f := range forms {
		f = strings.Join(strings.Fields(f), " ")
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

// Label is how a phrase is named where one wording stands for all
// of its forms (a comparison cell, a legend): its first form.
func Label(phrase string) string {
	if !Is(phrase) {
		return phrase
	}
	forms, err := Expand(phrase)
	if err != nil {
		return phrase
	}
	return forms[0]
}

// parser expands a pattern by recursive descent: a sequence is
// text and groups one after another; a group holds alternatives, each a
// sequence, so groups nest ("[on {October 7|7 October} [2023]]").
type parser struct {
	src   string
	i     int
	depth int
}

var groupCloser = map[byte]byte{'{': '}', '[': ']'}

// sequence expands from p.i up to a '|' or a group's closer (or the end)
// and returns every form, at most MaxForms of them.
func (p *parser) sequence(closer byte) ([]string, error) {
	forms := []string{""}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			for k := range forms {
				forms[k] += lit.String()
			}
			lit.Reset()
		}
	}
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch c {
		case '|', '}', ']':
			if closer == 0 {
				return nil, fmt.Errorf("%q at character %d stands outside a group", c, runeIndex(p.src, p.i))
			}
			if c != '|' && c != closer {
				return nil, fmt.Errorf("%q at character %d does not close the group open before it", c, runeIndex(p.src, p.i))
			}
			flush()
			return forms, nil
		case '>':
			return nil, fmt.Errorf("%q at character %d stands outside a slot", c, runeIndex(p.src, p.i))
		case '<':
			end := strings.IndexByte(p.src[p.i:], '>')
			if end < 0 {
				return nil, fmt.Errorf("'<' at character %d is never closed with '>'", runeIndex(p.src, p.i))
			}
			name := p.src[p.i+1 : p.i+end]
			slot, ok := slots[name]
			if !ok {
				return nil, fmt.Errorf("<%s> at character %d is not a slot; use <the> or <'s>", name, runeIndex(p.src, p.i))
			}
			flush()
			var err error
			if forms, err = product(p.src, forms, slot); err != nil {
				return nil, err
			}
			p.i += end + 1
		case '{', '[':
			start := p.i
			p.i++
			var alts []string
			if c == '[' {
				alts = []string{""}
			}
			for {
				sub, err := p.sequence(groupCloser[c])
				if err != nil {
					return nil, err
				}
				alts = append(alts, sub...)
				if p.i >= len(p.src) {
					return nil, fmt.Errorf("%q at character %d is never closed with %q", c, runeIndex(p.src, start), groupCloser[c])
				}
				if p.src[p.i] == groupCloser[c] {
					p.i++
					break
				}
				p.i++ // past '|'
			}
			if c == '{' && len(alts) == 1 && alts[0] == "" {
				return nil, fmt.Errorf("{} at character %d is empty", runeIndex(p.src, start))
			}
			flush()
			var err error
			if forms, err = product(p.src, forms, alts); err != nil {
				return nil, err
			}
		default:
			lit.WriteByte(c)
			p.i++
		}
	}
	if closer != 0 {
		return forms, nil // the caller reports the missing closer
	}
	flush()
	return forms, nil
}

// product appends each of choices to each of forms, refusing more than
// MaxForms.
func product(src string, forms, choices []string) ([]string, error) {
	if len(forms)*len(choices) > MaxForms {
		return nil, fmt.Errorf("the pattern %q stands for more than %d wordings; split it into several terms", src, MaxForms)
	}
	out := make([]string, 0, len(forms)*len(choices))
	for _, f := range forms {
		for _, c := range choices {
			out = append(out, f+c)
		}
	}
	return out, nil
}

// topGroups splits a pattern into its top-level pieces, each group's
// alternatives as written (nested groups left as text), for display.
func topGroups(s string) ([][]string, error) {
	if _, err := Expand(s); err != nil {
		return nil, err
	}
	var parts [][]string
	var lit strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '{' && c != '[' && c != '<' {
			lit.WriteByte(c)
			i++
			continue
		}
		if lit.Len() > 0 {
			parts = append(parts, []string{lit.String()})
			lit.Reset()
		}
		if c == '<' {
			end := strings.IndexByte(s[i:], '>')
			parts = append(parts, slots[s[i+1:i+end]])
			i += end + 1
			continue
		}
		// Find the matching closer and split on top-level bars.
		depth, start := 0, i+1
		var alts []string
		if c == '[' {
			alts = []string{""}
		}
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			case '|':
				if depth == 1 {
					alts = append(alts, s[start:j])
					start = j + 1
				}
			}
			if depth == 0 {
				alts = append(alts, s[start:j])
				i = j + 1
				break
			}
		}
		parts = append(parts, alts)
	}
	if lit.Len() > 0 {
		parts = append(parts, []string{lit.String()})
	}
	return parts, nil
}

func runeIndex(s string, byteOffset int) int { return utf8.RuneCountInString(s[:byteOffset]) + 1 }

// Piece is one part of a pattern, for showing it readably: plain
// text, or a choice among alternatives that may be left out.
type Piece struct {
	Text     string   // plain text, when Choices is empty
	Choices  []string // the alternatives, "" shown as "nothing"
	Optional bool
}

// Pieces splits a pattern into pieces to show; a phrase that is not
// a valid pattern is one plain piece.
func Pieces(phrase string) []Piece {
	parts, err := topGroups(phrase)
	if err != nil {
		return []Piece{{Text: phrase}}
	}
	var out []Piece
	for _, p := range parts {
		switch {
		case len(p) == 1:
			out = append(out, Piece{Text: p[0]})
		case p[0] == "":
			out = append(out, Piece{Choices: p[1:], Optional: true})
		default:
			out = append(out, Piece{Choices: p})
		}
	}
	return out
}
