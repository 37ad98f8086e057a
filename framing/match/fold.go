package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
)

// Fold appends the case-folded form of a word to dst: lower case,
// typographic apostrophes made straight, Russian ё as е. Two spellings
// that fold alike are the same word to the matcher.
func Fold(dst []byte, word string) []byte {
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		i += size
		switch {
		case IsApostrophe(r):
			r = '\''
		case r == 'ё' || r == 'Ё':
			r = 'е'
		default:
			r = unicode.ToLower(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// Stem stems a folded word with the Snowball stemmer of its script:
// Cyrillic words with the Russian one, Latin words with the English one.
// Words in other scripts are matched as they are folded. Choosing by
// script keeps a term and the text it is looked for in on the same rules.
func Stem(folded string) string {
	for _, r := range folded {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return russian.Stem(folded, true)
		case r < utf8.RuneSelf || unicode.Is(unicode.Latin, r):
			if r >= '0' && r <= '9' {
				continue // "44" says nothing about the script
			}
			return english.Stem(folded, true)
		default:
			return folded
		}
	}
	return folded
}

// phraseWords splits a lexicon phrase into words the way texts are split.
// Each hyphenated compound also yields its closed form, so the lexicon's
// "counter-terrorism" finds "counterterrorism" too.
func phraseWords(phrase string) [][]string {
	phrase = strings.TrimSpace(phrase)
	var words []string
	var joined []bool // joined[i]: word i follows word i-1 across a hyphen
	prevEnd := -1
	for _, t := range Tokenize(phrase, nil) {
		words = append(words, phrase[t.Start:t.End])
		joined = append(joined, prevEnd >= 0 && isHyphenRun(phrase[prevEnd:t.Start]))
		prevEnd = t.End
	}
	if len(words) == 0 {
		return nil
	}
	out := [][]string{words}
	closed := []string{words[0]}
	anyJoined := false
	for i := 1; i < len(words); i++ {
		if joined[i] {
			closed[len(closed)-1] += words[i]
			anyJoined = true
		} else {
			closed = append(closed, words[i])
		}
	}
	if anyJoined {
		out = append(out, closed)
	}
	return out
}

func isHyphenRun(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !IsHyphen(r) {
			return false
		}
	}
	return true
}

// IsHyphen reports hyphen and dash characters, which all join compounds in
// some outlet's typography ("Nagorno–Karabakh" with an en dash).
func IsHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}
