package framing

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Match is one occurrence of a term in a text.
type Match struct {
	Span
	Surface string
	Ref     TermRef
	Voice   Voice
	// Sentence is the index of the sentence the match starts in.
	Sentence int
}

// Analysis is what the matcher found in one text.
type Analysis struct {
	Matches   []Match
	Sentences []Span
	Quotes    []Quote
}

type scratch struct {
	tokens []Token
	keys   [][3]int32 // per token: stem-mode, word-mode and exact key ids
	fold   []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Analyze finds every term of the matcher's lexicons in text, with its
// voice and sentence. Where phrases overlap, the longest one starting
// leftmost wins ("held under Armenian occupation" over "occupation"); a
// wording that belongs to several concepts yields a match for each.
func (m *Matcher) Analyze(text string) Analysis {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.tokens = Tokenize(text, s.tokens[:0])
	s.keys = m.keyTokens(text, s)

	// Real articles have a match every few dozen words.
	matches := make([]Match, 0, len(s.tokens)/16)
	for i := 0; i < len(s.tokens); {
		end, node := m.longestAt(s.keys, i)
		if node == 0 {
			i++
			continue
		}
		span := Span{s.tokens[i].Start, s.tokens[end-1].End}
		for _, t := range m.finals[node] {
			matches = append(matches, Match{Span: span, Surface: text[span.Start:span.End], Ref: m.refs[t]})
		}
		i = end
	}

	a := Analysis{Matches: matches, Sentences: Sentences(text), Quotes: Quotes(text)}
	for k := range a.Matches {
		a.Matches[k].Voice = a.VoiceAt(a.Matches[k].Start)
		a.Matches[k].Sentence = a.SentenceAt(a.Matches[k].Start)
	}
	return a
}

// keyTokens looks up the key ids of every token.
func (m *Matcher) keyTokens(text string, s *scratch) [][3]int32 {
	keys := s.keys[:0]
	words := *m.words.Load()
	var seen map[string]wordKeys
	for _, t := range s.tokens {
		word := text[t.Start:t.End]
		var wk wordKeys
		var ok bool
		lower := isLowerASCII(word)
		if lower {
			wk, ok = words[word]
		} else {
			s.fold = foldWord(s.fold[:0], word)
			wk, ok = words[string(s.fold)] // no allocation for a lookup
		}
		if !ok {
			owned := word
			if !lower {
				owned = string(s.fold)
			}
			if wk, ok = seen[owned]; !ok {
				owned = strings.Clone(owned)
				wk = m.lookupWord(owned)
				if seen == nil {
					seen = map[string]wordKeys{}
				}
				seen[owned] = wk
			}
		}
		k := [3]int32{wk.stem, wk.word, -1}
		if len(m.exact) > 0 {
			if id, ok := m.exact[word]; ok {
				k[2] = id
			}
		}
		keys = append(keys, k)
	}
	m.mergeWords(seen)
	return keys
}

// longestAt returns the end (exclusive token index) and final node of the
// longest phrase starting at token i, or node 0 when none does. A token
// may carry up to three keys, so several trie paths are followed at once.
func (m *Matcher) longestAt(keys [][3]int32, i int) (end int, final int32) {
	k := keys[i]
	if k[0] < 0 && k[1] < 0 && k[2] < 0 {
		return 0, 0
	}
	var cur, next [8]int32
	cur[0] = 0
	nCur := 1
	for j := i; j < len(keys) && nCur > 0; j++ {
		nNext := 0
		for _, node := range cur[:nCur] {
			for _, key := range keys[j] {
				if key < 0 {
					continue
				}
				child := m.child(node, key)
				if child == 0 || nNext == len(next) {
					continue
				}
				next[nNext] = child
				nNext++
				if len(m.finals[child]) > 0 && (j+1 > end || final == 0) {
					end, final = j+1, child
				}
			}
		}
		cur, nCur = next, nNext
	}
	return end, final
}

// VoiceAt is the voice of the text at byte offset off.
func (a Analysis) VoiceAt(off int) Voice {
	k := sort.Search(len(a.Quotes), func(k int) bool { return a.Quotes[k].End > off })
	if k < len(a.Quotes) && a.Quotes[k].Start <= off {
		return a.Quotes[k].Voice
	}
	return VoiceOwn
}

// SentenceAt is the index of the sentence containing byte offset off, or
// of the nearest one before it.
func (a Analysis) SentenceAt(off int) int {
	k := sort.Search(len(a.Sentences), func(k int) bool { return a.Sentences[k].End > off })
	if k == len(a.Sentences) {
		return max(0, k-1)
	}
	return k
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}
