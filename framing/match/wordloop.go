package match

import (
	"slices"
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
// batch to match); findTerms takes that one word the general way (add)
// before going on with fast.
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
}

// fast goes through words while each is the common case: an ASCII word
// of at most 16 bytes, already in the word table, after ASCII
// separators. It leaves l.i at the first word it does not take, or at
// the separator where it stopped. It keeps few values of its own, so
// that they all stay in registers; the marks, which few separators are,
// it writes in place. It records each word as add does, on its own
// copies of the loop's state and within the slices' capacity.
func (l *wordLoop) fast() {
	text, i, table := l.text, l.i, l.table
	words, starts := l.words, l.starts
	prev, run := l.prev, l.run
	marks := &l.marks
words:
	for len(words) < cap(words) && len(starts) < cap(starts) {
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
			// A mark. Noted within capacity, by reslicing: append would
			// bring a call into the loop.
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
		// Up to 16 ASCII letters and digits, ended by a space or ASCII
		// punctuation other than an apostrophe: asciiWordAt, written
		// out, since a call would cost the loop its registers.
		x, y := load8(text, i), load8(text, i+8)
		n1, n2 := wordPrefix(x), wordPrefix(y)
		n2 &= -(n1 >> 3) // n2 counts only if the first eight bytes were all word bytes
		k := n1 + n2
		if k >= 16 {
			break
		}
		if c := text[i+k]; c >= utf8.RuneSelf || c == '\'' {
			break
		}
		info, ok := table.get(packBytes(x, y, n1, n2))
		if !ok || info.exact() {
			break
		}
		linked, prevStarts, keep := link(prev, info.meta)
		run += int32(1 - linked)
		n := len(words)
		words = words[:n+1]
		w := &words[n]
		w.start, w.end, w.run = int32(i), int32(i+k), run
		w.keys[0], w.keys[1], w.n = info.key(0), info.key(1), info.n()
		starts = starts[:len(starts)+1]
		starts[len(starts)-1] = int32(n - 1)
		starts = starts[:len(starts)-1+prevStarts]
		words = words[:n+keep]
		prev = info.meta
		i += k
		if len(words) >= flushWords && keep == 0 {
			l.flush = true
			break
		}
	}
	l.i = i
	l.words, l.starts = words, starts
	l.prev, l.run = prev, run
}

// link is how a word that carries meta (as wordInfo.meta) follows the
// word before, which carries prev: linked is 1 when a phrase may go on
// from that word to this one; prevStarts is 1 when that word is a start,
// a phrase by itself or one this word may go on; keep is 1 when this
// word is kept, because it may begin a phrase or go on one. Whether a
// word is kept, or begins a phrase, depends on the word and so defeats
// branch prediction: the word loop writes both always and keeps them by
// how far the length moves, by these numbers, without a jump.
func link(prev, meta uint64) (linked, prevStarts, keep int) {
	before, word := wordInfo{meta: prev}, wordInfo{meta: meta}
	if before.follow()&word.keyBits() != 0 {
		linked = 1
	}
	return linked, before.starts() & (before.solo() | linked), word.starts() | linked
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

// add records a word the general way: what fast does for each of its
// words, on the loop's fields, growing the slices as needed; meta is as
// wordInfo.meta, with the word's exact key in it if it has one.
func (l *wordLoop) add(start, end int, keys [3]int32, n uint8, meta uint64) {
	l.words = slices.Grow(l.words, 1)
	l.starts = slices.Grow(l.starts, 1)
	linked, prevStarts, keep := link(l.prev, meta)
	l.run += int32(1 - linked)
	l.words = append(l.words, keyedWord{start: int32(start), end: int32(end), run: l.run, keys: keys, n: n})
	l.starts = append(l.starts, int32(len(l.words)-2))
	l.starts = l.starts[:len(l.starts)-1+prevStarts]
	l.words = l.words[:len(l.words)-1+keep]
	l.prev = meta
	if len(l.words) >= flushWords && keep == 0 {
		l.flush = true
	}
}
