package match

import "unicode/utf8"

// The boundaries a match respects, kept apart from the word loop: they are
// asked only where a phrase begins, goes on or ends, which few words do.

// phraseBreaks reports whether a phrase must not go on across
// text[from:to], the separator between two of its words: it holds a line
// break or the end of a sentence ("He met the separatists. Officials said
// nothing." has no "separatist officials").
func phraseBreaks(text string, from, to int) bool {
	if to-from == 1 && text[from] == ' ' {
		return false // the common case, decided inline
	}
	return phraseBreaksSlow(text, from, to)
}

func phraseBreaksSlow(text string, from, to int) bool {
	for i := from; i < to; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch r {
		case '\n', '\u2029':
			return true
		case '.', '!', '?', '…':
			end := i + size
			for end < len(text) {
				c, cs := utf8.DecodeRuneInString(text[end:])
				if !isCloser(c) {
					break
				}
				end += cs
			}
			if endsSentence(text, 0, i, end, r) {
				return true
			}
		}
		i += size
	}
	return false
}

// mayJoin holds the bytes that may begin a joining hyphen: '-' and the
// lead bytes outside ASCII, so that the common case is one table load.
var mayJoin = func() (t [256]bool) {
	t['-'] = true
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = true
	}
	return t
}()

// joinedBefore reports whether the word starting at start is joined by a
// hyphen to a word before it: it is then part of a compound, and no match
// begins there ("terrorist" in "anti-terrorist").
func joinedBefore(text string, start int) bool {
	if start == 0 || !mayJoin[text[start-1]] {
		return false // the common case, decided inline
	}
	return joinedBeforeSlow(text, start)
}

func joinedBeforeSlow(text string, start int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:start])
	if !joiningHyphen(r) || start-size == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:start-size])
	return isWordRune(prev)
}

// joinedAfter reports whether the word ending at end is joined by a hyphen
// to a word after it: no match ends there ("Hamas" in "Hamas-run").
func joinedAfter(text string, end int) bool {
	if end >= len(text) || !mayJoin[text[end]] {
		return false // the common case, decided inline
	}
	return joinedAfterSlow(text, end)
}

func joinedAfterSlow(text string, end int) bool {
	r, size := utf8.DecodeRuneInString(text[end:])
	if !joiningHyphen(r) || end+size >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[end+size:])
	return isWordRune(next)
}

// joiningHyphen reports the marks that join the words of a compound when
// written without spaces: hyphens and the en dash ("Russia–Ukraine"). The
// em dash is left out: unspaced, it sets off a clause in American style
// ("Stepanakert—the region's main city").
func joiningHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2013':
		return true
	}
	return false
}
