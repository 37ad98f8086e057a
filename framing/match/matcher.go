package match

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
)

// Mode is how a term's words are compared with a text's.
type Mode uint8

const (
	// ModeStem compares words by their Snowball stem: "occupied" finds
	// "occupying".
	ModeStem Mode = iota
	// ModeWord compares words as written, ignoring case only.
	ModeWord
	// ModeExact compares words as written, case included.
	ModeExact
)

// Term is one wording to look for: the caller's id for it, the phrases
// that stand for it (plain phrases, split into words as texts are; a
// hyphenated compound also finds its closed form), its mode, and its
// rank: where several terms cover the same words, the lowest rank labels
// them, and of equal ranks the term listed first.
type Term struct {
	ID      int
	Phrases []string
	Mode    Mode
	Rank    int
}

// Matcher finds a set of terms in texts. It is compiled once and is safe
// for concurrent use.
type Matcher struct {
	// Every word of every phrase becomes a key: "s"+stem for stem-mode
	// terms, "w"+folded word for word-mode terms; exact-mode words are
	// keyed by their surface in exact.
	keys  map[string]int32
	exact map[string]int32
	// The phrases form a trie over key ids: edges[node<<32|key] = child,
	// a map while compiling, then the flat edgeTable.
	edges     map[uint64]int32
	edgeTable edgeTable
	finals    [][]int32 // node → ranks of the terms whose phrase ends there, while compiling
	// Then, flat: the ids of the terms ending at node, best ranked first,
	// are finalIDs[finalStart[node]:finalStart[node+1]], one array instead
	// of a small slice per node, so a match costs fewer cache misses.
	finalStart []int32
	finalIDs   []int
	nodeFlags  []uint8 // node → nodeFinal, nodeParent: what the walk asks of every node, in a byte
	// nodeRank is the rank of the best term ending at a node (its place
	// among the terms ordered by Rank): where phrases of equal length end
	// at two nodes, the better ranked labels the span.
	nodeRank []int32
	nodes    int32
	// root[key] is the child of the trie's root for a key, or 0: most
	// tokens with a key stop there, so it is an array, not a map lookup.
	root []int32
	// follow[key] holds the key bits (keyBit) of every key that follows
	// key somewhere in a phrase: the keys of the children of each node
	// that key leads to. Where a word's follow does not meet the next
	// word's bits, no phrase goes on from one to the other, and the
	// word loop knows it without a walk (see findTerms).
	follow []uint32

	// exactFolds holds the folded forms of exact-mode words: only a word
	// that folds like one needs its surface looked up.
	exactFolds map[string]bool

	// cache holds what each folded word seen so far carries (see
	// wordcache.go). It only grows, by copy on write, and is bounded.
	cache   atomic.Pointer[wordCache]
	mergeMu sync.Mutex
}

// Compile builds a matcher for terms. Phrases without words are skipped.
func Compile(terms []Term) *Matcher {
	m := &Matcher{
		keys:       map[string]int32{},
		exact:      map[string]int32{},
		edges:      map[uint64]int32{},
		exactFolds: map[string]bool{},
		finals:     [][]int32{nil},
		nodes:      1,
	}
	byRank := make([]int, len(terms)) // term indexes, best ranked first
	for i := range byRank {
		byRank[i] = i
	}
	slices.SortStableFunc(byRank, func(a, b int) int { return cmp.Compare(terms[a].Rank, terms[b].Rank) })
	rank := make([]int32, len(terms))
	for r, i := range byRank {
		rank[i] = int32(r)
	}
	lexWords := map[string]bool{}
	for i, t := range terms {
		for _, phrase := range t.Phrases {
			for _, words := range phraseWords(phrase) {
				m.addPhrase(words, t.Mode, rank[i], lexWords)
			}
		}
	}
	m.root = make([]int32, len(m.keys)+len(m.exact))
	for edge, child := range m.edges {
		if edge>>32 == 0 {
			m.root[uint32(edge)] = child
		}
	}
	m.nodeFlags = make([]uint8, m.nodes)
	m.nodeRank = make([]int32, m.nodes)
	m.finalStart = make([]int32, m.nodes+1)
	for node, ranks := range m.finals {
		if len(ranks) > 0 {
			m.nodeFlags[node] |= nodeFinal
			slices.Sort(ranks)
			m.nodeRank[node] = ranks[0]
		}
		m.finalStart[node] = int32(len(m.finalIDs))
		for _, r := range ranks {
			m.finalIDs = append(m.finalIDs, terms[byRank[r]].ID)
		}
	}
	m.finalStart[m.nodes] = int32(len(m.finalIDs))
	m.finals = nil
	childBits := make([]uint32, m.nodes)
	for edge := range m.edges {
		m.nodeFlags[edge>>32] |= nodeParent
		childBits[edge>>32] |= keyBit(int32(uint32(edge)))
	}
	m.follow = make([]uint32, len(m.root))
	for edge, child := range m.edges {
		m.follow[uint32(edge)] |= childBits[child]
	}
	m.edgeTable = newEdgeTable(m.edges)
	m.edges = nil
	// Prime the word cache with the lexicon's own words, now that every
	// key exists.
	seen := make(map[string]wordInfo, len(lexWords))
	for w := range lexWords {
		seen[w] = m.lookupWord(w)
	}
	m.cache.Store(&wordCache{table: newWordTable(0), other: map[string]wordInfo{}})
	m.mergeWords(seen)
	return m
}

const (
	nodeFinal  = 1 << iota // some term's phrase ends at the node
	nodeParent             // the node has children
)

// keyBit is one of metaBits bits chosen by a key id's hash: a set of keys
// as their bits admits false positives, never a false negative. It is a
// hash of its own (32 bits, its top bits scaled to metaBits): how the
// shipped lexicons' frequent keys share bits decides how many words the
// word loop keeps (docs/performance.md).
func keyBit(key int32) uint32 {
	return 1 << (uint64(uint32(key)*0x9E3779B1) * metaBits >> 32)
}

func (m *Matcher) keyID(table map[string]int32, key string) int32 {
	if id, ok := table[key]; ok {
		return id
	}
	id := int32(len(m.keys) + len(m.exact))
	table[key] = id
	return id
}

// addPhrase adds the path of a phrase's words to the trie, and the term
// of the given rank where it ends.
func (m *Matcher) addPhrase(words []string, mode Mode, rank int32, lexWords map[string]bool) {
	node := int32(0)
	var buf []byte
	for _, w := range words {
		var key int32
		switch mode {
		case ModeExact:
			key = m.keyID(m.exact, w)
			buf = Fold(buf[:0], w)
			m.exactFolds[string(buf)] = true
			lexWords[string(buf)] = true
		case ModeWord:
			buf = Fold(buf[:0], w)
			key = m.keyID(m.keys, "w"+string(buf))
			lexWords[string(buf)] = true
		default:
			buf = Fold(buf[:0], w)
			key = m.keyID(m.keys, "s"+Stem(string(buf)))
			lexWords[string(buf)] = true
		}
		edge := uint64(node)<<32 | uint64(uint32(key))
		child, ok := m.edges[edge]
		if !ok {
			child = m.nodes
			m.nodes++
			m.edges[edge] = child
			m.finals = append(m.finals, nil)
		}
		node = child
	}
	if !slices.Contains(m.finals[node], rank) {
		m.finals[node] = append(m.finals[node], rank)
	}
}
