package framing

import (
	"math"
	"slices"
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

// keyedWord is a word of the text that a phrase of the lexicons may pass
// through. Its run tells runs apart: a phrase lies inside words of one
// run, consecutive words of the text each of which some phrase may follow
// from the one before (see Matcher.follow).
type keyedWord struct {
	start, end int32
	run        int32
	keys       [3]int32 // keys[:n]: stem-mode, word-mode and exact key ids, those it has
	n          uint8
}

// found is a phrase found in the text: its span and the trie node it ends
// at, whose terms each become a Match.
type found struct {
	start, end int32
	node       int32
}

type scratch struct {
	words  []keyedWord
	starts []int32 // indexes into words of those that can begin a phrase
	found  []found
	fold   []byte
	marks  markLists // see scanWord
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
	if s.marks.stops == nil {
		// nil would mean "search the text"
		s.marks = markLists{stops: make([]int32, 0, 1024), quotes: make([]int32, 0, 1024)}
	}
	s.found = m.findTerms(text, s)
	a := Analysis{Sentences: sentences(text, s.marks.stops), Quotes: quotes(text, s.marks.quotes)}
	a.Matches = m.buildMatches(text, s.found, a.Sentences, a.Quotes)
	return a
}

// findTerms walks the words of text once. Each word is looked up in the
// word cache (folded and stemmed once per matcher, then remembered). The
// key bits it carries say whether a phrase may go on to it from the word
// before; a word is kept if it may begin a phrase or go on one, and noted
// as a start, one word later, if it is a phrase by itself or the next
// word may follow it. Most words that begin phrases are not followed by
// any word that goes on one, so this leaves the trie walk a third of the
// starts. Every few hundred kept words, where a run of them has just
// ended, the phrases starting at the noted words are looked up in the
// trie. Keeping the two steps apart keeps the word loop short and free of
// the branches of matching, which depend on each word and so are hard to
// predict; flushing in batches keeps the kept words in the cache.
func (m *Matcher) findTerms(text string, s *scratch) []found {
	cache := m.cache.Load()
	var seen map[string]wordInfo
	matches := s.found[:0]
	words, starts := s.words[:0], s.starts[:0]
	marks := markLists{stops: s.marks.stops[:0], quotes: s.marks.quotes[:0]}
	// What the previous word left: what may follow it, whether it begins
	// a phrase or is one, and where it was kept.
	var prevFollow uint32
	prevStarts, prevSolo, prevIndex := 0, 0, int32(0)
	run := int32(0)
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
		// Whether a word is kept, or begins a phrase, depends on the word
		// and so defeats branch prediction: both are written always and
		// kept by how far the length moves, computed without a jump.
		// The word is written in place: a copy from the stack would read
		// back, in wide loads, fields just stored narrow, and wait for them.
		if len(words) == cap(words) {
			words = slices.Grow(words, flushWords+1)
		}
		if len(starts) == cap(starts) {
			starts = slices.Grow(starts, flushWords+1)
		}
		n := len(words)
		words = words[:n+1]
		w := &words[n]
		w.start, w.end = int32(start), int32(end)
		w.keys[0], w.keys[1], w.n = info.key(0), info.key(1), info.n()
		bits, follow, begins, solo := info.keyBits(), info.follow(), info.starts(), info.solo()
		if info.exact() {
			if id, ok := m.exact[text[start:end]]; ok {
				w.keys[w.n] = id
				w.n++
				bits |= keyBit(id)
				follow |= m.follow[id]
				if child := m.root[id]; child != 0 {
					begins = 1
					if m.nodeFlags[child]&nodeFinal != 0 {
						solo = 1
					}
				}
			}
		}
		linked := 0
		if prevFollow&bits != 0 {
			linked = 1
		}
		run += int32(1 - linked)
		w.run = run
		// The previous word is a start if it is a phrase by itself or
		// this word may go on from it.
		starts = starts[:len(starts)+1]
		starts[len(starts)-1] = prevIndex
		starts = starts[:len(starts)-1+prevStarts&(prevSolo|linked)]
		keep := begins | linked
		words = words[:n+keep]
		prevFollow, prevStarts, prevSolo, prevIndex = follow, begins, solo, int32(n)
		if len(words) >= flushWords && keep == 0 {
			matches = m.matchWords(words, starts, matches)
			words, starts = words[:0], starts[:0]
		}
	}
	if prevStarts&prevSolo != 0 {
		starts = append(starts, prevIndex)
	}
	matches = m.matchWords(words, starts, matches)
	s.words, s.starts, s.marks = words[:0], starts[:0], marks
	m.mergeWords(seen)
	return matches
}

// flushWords is how many keyed words findTerms gathers before matching.
const flushWords = 512

// matchWords appends the phrases found among keyed words: at each word that can
// begin a phrase and is not inside the match before, the longest phrase.
func (m *Matcher) matchWords(words []keyedWord, starts []int32, matches []found) []found {
	next := 0 // words before this are inside a match
	for _, i := range starts {
		if int(i) < next {
			continue
		}
		end, node := m.longestAt(words, int(i))
		if node == 0 {
			continue
		}
		matches = append(matches, found{words[i].start, words[end-1].end, node})
		next = end
	}
	return matches
}

// longestAt returns the end (exclusive index into words) and final node
// of the longest phrase starting at words[i], or node 0 when none does. A
// word may carry up to three keys, so several trie paths are followed at
// once; a phrase goes on only to the next word of the text, and only from
// a node that has children. Where paths reach a phrase end at the same
// length, the first (stem before word before exact key) wins.
func (m *Matcher) longestAt(words []keyedWord, i int) (end int, final int32) {
	var paths [2][8]int32
	cur, next := &paths[0], &paths[1]
	nCur := 0
	w := &words[i]
	for _, key := range w.keys[:w.n] {
		if child := m.root[key]; child != 0 {
			cur[nCur] = child
			nCur++
			if m.nodeFlags[child]&nodeFinal != 0 && end == 0 {
				end, final = i+1, child
			}
		}
	}
	for j := i + 1; j < len(words) && nCur > 0 && words[j].run == words[j-1].run; j++ {
		w := &words[j]
		nNext := 0
		for _, node := range cur[:nCur] {
			if m.nodeFlags[node]&nodeParent == 0 {
				continue
			}
			for _, key := range w.keys[:w.n] {
				child := m.edgeTable.get(uint64(node)<<32 | uint64(uint32(key)))
				if child == 0 || nNext == len(next) {
					continue
				}
				next[nNext] = child
				nNext++
				if m.nodeFlags[child]&nodeFinal != 0 && j+1 > end {
					end, final = j+1, child // the first path to reach a phrase end wins at a length
				}
			}
		}
		cur, next, nCur = next, cur, nNext
	}
	return end, final
}
