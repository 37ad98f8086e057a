package match

import (
	"unicode/utf8"
)

// wordLoop is the state of findTerms' one pass over the words of a text.
//
// Its common case runs in fast, a loop that calls nothing: Go keeps no
// value in a register across a call, so a loop that called the word
// scanner for every word would store and reload all of its state around
// each call (docs/performance.md). fast stops where a word needs more
// than the common case (a character outside ASCII, a word over 16 bytes,
// a word not yet in the word table, an exact-mode word, full buffers, a
// batch to match); findTerms takes that one word the general way and
// hands it back to fast, which records it as it records its own.
type wordLoop struct {
	text  string
	i     int // where the next word is looked for
	table *wordTable
	words []keyedWord
	// starts are indexes into words of the words that may begin a
	// phrase.
	starts []int32
	marks  markLists // see scanWord
	// prev is what the previous word carries, as wordInfo.meta: what may
	// follow it, whether it begins a phrase, whether it is one. When it
	// begins one it was kept, as the last of words.
	prev uint64
	run  int32
	// flush: the words gathered are due to be matched (see findTerms).
	flush bool
	// next is a word findTerms took the general way, with what it
	// carries (as wordInfo.meta), for fast to record: one way of
	// recording a word, in the loop that records most of them.
	next     keyedWord
	nextMeta uint64
	hasNext  bool
}

// fast records the word findTerms found the general way, if it left one
// in next, then goes through words while each is the common case: an
// ASCII word of at most 16 bytes, already in the word table, after ASCII
// separators. It leaves l.i at the first word it does not take, or at
// the separator where it stopped. It keeps few values of its own, so
// that they all stay in registers; the marks, which few separators are,
// it writes in place.
func (l *wordLoop) fast() {
	text, i, table := l.text, l.i, l.table
	words, starts := l.words, l.starts
	prev, run, pending := l.prev, l.run, l.hasNext
	marks := &l.marks
words:
	for len(words) < cap(words) && len(starts) < cap(starts) {
		var start, end, key0, key1, key2 int32
		var nKeys uint8
		var meta uint64
		if pending {
			pending = false
			start, end, nKeys, meta = l.next.start, l.next.end, l.next.n, l.nextMeta
			key0, key1, key2 = l.next.keys[0], l.next.keys[1], l.next.keys[2]
		} else {
			for ; i < len(text); i++ {
				k := fastClass[text[i]]
				if k == 0 {
					continue // a space or other plain separator
				}
				if k&classWord != 0 {
					break
				}
				if k&classOther != 0 {
					break words
				}
				// A mark. Noted within capacity, by reslicing: append
				// would bring a call into the loop.
				if len(marks.stops) == cap(marks.stops) || len(marks.quotes) == cap(marks.quotes) {
					break words
				}
				if k&markStop != 0 {
					marks.stops = marks.stops[:len(marks.stops)+1]
					marks.stops[len(marks.stops)-1] = int32(i)
				}
				if k&markQuote != 0 {
					marks.quotes = marks.quotes[:len(marks.quotes)+1]
					marks.quotes[len(marks.quotes)-1] = int32(i)
				}
			}
			if i+17 > len(text) {
				break // the last words, and the end, the general way
			}
			// Up to 16 ASCII letters and digits, ended by a space or
			// ASCII punctuation other than an apostrophe: asciiWordAt,
			// written out, since a call would cost the loop its
			// registers.
			x, y := load8(text, i), load8(text, i+8)
			n1, n2 := wordPrefix(x), wordPrefix(y)
			n2 &= -(n1 >> 3) // n2 counts only if the first eight bytes were all word bytes
			if n1+n2 >= 16 {
				break
			}
			if c := text[i+n1+n2]; c >= utf8.RuneSelf || c == '\'' {
				break
			}
			info, ok := table.get(packBytes(x, y, n1, n2))
			if !ok || info.exact() {
				break
			}
			start, end, nKeys, meta = int32(i), int32(i+n1+n2), info.n(), info.meta
			key0, key1 = info.key(0), info.key(1)
		}
		// Whether a word is kept, or begins a phrase, depends on the word
		// and so defeats branch prediction: both are written always and
		// kept by how far the length moves, computed without a jump.
		before, word := wordInfo{meta: prev}, wordInfo{meta: meta}
		linked := 0
		if before.follow()&word.keyBits() != 0 {
			linked = 1
		}
		run += int32(1 - linked)
		n := len(words)
		words = words[:n+1]
		words[n] = keyedWord{start: start, end: end, run: run, keys: [3]int32{key0, key1, key2}, n: nKeys}
		// The word before is a start if it is a phrase by itself or this
		// word may go on from it; it was kept, just before this one.
		starts = starts[:len(starts)+1]
		starts[len(starts)-1] = int32(n - 1)
		starts = starts[:len(starts)-1+before.starts()&(before.solo()|linked)]
		keep := word.starts() | linked
		words = words[:n+keep]
		prev = meta
		i = int(end)
		if len(words) >= flushWords && keep == 0 {
			l.flush = true
			break
		}
	}
	l.i = i
	l.words, l.starts = words, starts
	l.prev, l.run, l.hasNext = prev, run, pending
}

const (
	classWord  = 1 << 6 // an ASCII letter or digit
	classOther = 1 << 7 // a byte of a character outside ASCII
)

// fastClass tells fast, in one load, what a byte between words is: a
// plain separator (0), the first byte of a word, a byte outside ASCII,
// or a mark (markKinds' bits).
var fastClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classOther
		case wordByte[c]:
			t[c] = classWord
		default:
			t[c] = markKinds[c]
		}
	}
	return t
}()
