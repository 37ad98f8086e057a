package match_test

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"

	"framelens/framing/match"
)

// The reference: the engine's rules written for clarity, rune by rune,
// with nothing of package match but its exported types and its word
// lists (abbreviations, verbs of saying). It is slow and obvious on
// purpose; reference_fuzz_test.go holds the engine to it.

// char is one character of a text: a rune and the bytes it takes. An
// invalid byte is a character of its own, utf8.RuneError.
type char struct {
	r          rune
	start, end int
}

func chars(text string) []char {
	var out []char
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		out = append(out, char{r, i, i + size})
		i += size
	}
	return out
}

// at is the character at index k, or a space outside the text.
func at(cs []char, k int) rune {
	if k < 0 || k >= len(cs) {
		return ' '
	}
	return cs[k].r
}

// isWordChar: letters, digits and combining marks make words.
func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostropheChar(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// refTokens: a word is a run of word characters; an apostrophe between
// two word characters belongs to the word.
func refTokens(text string) []match.Token {
	cs := chars(text)
	var out []match.Token
	for k := 0; k < len(cs); {
		if !isWordChar(cs[k].r) {
			k++
			continue
		}
		first := k
		for k < len(cs) && (isWordChar(cs[k].r) || isApostropheChar(cs[k].r) && k+1 < len(cs) && isWordChar(cs[k+1].r)) {
			k++
		}
		out = append(out, match.Token{Start: cs[first].start, End: cs[k-1].end})
	}
	return out
}

// refFold lowers a word, straightens its apostrophes and reads ё as е.
func refFold(word string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case isApostropheChar(r):
			return '\''
		case r == 'ё' || r == 'Ё':
			return 'е'
		}
		return unicode.ToLower(r)
	}, word)
}

// refStem stems a folded word by the first character that tells its
// script: Cyrillic with the Russian stemmer; ASCII (but for digits) or
// Latin with the English one; any other script leaves it as it is.
func refStem(folded string) string {
	for _, r := range folded {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return russian.Stem(folded, true)
		case r >= '0' && r <= '9':
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			return english.Stem(folded, true)
		default:
			return folded
		}
	}
	return folded
}

func isDash(r rune) bool { return strings.ContainsRune("-\u2010\u2011\u2012\u2013\u2014\u2212", r) }

// refPhraseForms: the words of a phrase, and, when some of them are
// joined by hyphens, the same words with those closed up.
func refPhraseForms(phrase string) [][]string {
	toks := refTokens(phrase)
	if len(toks) == 0 {
		return nil
	}
	spaced := []string{phrase[toks[0].Start:toks[0].End]}
	closed := []string{spaced[0]}
	for k := 1; k < len(toks); k++ {
		w := phrase[toks[k].Start:toks[k].End]
		spaced = append(spaced, w)
		if isAllDashes(phrase[toks[k-1].End:toks[k].Start]) {
			closed[len(closed)-1] += w
		} else {
			closed = append(closed, w)
		}
	}
	if len(closed) == len(spaced) {
		return [][]string{spaced}
	}
	return [][]string{spaced, closed}
}

func isAllDashes(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range chars(s) {
		if !isDash(c.r) {
			return false
		}
	}
	return true
}
