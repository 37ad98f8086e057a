package match

import "math/bits"

// countWords counts the words of text[start:end] as nextWord finds them
// in that string alone, stopping at limit+1. ASCII is counted eight bytes
// at a time: a word starts at a letter or digit that follows neither one
// nor an apostrophe inside a word.
func countWords(text string, start, end, limit int) int {
	n := 0
	var prevWord, prevApos uint64 // the lanes of the eight bytes before
	for i := start; i < end; i += 8 {
		var x uint64
		if i+8 <= len(text) {
			x = load8(text, i)
		} else {
			x = low8(text, i, end-i)
		}
		if end-i < 8 {
			x &= lowBytes[(end-i)&15] // zero bytes are no word
		}
		if x&lanes8 != 0 {
			return countWordsSlow(text[start:end], limit)
		}
		word, apos := wordLanes(x), byteLanes(x, '\'')
		before := word<<8 | prevWord>>56
		inside := (apos<<8 | prevApos>>56) & (word<<16 | prevWord>>48)
		n += bits.OnesCount64(word &^ before &^ inside)
		if n > limit {
			return limit + 1
		}
		prevWord, prevApos = word, apos
	}
	return n
}

// countWordsSlow is countWords for text with other characters than ASCII.
func countWordsSlow(s string, limit int) int {
	n := 0
	for i := 0; n <= limit; n++ {
		start, end, _ := nextWord(s, i)
		if start < 0 {
			break
		}
		i = end
	}
	return n
}

// byteLanes sets the top bit of each byte of x equal to c, exactly: no
// borrow runs from one byte into the next.
func byteLanes(x uint64, c byte) uint64 {
	t := x ^ uint64(c)*lanes1
	return ^((t&lanes7 + lanes7) | t) & lanes8
}
