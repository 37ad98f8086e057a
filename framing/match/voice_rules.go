package match

import (
	"strings"
	"unicode/utf8"
)

// soCalledBefore reports whether the quotation at pos follows "so-called"
// (or "so called", Russian "так называемый" in any form): the outlet
// distances itself from the words, whatever verb "called" resembles. It
// runs for every quote, so the common case, a word that does not end in
// "d" or a Cyrillic letter, is ruled out on one byte.
func soCalledBefore(text string, pos int) bool {
	i := pos
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i == 0 {
		return false
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		if c != 'd' && c != 'D' || i < len("so called") {
			return false
		}
		before := text[i-len("so called") : i]
		if strings.EqualFold(before, "so-called") || strings.EqualFold(before, "so called") {
			return true
		}
		// Typographic hyphens take three bytes.
		return i >= len("so\u2010called") && (strings.EqualFold(text[i-len("so\u2010called"):i], "so\u2010called") ||
			strings.EqualFold(text[i-len("so\u2011called"):i], "so\u2011called"))
	}
	// The word before, and the one before it: "так называемые".
	w := wordStartBefore(text, i)
	if !strings.HasPrefix(strings.ToLower(text[w:i]), "называем") {
		return false
	}
	end := w
	for end > 0 && (text[end-1] == ' ' || text[end-1] == '\t') {
		end--
	}
	return strings.EqualFold(text[wordStartBefore(text, end):end], "так")
}

// wordStartBefore is where the word that ends at i begins (i when none
// does).
func wordStartBefore(text string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !isWordRune(r) {
			break
		}
		i -= size
	}
	return i
}

// innerSpeechVerbs are verbs of saying that, inside a quotation, show it
// is someone's speech rather than words held at a distance ("I said no").
// Forms that are also common nouns ("states", "notes", "calls") are left
// out.
var innerSpeechVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`said say says told tell tells stated added stressed claimed insisted warned
		declared announced wrote asked replied сказал сказала заявил заявила отметил отметила подчеркнул подчеркнула`) {
		innerSpeechVerbs[w] = true
	}
}

// speechVerbWithin reports whether a verb of saying sits inside a
// quotation's words: the verb and the quotation are then the speaker's.
func speechVerbWithin(text string, inner Span) bool {
	var buf [32]byte
	for i := inner.Start; i < inner.End; {
		c := text[i]
		if c < utf8.RuneSelf && !wordByte[c] {
			i++
			continue
		}
		j := i
		for j < inner.End {
			if c := text[j]; c < utf8.RuneSelf {
				if !wordByte[c] && c != '\'' {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				if j == i {
					j += size // a mark that is not a word: step over it
				}
				break
			}
			j += size
		}
		if j-i <= len(buf) && innerSpeechVerbs[string(Fold(buf[:0], text[i:j]))] {
			return true
		}
		i = j
	}
	return false
}
