package framing

import (
	"math"
	"strings"
	"sync"
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

// keyedWord is a word of the text that some phrase of the lexicons uses.
// Words no phrase uses are not kept: they only break phrases, which ord
// (the word's position among all the text's words) shows.
type keyedWord struct {
	start, end int32
	ord        int32
	keys       [3]int32 // stem-mode, word-mode and exact key ids, -1 for none
}

type scratch struct {
	words []keyedWord
	fold  []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Analyze finds every term of the matcher's lexicons in text, with its
// voice and sentence. Where phrases overlap, the longest one starting
// leftmost wins ("held under Armenian occupation" over "occupation"); a
// wording that belongs to several concepts yields a match for each.
func (m *Matcher) Analyze(text string) Analysis {
	if len(text) > math.MaxInt32 {
		text = text[:math.MaxInt32] // offsets are kept in 32 bits; articles are far smaller
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	s.words = m.keyWords(text, s)

	// Real articles have a match every few dozen words.
	matches := make([]Match, 0, len(text)/64)
	for i := 0; i < len(s.words); {
		if !m.startsPhrase(s.words[i].keys) {
			i++ // a word used only inside phrases ("of", "the")
			continue
		}
		end, node := m.longestAt(s.words, i)
		if node == 0 {
			i++
			continue
		}
		span := Span{int(s.words[i].start), int(s.words[end-1].end)}
		for _, t := range m.finals[node] {
			matches = append(matches, Match{Span: span, Surface: text[span.Start:span.End], Ref: m.refs[t]})
		}
		i = end
	}

	a := Analysis{Matches: matches, Sentences: Sentences(text), Quotes: Quotes(text)}
	// Matches are in text order, so one walk through the sentences and
	// quotes places them all.
	si, qi := 0, 0
	for k := range a.Matches {
		off := a.Matches[k].Start
		for si+1 < len(a.Sentences) && a.Sentences[si].End <= off {
			si++
		}
		for qi < len(a.Quotes) && a.Quotes[qi].End <= off {
			qi++
		}
		a.Matches[k].Sentence = si
		a.Matches[k].Voice = VoiceOwn
		if qi < len(a.Quotes) && a.Quotes[qi].Start <= off {
			a.Matches[k].Voice = a.Quotes[qi].Voice
		}
	}
	return a
}

// keyWords splits text into words and keeps those that carry a key, with
// their key ids. A word is folded and stemmed once per matcher: the
// result is cached.
func (m *Matcher) keyWords(text string, s *scratch) []keyedWord {
	out := s.words[:0]
	words := *m.words.Load()
	var seen map[string]wordKeys
	ord := int32(-1)
	for i := 0; ; {
		start, end, lower := nextWord(text, i)
		if start < 0 {
			break
		}
		i = end
		ord++
		word := text[start:end]
		var wk wordKeys
		var ok bool
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
		if k[0] >= 0 || k[1] >= 0 || k[2] >= 0 {
			out = append(out, keyedWord{start: int32(start), end: int32(end), ord: ord, keys: k})
		}
	}
	m.mergeWords(seen)
	return out
}

// startsPhrase reports whether any of a word's keys begins a phrase.
func (m *Matcher) startsPhrase(keys [3]int32) bool {
	for _, k := range keys {
		if k >= 0 && m.root[k] != 0 {
			return true
		}
	}
	return false
}

// longestAt returns the end (exclusive index into words) and final node
// of the longest phrase starting at words[i], or node 0 when none does. A
// word may carry up to three keys, so several trie paths are followed at
// once; a phrase continues only through consecutive words of the text.
func (m *Matcher) longestAt(words []keyedWord, i int) (end int, final int32) {
	var cur, next [8]int32
	nCur := 1
	for j := i; j < len(words) && nCur > 0; j++ {
		if j > i && words[j].ord != words[j-1].ord+1 {
			break
		}
		nNext := 0
		for _, node := range cur[:nCur] {
			for _, key := range words[j].keys {
				if key < 0 {
					continue
				}
				child := m.child(node, key)
				if child == 0 || nNext == len(next) {
					continue
				}
				next[nNext] = child
				nNext++
				if len(m.finals[child]) > 0 && j+1 > end {
					end, final = j+1, child // the first path to reach a phrase end wins at a length
				}
			}
		}
		cur, nCur = next, nNext
	}
	return end, final
}
