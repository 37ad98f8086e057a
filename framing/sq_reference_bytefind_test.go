package framing

// The byte finder as it was when the reference copies of Sentences and
// Quotes were taken: they use it, and it is theirs.

import "strings"

// refByteFinder finds, in order, the positions of any of a few bytes in a
// text. Each byte is searched with strings.IndexByte, which is vectorised,
// so scanning for rare punctuation costs a fraction of a byte-by-byte loop.
type refByteFinder struct {
	text string
	set  [6]byte
	next [6]int // next position of set[k] at or after the last query
	n    int
	// marks, when not nil, are positions noted while the text was read for
	// its words (see scan.go), in order: the finder walks them instead of
	// searching, keeping those that hold one of its bytes.
	marks []int32
	in    [256 / 64]uint64 // the set as a bit set, for marks
}

// refNewByteFinder returns a finder for the bytes of set in text. marks, if
// not nil, must hold every position of those bytes that matters to the
// caller (scanWord's marks do for Quotes and Sentences).
func refNewByteFinder(text string, marks []int32, set ...byte) refByteFinder {
	f := refByteFinder{text: text, n: len(set), marks: marks}
	copy(f.set[:], set)
	for _, c := range set {
		f.in[c/64] |= 1 << (c % 64)
	}
	for k := range f.n {
		f.next[k] = -1 // not searched yet
	}
	return f
}

// from returns the first position at or after pos holding one of the
// bytes, or len(text).
func (f *refByteFinder) from(pos int) int {
	if f.marks != nil {
		for len(f.marks) > 0 {
			if p := int(f.marks[0]); p >= pos {
				if c := f.text[p]; f.in[c/64]&(1<<(c%64)) != 0 {
					return p
				}
			}
			f.marks = f.marks[1:]
		}
		return len(f.text)
	}
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
