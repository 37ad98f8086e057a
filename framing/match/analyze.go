package match

import (
	"math"
	"slices"
	"sync"
)

// Match is one occurrence of a term in a text.
type Match struct {
	Span
	Term  int // the term's Term.ID
	Voice Voice
	// Sentence is the index of the sentence the match starts in.
	Sentence int
}

// Analysis is what the matcher found in one text: its sentences and
// quotes too, since a match's voice and sentence come from them.
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
	_          [7]byte // 32 bytes, so that indexing shifts instead of multiplying
}

// found is a phrase found in the text: its span and the one term it is
// labelled with (an index into finalIDs).
type found struct {
	start, end int32
	ref        int32
}

type scratch struct {
	loop  wordLoop
	found []found
	fold  []byte
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Analyze finds every term of the matcher's lexicons in text, with its
// voice and sentence. Where phrases overlap, the longest one starting
// leftmost wins ("held under Armenian occupation" over "occupation"). A
// phrase never runs across the end of a sentence or a line, and a match
// never begins or ends inside a hyphenated compound ("terrorist" is not
// found in "anti-terrorist"). One span gets one label: where several
// terms cover the same words, the one listed first to Compile.
func (m *Matcher) Analyze(text string) Analysis {
	a := Analysis{}
	a.Matches, a.Sentences, a.Quotes = AnalyzeInto(m, text, func(dst *Match, x Match) { *dst = x })
	return a
}

// AnalyzeInto is Analyze for a caller with a match type of its own: fill
// makes each match, in text order, in its place in the slice returned
// (field by field, which costs less than copying a whole struct that
// holds strings while the collector runs).
func AnalyzeInto[M any](m *Matcher, text string, fill func(dst *M, x Match)) (matches []M, sentences []Span, quotes []Quote) {
	if len(text) > math.MaxInt32 {
		text = text[:math.MaxInt32] // offsets are kept in 32 bits; articles are far smaller
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	if s.loop.marks.stops == nil {
		// nil would mean "search the text"
		s.loop.marks = markLists{stops: make([]int32, 0, 1024), quotes: make([]int32, 0, 1024)}
	}
	s.found = m.findTerms(text, s)
	sentences, quotes = findSentences(text, s.loop.marks.stops), findQuotes(text, s.loop.marks.quotes)
	return buildMatches(m, s.found, sentences, quotes, fill), sentences, quotes
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
//
// The common word goes through wordLoop.fast, a loop that calls nothing;
// this function takes the others one at a time: words outside ASCII or
// longer than 16 bytes, words not yet in the word table (folded,
// stemmed, remembered), exact-mode words, and the last few bytes.
func (m *Matcher) findTerms(text string, s *scratch) []found {
	var seen map[string]wordInfo
	matches := s.found[:0]
	l := &s.loop
	*l = wordLoop{text: text, table: m.cache.Load().table, words: l.words[:0], starts: l.starts[:0],
		marks: markLists{stops: l.marks.stops[:0], quotes: l.marks.quotes[:0]}}
	for {
		// A batch is matched as soon as it is due, at a word that is not
		// kept, so that no phrase runs across two batches.
		if l.flush {
			matches = m.matchWords(text, l.words, l.starts, matches)
			l.words, l.starts, l.flush = l.words[:0], l.starts[:0], false
		}
		l.fast()
		if l.flush {
			continue
		}
		if len(l.words) == cap(l.words) || len(l.starts) == cap(l.starts) {
			l.words = slices.Grow(l.words, flushWords+1)
			l.starts = slices.Grow(l.starts, flushWords+1)
			continue
		}
		// One word the general way.
		start, end, key, kind := scanWord(text, l.i, &l.marks)
		if kind == scanEnd {
			break
		}
		l.i = end
		var info wordInfo
		var ok bool
		if kind == scanPacked {
			info, ok = l.table.get(key)
		}
		if !ok {
			s.fold = Fold(s.fold[:0], text[start:end])
			if info, ok = m.cache.Load().lookup(string(s.fold)); !ok { // no allocation for a lookup
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
		keys, n, meta := [3]int32{info.key(0), info.key(1)}, info.n(), info.meta
		if info.exact() {
			if id, ok := m.exact[text[start:end]]; ok {
				keys[n] = id
				n++
				meta |= m.keyMeta(id)
			}
		}
		l.add(start, end, keys, n, meta)
	}
	if prev := (wordInfo{meta: l.prev}); prev.starts()&prev.solo() != 0 {
		l.starts = append(l.starts, int32(len(l.words)-1))
	}
	matches = m.matchWords(text, l.words, l.starts, matches)
	l.text, l.table = "", nil // the scratch outlives the call: hold neither
	m.mergeWords(seen)
	return matches
}

// flushWords is how many keyed words findTerms gathers before matching.
const flushWords = 512

// matchWords appends the phrases found among keyed words: at each word that can
// begin a phrase and is not inside the match before, the longest phrase.
// A word joined by a hyphen to the word before it begins none.
func (m *Matcher) matchWords(text string, words []keyedWord, starts []int32, matches []found) []found {
	next := 0 // words before this are inside a match
	for _, i := range starts {
		if int(i) < next || joinedBefore(text, int(words[i].start)) {
			continue
		}
		end, node := m.longestAt(text, words, int(i))
		if node == 0 {
			continue
		}
		matches = append(matches, found{words[i].start, words[end-1].end, m.finalStart[node]})
		next = end
	}
	return matches
}

// longestAt returns the end (exclusive index into words) and final node
// of the longest phrase starting at words[i], or node 0 when none does. A
// word may carry up to three keys, so several trie paths are followed at
// once; a phrase goes on only to the next word of the text, not across a
// sentence end, and only from a node that has children; it ends only
// where no hyphen joins the next word. Where paths reach a phrase end at
// the same length, the node whose best term ranks first wins.
func (m *Matcher) longestAt(text string, words []keyedWord, i int) (end int, final int32) {
	var paths [2][8]int32
	cur, next := &paths[0], &paths[1]
	nCur := 0
	w := &words[i]
	endOK := !joinedAfter(text, int(w.end))
	for _, key := range w.keys[:w.n] {
		if child := m.root[key]; child != 0 {
			cur[nCur] = child
			nCur++
			if m.nodeFlags[child]&nodeFinal != 0 && endOK && (end == 0 || m.nodeRank[child] < m.nodeRank[final]) {
				end, final = i+1, child
			}
		}
	}
	for j := i + 1; j < len(words) && nCur > 0 && words[j].run == words[j-1].run; j++ {
		if phraseBreaks(text, int(words[j-1].end), int(words[j].start)) {
			break
		}
		w := &words[j]
		endOK := !joinedAfter(text, int(w.end))
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
				if m.nodeFlags[child]&nodeFinal != 0 && endOK && (j+1 > end || m.nodeRank[child] < m.nodeRank[final]) {
					end, final = j+1, child
				}
			}
		}
		cur, next, nCur = next, cur, nNext
	}
	return end, final
}
