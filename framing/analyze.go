package framing

import (
	"math"
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

// keyedWord is a word of the text that some phrase of the lexicons uses,
// in a run of such words with nothing between them but spaces and
// punctuation: a phrase lies inside one run.
type keyedWord struct {
	start, end int32
	keys       [3]int32 // stem-mode, word-mode and exact key ids, -1 for none
	starts     bool     // one of the keys begins a phrase
}

type scratch struct {
	run   []keyedWord
	fold  []byte
	marks []int32 // see scanWord
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
	if s.marks == nil {
		s.marks = make([]int32, 0, 1024) // nil would mean "search the text"
	}
	a := Analysis{Matches: m.findTerms(text, s)}
	a.Sentences = sentences(text, s.marks)
	a.Quotes = quotes(text, s.marks)
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

// findTerms walks the words of text once. Each word is looked up in the
// word cache (folded and stemmed once per matcher, then remembered);
// words that carry a key gather into runs, and a run is matched against
// the phrase trie as soon as a word without a key ends it, so the words
// never need to be stored for the whole text.
func (m *Matcher) findTerms(text string, s *scratch) []Match {
	cache := m.cache.Load()
	var seen map[string]wordInfo
	// Real articles have a match every few dozen words.
	matches := make([]Match, 0, len(text)/64)
	run := s.run[:0]
	marks := s.marks[:0]
	for i := 0; ; {
		start, end, key, kind := scanWord(text, i, &marks)
		if kind == scanEnd {
			break
		}
		i = end
		var info wordInfo
		var ok bool
		if kind == scanPacked {
			info, ok = cache.table.get(key)
		}
		if !ok {
			s.fold = foldWord(s.fold[:0], text[start:end])
			if info, ok = cache.lookup(string(s.fold)); !ok { // no allocation for a lookup
				if info, ok = seen[string(s.fold)]; !ok {
					owned := string(s.fold)
					info = m.lookupWord(owned)
					if seen == nil {
						seen = map[string]wordInfo{}
					}
					seen[owned] = info
				}
			}
		}
		if !info.hasKey() {
			if len(run) > 0 {
				matches = m.matchRun(text, run, matches)
				run = run[:0]
			}
			continue
		}
		w := keyedWord{start: int32(start), end: int32(end), keys: [3]int32{info.stem, info.word, -1}, starts: info.starts}
		if info.exact {
			if id, ok := m.exact[text[start:end]]; ok {
				w.keys[2] = id
				w.starts = w.starts || m.root[id] != 0
			}
		}
		// A run begins only with a word that can begin a phrase.
		if w.starts || len(run) > 0 {
			run = append(run, w)
		}
	}
	if len(run) > 0 {
		matches = m.matchRun(text, run, matches)
	}
	s.run, s.marks = run, marks
	m.mergeWords(seen)
	return matches
}

// matchRun appends the matches in a run of consecutive keyed words.
func (m *Matcher) matchRun(text string, run []keyedWord, matches []Match) []Match {
	for i := 0; i < len(run); {
		if !run[i].starts {
			i++ // a word used only inside phrases ("of", "the")
			continue
		}
		end, node := m.longestAt(run, i)
		if node == 0 {
			i++
			continue
		}
		span := Span{int(run[i].start), int(run[end-1].end)}
		for _, t := range m.finals[node] {
			matches = append(matches, Match{Span: span, Surface: text[span.Start:span.End], Ref: m.refs[t]})
		}
		i = end
	}
	return matches
}

// longestAt returns the end (exclusive index into words) and final node
// of the longest phrase starting at words[i], or node 0 when none does. A
// word may carry up to three keys, so several trie paths are followed at
// once; the words of a run are consecutive in the text.
func (m *Matcher) longestAt(words []keyedWord, i int) (end int, final int32) {
	var cur, next [8]int32
	nCur := 1
	for j := i; j < len(words) && nCur > 0; j++ {
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
