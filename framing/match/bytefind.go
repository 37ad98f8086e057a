package match

import "strings"

// findBytes returns, in order, the positions in text of any of up to six
// bytes: the marks Sentences and Quotes walk when the text was not read
// for its words (Analyze's word loop notes them as it goes). Each byte is
// searched with strings.IndexByte, which is vectorised, so finding rare
// punctuation costs a fraction of a byte-by-byte loop.
func findBytes(text string, set ...byte) []int32 {
	var next [6]int // next position of set[k], or len(text)
	for k := range set {
		next[k] = -1 // not searched yet
	}
	var out []int32
	for pos := 0; ; pos++ {
		best := len(text)
		for k, c := range set {
			if next[k] < pos && next[k] != len(text) {
				if j := strings.IndexByte(text[pos:], c); j >= 0 {
					next[k] = pos + j
				} else {
					next[k] = len(text)
				}
			}
			best = min(best, next[k])
		}
		if best == len(text) {
			return out
		}
		out = append(out, int32(best))
		pos = best
	}
}

// nextMark is the walk sentences and quotes make over the positions that
// can matter to them: the first of marks at or after i (k, the index of
// the last one returned, moves on to it). ok is false when there is none.
// It is small enough to inline, which keeps each walk in registers.
func nextMark(marks []int32, k, i int) (next, pos int, ok bool) {
	for k < len(marks) && int(marks[k]) < i {
		k++
	}
	if k == len(marks) {
		return k, 0, false
	}
	return k, int(marks[k]), true
}
