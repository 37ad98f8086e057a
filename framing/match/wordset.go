package match

import "unicode/utf8"

// wordSet is a small fixed set of packed words (speech verbs,
// abbreviations) for asking, often, whether a word is one of them. The
// word table would do, but its slots carry what the matcher needs and so
// spread a hundred words over tens of kilobytes, which other work keeps
// pushing out of the first-level cache; here a word is ruled out by one
// byte of a 2 KiB index, mostly empty, and confirmed by one compare.
type wordSet struct {
	index [wordSetSlots]uint8 // 1 + the word's place in words; 0 ends a probe
	words []packedWord
}

const wordSetSlots = 2048 // a power of two; at most 255 words keep probes short

func newWordSet(words []packedWord) *wordSet {
	if len(words) > 255 {
		panic("wordSet holds at most 255 words")
	}
	s := &wordSet{}
	for _, w := range words {
		if s.has(w) {
			continue
		}
		s.words = append(s.words, w)
		i := wordSetHash(w)
		for s.index[i] != 0 {
			i = (i + 1) % wordSetSlots
		}
		s.index[i] = uint8(len(s.words))
	}
	return s
}

func wordSetHash(k packedWord) uint64 { return k.hash() >> (64 - 11) }

func (s *wordSet) has(k packedWord) bool {
	for i := wordSetHash(k); ; i = (i + 1) % wordSetSlots {
		n := s.index[i]
		if n == 0 {
			return false
		}
		if s.words[n-1] == k {
			return true
		}
	}
}

// packedSet packs the words of a set that are ASCII and at most 16 bytes.
func packedSet(words map[string]bool) *wordSet {
	var packed []packedWord
	for w := range words {
		if k, ok := packFolded(w); ok {
			packed = append(packed, k)
		}
	}
	return newWordSet(packed)
}

// inSet reports whether the word text[start:end], folded, is in words:
// packed and looked up in set when it is ASCII letters, digits and
// apostrophes of at most 16 bytes (no fold changes a word's length then),
// folded into a string otherwise. It takes the whole text so that
// packing reads eight bytes at once.
func inSet(text string, start, end int, set *wordSet, words map[string]bool) bool {
	if k, ok := packASCIIWord(text, start, end); ok {
		return set.has(k)
	}
	if end-start > 32 {
		return false // no word of a set is that long, folded or not
	}
	var buf [64]byte
	return words[string(Fold(buf[:0], text[start:end]))]
}

// packASCIIWord packs the word text[start:end] if it is ASCII letters,
// digits and straight apostrophes only, and at most 16 bytes long.
func packASCIIWord(text string, start, end int) (packedWord, bool) {
	if end-start > 16 {
		return packedWord{}, false
	}
	for i := start; i < end; i++ {
		if c := text[i]; c >= utf8.RuneSelf || c != '\'' && !wordByte[c] {
			return packedWord{}, false
		}
	}
	return packASCII(text, start, end)
}
