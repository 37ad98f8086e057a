package match

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start, End int
}

// abbreviations end with a full stop that does not end a sentence. Single
// letters ("U." in "U.S.", initials) are handled apart.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true, "lt": true,
	"sgt": true, "capt": true, "cpt": true, "gov": true, "sen": true, "rep": true, "prof": true, "jr": true,
	"sr": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "no": true, "vs": true, "etc": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "approx": true, "est": true, "fig": true,
	"gen'l": true, "adm": true, "maj": true, "pres": true, "amb": true, "min": true, "dept": true,
	"г": true, "гг": true, "т": true, "им": true, "ул": true, "см": true,
}

// maxAbbreviation is the longest abbreviation in bytes: longer words need
// no lookup.
var maxAbbreviation = func() int {
	n := 0
	for a := range abbreviations {
		n = max(n, len(a))
	}
	return n
}()

// Sentences splits text into sentences. A line break always ends one, so
// headlines and subheadings without a full stop stand alone; '.', '!', '?'
// and '…' end one when followed by space and a capital, digit or opening
// quote, unless the full stop belongs to an abbreviation ("Nov. 10",
// "U.S."); closing quotes after the stop stay with the sentence.
func Sentences(text string) []Span { return findSentences(text, nil) }

// findSentences is Sentences, visiting only the positions in marks when it is
// not nil (the stops the word loop notes); otherwise it finds them.
func findSentences(text string, marks []int32) []Span {
	// Nearly every stop and line break ends a sentence: counting them (a
	// vectorised pass, or the marks) sizes the result once.
	stops := len(marks)
	if marks == nil {
		stops = strings.Count(text, ".") + strings.Count(text, "\n")
		// Only these bytes can begin a sentence stop or a line break: .
		// ! ? newline, and the lead byte of … and U+2029.
		marks = findBytes(text, '.', '!', '?', '\n', 0xE2)
	}
	out := make([]Span, 0, stops+1)
	prev := 0 // where the current sentence's text begins, spaces included
	// A mark on any other byte would do no harm: the bytes below decide.
	for k, i := 0, 0; ; {
		var ok bool
		if k, i, ok = nextMark(marks, k, i); !ok {
			break
		}
		r, size := rune(text[i]), 1
		switch r {
		case '.', '!', '?':
		case '\n':
			out = appendSentence(out, text, prev, i)
			prev = i + 1
			i++
			continue
		default:
			r, size = utf8.DecodeRuneInString(text[i:])
			if r == '\u2029' {
				out = appendSentence(out, text, prev, i)
				prev = i + size
			}
			if r != '…' {
				i += size
				continue
			}
		}
		end := i + size
		// Keep closing quotes and brackets, and more stops, with the
		// sentence.
		for end < len(text) {
			q, qs := runeAt(text, end)
			if !isCloser(q) && q != '.' && q != '!' && q != '?' {
				break
			}
			end += qs
		}
		if endsSentence(text, prev, i, end, r) {
			out = appendSentence(out, text, prev, end)
			prev = end
			i = end
			continue
		}
		i += size
	}
	return appendSentence(out, text, prev, len(text))
}

// appendSentence appends text[start:end] without its surrounding spaces,
// if anything is left.
func appendSentence(out []Span, text string, start, end int) []Span {
	for start < end && isSpaceByte(text[start]) {
		start++
	}
	for end > start && isSpaceByte(text[end-1]) {
		end--
	}
	if end > start {
		out = append(out, Span{start, end})
	}
	return out
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '“':
		return true
	}
	return false
}

// asciiSpace is unicode.IsSpace for an ASCII byte.
func asciiSpace(c byte) bool {
	return c == ' ' || c-'\t' <= '\r'-'\t'
}

// endsSentence decides whether the stop at byte stop (kind r), whose
// closing punctuation runs to end, ends the sentence that began at start.
// ASCII is decided byte by byte; other characters as runes.
func endsSentence(text string, start, stop, end int, r rune) bool {
	// Must be followed by space, then something that can start a sentence.
	j := end
	if j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				return false
			}
		} else if c, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(c) {
			return false
		}
	}
	for j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if c == '\n' || !asciiSpace(c) {
				break
			}
			j++
			continue
		}
		c, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsSpace(c) {
			break
		}
		j += size
	}
	if j < len(text) {
		if c := text[j]; c < utf8.RuneSelf {
			if c != '\n' && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && !isOpener(rune(c)) {
				return false
			}
		} else if next, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpener(next) {
			return false
		}
	}
	if r != '.' || end != stop+1 {
		return true
	}
	// The word before the full stop: an abbreviation or an initial keeps
	// the sentence going.
	w := stop
	for w > start {
		if c := text[w-1]; c < utf8.RuneSelf {
			if !wordByte[c] && c != '\'' {
				break
			}
			w--
			continue
		}
		c, size := utf8.DecodeLastRuneInString(text[:w])
		if !isWordRune(c) {
			break
		}
		w -= size
	}
	word := text[w:stop]
	if len(word) <= maxAbbreviation && inSet(text, w, stop, abbreviationSet, abbreviations) {
		return false
	}
	if len(word) <= utf8.UTFMax && utf8.RuneCountInString(word) == 1 {
		// "U.S." and "J. Smith": a single letter before the stop.
		c, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsLetter(c)
	}
	return true
}

// abbreviationSet holds the ASCII abbreviations packed (see inSet).
var abbreviationSet = packedSet(abbreviations)

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '„', '‚', '(', '[':
		return true
	}
	return false
}
