package match

import (
	"math/bits"
)

// The word cache answers, for every word of a text, which keys it carries.
// Almost every English word is ASCII and at most 16 bytes long, so such a
// word is packed into two machine words, already folded, and looked up in
// an open-addressing table of its own: no string hashing, no pointer
// chasing, one or two cache lines per word. That lookup is the hottest
// step of analysis after finding the words themselves.

// packedWord is a folded ASCII word of 1–16 bytes, little-endian, padded
// with zero bytes. A word never contains a zero byte, so lo == 0 only for
// an empty slot.
type packedWord struct{ lo, hi uint64 }

// wordInfo is what the matcher needs to know about a folded word, packed
// into two machine words: the compiler keeps a struct of more fields, or
// one holding an array, in memory, and the word loop would store and
// reload it for every word instead of keeping it in registers.
type wordInfo struct {
	// keys holds the word's stem-mode and word-mode key ids, in that
	// order, the ones it has, 32 bits each from the low end; a word with
	// one key has it in both halves.
	keys uint64
	// meta holds, from the low end: follow, the key bits of the keys that
	// may follow the word's keys in a phrase (see Matcher.follow); the
	// word's own key bits; how many keys it has; and the flags below.
	meta uint64
}

const (
	metaBits   = 24 // bits of follow, and of the word's own key bits
	metaN      = 2 * metaBits
	metaStarts = 1 << (metaN + 2) // one of the word's keys begins a phrase
	metaSolo   = 1 << (metaN + 3) // one of them is a whole phrase by itself
	// metaExact: the word folds like some exact-mode word, so its surface
	// must be looked up.
	metaExact = 1 << (metaN + 4)
)

func (w wordInfo) key(i int) int32 { return int32(uint32(w.keys >> (32 * i))) }
func (w wordInfo) n() uint8        { return uint8(w.meta >> metaN & 3) }
func (w wordInfo) follow() uint32  { return uint32(w.meta & (1<<metaBits - 1)) }

// keyBits is the key bits of the word's keys: a phrase can go on from
// one word to the next only if follow of the first meets keyBits of the
// second.
func (w wordInfo) keyBits() uint32 { return uint32(w.meta >> metaBits & (1<<metaBits - 1)) }

// starts and solo are the flags as numbers, 1 or 0, so that the word
// loop combines them without a jump.
func (w wordInfo) starts() int { return int(w.meta >> (metaN + 2) & 1) }
func (w wordInfo) solo() int   { return int(w.meta >> (metaN + 3) & 1) }
func (w wordInfo) exact() bool { return w.meta&metaExact != 0 }

// wordTable is immutable once published; growing it makes a new one.
type wordTable struct {
	// Each slot holds a word and what it carries, so that finding a word
	// reads one cache line. len is a power of two, at most a sixteenth
	// used up to 8,192 words, and then filling up to half at maxTableWords
	// within the same 4 MiB: in a fuller table a word is often a slot or
	// two past where it hashes, and since the words of a text come in no
	// order the processor mispredicts where each search ends (the loads
	// measured are in docs/performance.md).
	slots []wordSlot
	shift uint
	n     int
}

type wordSlot struct {
	key  packedWord
	info wordInfo
}

const (
	maxTableWords = 1 << 16 // rarer words use the map
	maxTableSlots = 1 << 17 // 4 MiB
)

func newWordTable(words int) *wordTable {
	size := 16
	for size < 16*words && size < maxTableSlots || size < 2*words {
		size <<= 1
	}
	return &wordTable{slots: make([]wordSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
}

func (t *wordTable) index(k packedWord) uint64 {
	return k.hash() >> (t.shift & 63) // & 63: no test for shifts of 64
}

func (k packedWord) hash() uint64 { return spread(k.lo ^ bits.RotateLeft64(k.hi, 31)) }

// spread multiplies by 2⁶⁴ over the golden ratio (Fibonacci hashing): the
// high bits of the product depend on all the bits of x, so the tables
// (words, trie edges, key bits) index by them.
func spread(x uint64) uint64 { return x * 0x9E3779B97F4A7C15 }

func (t *wordTable) get(k packedWord) (wordInfo, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := t.index(k); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s.info, true
		}
		if s.key.lo == 0 {
			return wordInfo{}, false
		}
	}
}

// put adds a word; the table must have room (see full).
func (t *wordTable) put(k packedWord, info wordInfo) {
	mask := uint64(len(t.slots) - 1)
	for i := t.index(k); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			s.info = info
			return
		}
		if s.key.lo == 0 {
			*s = wordSlot{k, info}
			t.n++
			return
		}
	}
}

// grown returns a copy of t with room for extra more words.
func (t *wordTable) grown(extra int) *wordTable {
	next := newWordTable(t.n + extra)
	for _, s := range t.slots {
		if s.key.lo != 0 {
			next.put(s.key, s.info)
		}
	}
	return next
}

// low8 reads the n (at most 8) bytes of s from i as load8 does, or all
// eight when they are there: the caller masks off bytes beyond the word.
func low8(s string, i, n int) uint64 {
	if i+8 <= len(s) {
		return load8(s, i)
	}
	var v uint64
	for k := min(n, 8) - 1; k >= 0; k-- {
		v = v<<8 | uint64(s[i+k])
	}
	return v
}

// packBytes packs a word from two eight-byte loads: the n1 low bytes of x,
// then the n2 low bytes of y, folded: setting bit 5 of each byte lowers a
// letter and leaves digits and the apostrophe as they are.
func packBytes(x, y uint64, n1, n2 int) packedWord {
	return packedWord{lo: (x | caseBits) & lowBytes[n1&15], hi: (y | caseBits) & lowBytes[n2&15]}
}

// asciiWordAt counts the ASCII letters and digits that begin text[i:],
// up to 16, and packs them, from two eight-byte loads; text[i:i+16] must
// be there. Both halves are classified whatever the word's length, which
// varies from word to word: a jump on it would be mispredicted often.
func asciiWordAt(text string, i int) (n int, key packedWord) {
	x, y := load8(text, i), load8(text, i+8)
	n1, n2 := wordPrefix(x), wordPrefix(y)
	n2 &= -(n1 >> 3) // n2 counts only if the first eight bytes were all word bytes
	return n1 + n2, packBytes(x, y, n1, n2)
}

// asciiWordBefore is asciiWordAt for the letters and digits that end
// text[:i]; i must be at least 16.
func asciiWordBefore(text string, i int) (n int, key packedWord) {
	n = wordPrefix(bits.ReverseBytes64(load8(text, i-8)))
	if n == 8 {
		n += wordPrefix(bits.ReverseBytes64(load8(text, i-16)))
	}
	key, _ = packASCII(text, i-n, i)
	return n, key
}

// packASCII packs text[start:end], a word of ASCII letters, digits and
// straight apostrophes, folding it. ok is false for words longer than 16
// bytes.
func packASCII(text string, start, end int) (k packedWord, ok bool) {
	n := end - start
	if n > 16 {
		return k, false
	}
	n1 := min(n, 8)
	return packBytes(low8(text, start, n1), low8(text, start+8, n-n1), n1, n-n1), true
}

// packFolded packs an already folded ASCII word of at most 16 bytes.
func packFolded(w string) (packedWord, bool) {
	if len(w) == 0 || len(w) > 16 {
		return packedWord{}, false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c != '\'' && !wordByte[c] || c >= 'A' && c <= 'Z' {
			return packedWord{}, false
		}
	}
	return packASCII(w, 0, len(w))
}
