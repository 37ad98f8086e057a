package framing

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// TermRef points at one term of a compiled matcher's lexicons.
type TermRef struct {
	Lexicon, Concept, Term int
}

// Matcher finds the terms of a set of lexicons in texts. It is compiled
// once per lexicon version and is safe for concurrent use; analysing never
// touches a database.
type Matcher struct {
	lexicons []Lexicon
	refs     []TermRef // term index → where the term lives

	// Every word of every phrase becomes a key: "s"+stem for stem-mode
	// terms, "w"+folded word for word-mode terms; exact-mode words are
	// keyed by their surface in exact.
	keys  map[string]int32
	exact map[string]int32
	// The phrases form a trie over key ids: edges[node<<32|key] = child,
	// a map while compiling, then the flat edgeTable.
	edges     map[uint64]int32
	edgeTable edgeTable
	finals    [][]int32 // node → terms whose phrase ends there, while compiling
	// Then, flat: the terms ending at node are finalRefs[finalStart[node]:
	// finalStart[node+1]], one array instead of a small slice per node
	// and a lookup in refs, so a match costs fewer cache misses.
	finalStart []int32
	finalRefs  []TermRef
	nodeFlags  []uint8 // node → nodeFinal, nodeParent: what the walk asks of every node, in a byte
	// nodeRank is the rank (see termRank) of the best term ending at a
	// node, the first of its finalRefs: where phrases of equal length end
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

// Compile builds a matcher for the given lexicons. Lexicons should be
// valid (see Lexicon.Validate); terms whose phrase has no words are
// skipped.
func Compile(lexicons []Lexicon) (*Matcher, error) {
	m := &Matcher{
		lexicons:   lexicons,
		keys:       map[string]int32{},
		exact:      map[string]int32{},
		edges:      map[uint64]int32{},
		exactFolds: map[string]bool{},
		finals:     [][]int32{nil},
		nodes:      1,
	}
	lexWords := map[string]bool{}
	var ranks []int32
	for li := range lexicons {
		for ci := range lexicons[li].Concepts {
			for ti, t := range lexicons[li].Concepts[ci].Terms {
				termIndex := int32(len(m.refs))
				m.refs = append(m.refs, TermRef{li, ci, ti})
				ranks = append(ranks, termRank(&lexicons[li], t, termIndex))
				forms, err := t.forms()
				if err != nil {
					return nil, fmt.Errorf("compile term %q: %w", t.Phrase, err)
				}
				for _, phrase := range withoutLeadingArticles(forms) {
					for _, words := range phraseWords(phrase) {
						if err := m.addPhrase(words, t.MatchMode(), termIndex, lexWords); err != nil {
							return nil, fmt.Errorf("compile term %q: %w", t.Phrase, err)
						}
					}
				}
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
	for node, terms := range m.finals {
		if len(terms) > 0 {
			m.nodeFlags[node] |= nodeFinal
			slices.SortFunc(terms, func(a, b int32) int { return cmp.Compare(ranks[a], ranks[b]) })
			m.nodeRank[node] = ranks[terms[0]]
		}
		m.finalStart[node] = int32(len(m.finalRefs))
		for _, t := range terms {
			m.finalRefs = append(m.finalRefs, m.refs[t])
		}
	}
	m.finalStart[m.nodes] = int32(len(m.finalRefs))
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
	return m, nil
}

// termRank orders the terms that label one span, lowest first: a topic
// lexicon's before a general one's, then exact before word before stem
// mode (the more specific wording), then the order they were compiled in.
func termRank(l *Lexicon, t Term, index int32) int32 {
	r := index & (1<<27 - 1)
	if l.Scope != ScopeTopic {
		r |= 1 << 30
	}
	switch t.MatchMode() {
	case MatchWord:
		r |= 1 << 27
	case MatchStem:
		r |= 2 << 27
	}
	return r
}

const (
	nodeFinal  = 1 << iota // some term's phrase ends at the node
	nodeParent             // the node has children
)

// keyBit is one of metaBits bits chosen by a key id's hash: a set of keys
// as their bits admits false positives, never a false negative.
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

func (m *Matcher) addPhrase(words []string, mode string, term int32, lexWords map[string]bool) error {
	node := int32(0)
	var buf []byte
	for _, w := range words {
		var key int32
		switch mode {
		case MatchExact:
			key = m.keyID(m.exact, w)
			buf = foldWord(buf[:0], w)
			m.exactFolds[string(buf)] = true
			lexWords[string(buf)] = true
		case MatchWord:
			buf = foldWord(buf[:0], w)
			key = m.keyID(m.keys, "w"+string(buf))
			lexWords[string(buf)] = true
		default:
			buf = foldWord(buf[:0], w)
			key = m.keyID(m.keys, "s"+stemWord(string(buf)))
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
	if node == 0 {
		return fmt.Errorf("phrase has no words")
	}
	for _, t := range m.finals[node] {
		if t == term {
			return nil
		}
	}
	m.finals[node] = append(m.finals[node], term)
	return nil
}

// Lexicons returns the lexicons the matcher was compiled from.
func (m *Matcher) Lexicons() []Lexicon { return m.lexicons }

// Terms is the number of terms compiled.
func (m *Matcher) Terms() int { return len(m.refs) }

// Lexicon, Concept and Term resolve a reference from a match.
func (m *Matcher) Lexicon(r TermRef) *Lexicon { return &m.lexicons[r.Lexicon] }

// Concept is the concept a reference belongs to.
func (m *Matcher) Concept(r TermRef) *Concept {
	return &m.lexicons[r.Lexicon].Concepts[r.Concept]
}

// Term is the term a reference names.
func (m *Matcher) Term(r TermRef) *Term {
	return &m.lexicons[r.Lexicon].Concepts[r.Concept].Terms[r.Term]
}

// PerspectiveName is the display name of a term's perspective, or "".
func (m *Matcher) PerspectiveName(r TermRef) string {
	t := m.Term(r)
	if p, ok := m.lexicons[r.Lexicon].Perspective(t.Perspective); ok {
		return p.Name
	}
	return ""
}

// withoutLeadingArticles drops the forms that are another form of the same
// term with "the", "a" or "an" before it ("the occupation of the West
// Bank" where "occupation of the West Bank" is a form too): the shorter
// one labels the same words, and a phrase that begins with an article
// would make every "the" of a text a place to look for one.
func withoutLeadingArticles(forms []string) []string {
	have := make(map[string]bool, len(forms))
	for _, f := range forms {
		have[strings.ToLower(f)] = true
	}
	out := forms[:0:0]
	for _, f := range forms {
		first, rest, ok := strings.Cut(f, " ")
		if ok {
			switch strings.ToLower(first) {
			case "the", "a", "an":
				if have[strings.ToLower(rest)] {
					continue
				}
			}
		}
		out = append(out, f)
	}
	return out
}
