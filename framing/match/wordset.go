package match

import "math/bits"

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

func wordSetHash(k packedWord) uint64 {
	return ((k.lo ^ bits.RotateLeft64(k.hi, 31)) * 0x9E3779B97F4A7C15) >> (64 - 11)
}

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
