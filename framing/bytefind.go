package framing

import "strings"

// byteFinder finds, in order, the positions of any of a few bytes in a
// text. Each byte is searched with strings.IndexByte, which is vectorised,
// so scanning for rare punctuation costs a fraction of a byte-by-byte loop.
type byteFinder struct {
	text string
	set  [6]byte
	next [6]int // next position of set[k] at or after the last query
	n    int
}

func newByteFinder(text string, set ...byte) byteFinder {
	f := byteFinder{text: text, n: len(set)}
	copy(f.set[:], set)
	for k := range f.n {
		f.next[k] = -1 // not searched yet
	}
	return f
}

// from returns the first position at or after pos holding one of the
// bytes, or len(text).
func (f *byteFinder) from(pos int) int {
	best := len(f.text)
	for k := range f.n {
		if f.next[k] < pos && f.next[k] != len(f.text) {
			if j := strings.IndexByte(f.text[pos:], f.set[k]); j >= 0 {
				f.next[k] = pos + j
			} else {
				f.next[k] = len(f.text)
			}
		}
		best = min(best, f.next[k])
	}
	return best
}
