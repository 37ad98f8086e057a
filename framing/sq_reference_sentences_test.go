package framing

// The sentence splitter as it stood before it was tuned for speed, kept
// verbatim under other names: FuzzSentencesQuotesSame checks the tuned
// code against it, since its output must not change at all.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// refSentencesOf is the old Sentences.
func refSentencesOf(text string) []Span { return refSentences(text, nil) }

// refSentences is Sentences, visiting only the positions in marks when it is
// not nil (scanWord's stops).
func refSentences(text string, marks []int32) []Span {
	// Nearly every stop and line break ends a sentence: counting them (a
	// vectorised pass, or the marks) sizes the result once.
	stops := len(marks)
	if marks == nil {
		stops = strings.Count(text, ".") + strings.Count(text, "\n")
	}
	out := make([]Span, 0, stops+1)
	prev := 0 // where the current sentence's text begins, spaces included
	emit := func(end int) {
		start := prev
		for start < end && refIsSpaceByte(text[start]) {
			start++
		}
		e := end
		for e > start && refIsSpaceByte(text[e-1]) {
			e--
		}
		if e > start {
			out = append(out, Span{start, e})
		}
		prev = end
	}
	// Only these bytes can begin a sentence stop or a line break: . ! ?
	// newline, and the lead byte of … and U+2029.
	find := refNewByteFinder(text, marks, '.', '!', '?', '\n', 0xE2)
	for i := find.from(0); i < len(text); i = find.from(i) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '\n', '\u2029':
			emit(i)
			prev = i + size
		case '.', '!', '?', '…':
			end := i + size
			// Keep closing quotes and brackets with the sentence.
			for end < len(text) {
				q, qs := utf8.DecodeRuneInString(text[end:])
				if !refIsCloser(q) && q != '.' && q != '!' && q != '?' {
					break
				}
				end += qs
			}
			if refEndsSentence(text, prev, i, end, r) {
				emit(end)
				i = end
				continue
			}
		}
		i += size
	}
	emit(len(text))
	return out
}

func refIsSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func refIsCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '“':
		return true
	}
	return false
}

// refEndsSentence decides whether the stop at byte stop (kind r), whose
// closing punctuation runs to end, ends the sentence that began at start.
func refEndsSentence(text string, start, stop, end int, r rune) bool {
	// Must be followed by space, then something that can start a sentence.
	j := end
	if j < len(text) {
		c, _ := runeAt(text, j)
		if !unicode.IsSpace(c) {
			return false
		}
	}
	for j < len(text) {
		c, size := runeAt(text, j)
		if !unicode.IsSpace(c) || c == '\n' {
			break
		}
		j += size
	}
	if j < len(text) {
		next, _ := runeAt(text, j)
		if next != '\n' && !unicode.IsUpper(next) && !unicode.IsDigit(next) && !refIsOpener(next) {
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
	if len(word) <= maxAbbreviation && refIsAbbreviation(text, w, stop) {
		return false
	}
	if len(word) <= utf8.UTFMax && utf8.RuneCountInString(word) == 1 {
		// "U.S." and "J. Smith": a single letter before the stop.
		c, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsLetter(c)
	}
	return true
}

// refAbbreviationTable holds the ASCII abbreviations packed, so the common
// case, an ASCII word before a full stop, is ruled in or out without
// folding into a string and hashing it.
var refAbbreviationTable = func() *wordTable {
	t := newWordTable(len(abbreviations))
	for a := range abbreviations {
		if k, ok := packFolded(a); ok {
			t.put(k, wordInfo{})
		}
	}
	return t
}()

// refIsAbbreviation reports whether text[start:end] is one. It takes the
// whole text so that packing reads eight bytes at once (see isSpeechVerb).
func refIsAbbreviation(text string, start, end int) bool {
	word := text[start:end]
	if word == "" {
		return false
	}
	if k, ok := packASCIIWord(text, start, end); ok {
		_, found := refAbbreviationTable.get(k)
		return found
	}
	var buf [32]byte
	return abbreviations[string(foldWord(buf[:0], word))]
}

func refIsOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '„', '‚', '(', '[':
		return true
	}
	return false
}
