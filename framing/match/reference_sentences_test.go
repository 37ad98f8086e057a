package match_test

import (
	"strings"
	"unicode"

	"framelens/framing/match"
)

// The reference's sentences (see reference_test.go).

func isSentenceCloser(r rune) bool { return strings.ContainsRune("\"')]”’»›“", r) }
func isOpenerChar(r rune) bool     { return strings.ContainsRune("\"'“‘«‹„‚([", r) }
func isStop(r rune) bool           { return r == '.' || r == '!' || r == '?' || r == '…' }

// refSentences: a line break (or paragraph separator) always ends a
// sentence; a stop ends one when what follows it passes refEndsSentence.
// Closing quotes, brackets and further stops stay with the sentence.
// Spaces around a sentence are not part of it.
func refSentences(text string) []match.Span {
	cs := chars(text)
	out := []match.Span{}
	prev := 0
	add := func(start, end int) {
		s := strings.TrimLeft(text[start:end], " \t\n\r")
		start += len(text[start:end]) - len(s)
		s = strings.TrimRight(s, " \t\n\r")
		if s != "" {
			out = append(out, match.Span{Start: start, End: start + len(s)})
		}
	}
	for k := 0; k < len(cs); {
		c := cs[k]
		switch {
		case c.r == '\n' || c.r == '\u2029':
			add(prev, c.start)
			prev = c.end
		case isStop(c.r):
			e := k + 1
			for e < len(cs) && (isSentenceCloser(cs[e].r) || cs[e].r == '.' || cs[e].r == '!' || cs[e].r == '?') {
				e++
			}
			if refEndsSentence(text, cs, k, e) {
				end := len(text)
				if e < len(cs) {
					end = cs[e].start
				}
				add(prev, end)
				prev = end
				k = e
				continue
			}
		}
		k++
	}
	add(prev, len(text))
	return out
}

// refEndsSentence: the stop cs[stop], with closing marks up to cs[after],
// ends a sentence when a space follows, then (past spaces, but not past
// a line break) the end of the text, a line break, a capital, a digit or
// an opening mark; and, for a lone full stop, when the word before it is
// neither an abbreviation nor a single letter ("U.S.", "J. Smith").
func refEndsSentence(text string, cs []char, stop, after int) bool {
	k := after
	if k < len(cs) && !unicode.IsSpace(cs[k].r) {
		return false
	}
	for k < len(cs) && cs[k].r != '\n' && unicode.IsSpace(cs[k].r) {
		k++
	}
	if k < len(cs) {
		if r := cs[k].r; r != '\n' && !unicode.IsUpper(r) && !unicode.IsDigit(r) && !isOpenerChar(r) {
			return false
		}
	}
	if cs[stop].r != '.' || after != stop+1 {
		return true
	}
	w := stop
	for w > 0 && (isWordChar(cs[w-1].r) || cs[w-1].r == '\'') {
		w--
	}
	word := ""
	if w < stop {
		word = text[cs[w].start:cs[stop].start]
	}
	if match.Abbreviations[refFold(word)] {
		return false
	}
	if stop-w == 1 {
		return !unicode.IsLetter(cs[w].r)
	}
	return true
}

// phraseBroken: a phrase does not go on across a line break or a stop
// that ends a sentence (closing quotes and brackets after it, but not
// further stops, count with it).
func phraseBroken(text string, cs []char, from, to int) bool {
	for k := range cs {
		if cs[k].start < from || cs[k].start >= to {
			continue
		}
		if cs[k].r == '\n' || cs[k].r == '\u2029' {
			return true
		}
		if isStop(cs[k].r) {
			e := k + 1
			for e < len(cs) && isSentenceCloser(cs[e].r) {
				e++
			}
			if refEndsSentence(text, cs, k, e) {
				return true
			}
		}
	}
	return false
}
