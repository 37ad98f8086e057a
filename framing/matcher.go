package framing

import (
	"fmt"
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
	// The phrases form a trie over key ids: edges[node<<32|key] = child.
	edges  map[uint64]int32
	finals [][]int32 // node → terms whose phrase ends there
	nodes  int32
	// root[key] is the child of the trie's root for a key, or 0: most
	// tokens with a key stop there, so it is an array, not a map lookup.
	root []int32

	// words caches, for a folded word, its stem-mode and word-mode key ids
	// (-1: none). It only grows, by copy on write, and is bounded.
	words   atomic.Pointer[map[string]wordKeys]
	mergeMu sync.Mutex
}

type wordKeys struct {
	stem, word int32
}

const maxCachedWords = 1 << 18

// Compile builds a matcher for the given lexicons. Lexicons should be
// valid (see Lexicon.Validate); terms whose phrase has no words are
// skipped.
func Compile(lexicons []Lexicon) (*Matcher, error) {
	m := &Matcher{
		lexicons: lexicons,
		keys:     map[string]int32{},
		exact:    map[string]int32{},
		edges:    map[uint64]int32{},
		finals:   [][]int32{nil},
		nodes:    1,
	}
	cache := map[string]wordKeys{}
	for li := range lexicons {
		for ci := range lexicons[li].Concepts {
			for ti, t := range lexicons[li].Concepts[ci].Terms {
				termIndex := int32(len(m.refs))
				m.refs = append(m.refs, TermRef{li, ci, ti})
				for _, phrase := range append([]string{t.Phrase}, t.Variants...) {
					for _, words := range phraseWords(phrase) {
						if err := m.addPhrase(words, t.MatchMode(), termIndex, cache); err != nil {
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
	// Prime the word cache with the lexicon's own words, now that every
	// key exists.
	for w := range cache {
		cache[w] = m.lookupWord(w)
	}
	m.words.Store(&cache)
	return m, nil
}

// child follows the trie edge from node by key; 0 means there is none.
func (m *Matcher) child(node, key int32) int32 {
	if node == 0 {
		return m.root[key]
	}
	return m.edges[uint64(node)<<32|uint64(uint32(key))]
}

func (m *Matcher) keyID(table map[string]int32, key string) int32 {
	if id, ok := table[key]; ok {
		return id
	}
	id := int32(len(m.keys) + len(m.exact))
	table[key] = id
	return id
}

func (m *Matcher) addPhrase(words []string, mode string, term int32, cache map[string]wordKeys) error {
	node := int32(0)
	var buf []byte
	for _, w := range words {
		var key int32
		switch mode {
		case MatchExact:
			key = m.keyID(m.exact, w)
		case MatchWord:
			buf = foldWord(buf[:0], w)
			key = m.keyID(m.keys, "w"+string(buf))
			cache[string(buf)] = wordKeys{}
		default:
			buf = foldWord(buf[:0], w)
			key = m.keyID(m.keys, "s"+stemWord(string(buf)))
			cache[string(buf)] = wordKeys{}
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

// lookupWord computes the key ids of a folded word (the slow path: it
// stems).
func (m *Matcher) lookupWord(folded string) wordKeys {
	wk := wordKeys{stem: -1, word: -1}
	if id, ok := m.keys["w"+folded]; ok {
		wk.word = id
	}
	if id, ok := m.keys["s"+stemWord(folded)]; ok {
		wk.stem = id
	}
	return wk
}

// mergeWords adds newly seen words to the shared cache.
func (m *Matcher) mergeWords(seen map[string]wordKeys) {
	if len(seen) == 0 {
		return
	}
	m.mergeMu.Lock()
	defer m.mergeMu.Unlock()
	old := *m.words.Load()
	if len(old) >= maxCachedWords {
		return
	}
	next := make(map[string]wordKeys, len(old)+len(seen))
	for k, v := range old {
		next[k] = v
	}
	for k, v := range seen {
		if len(next) >= maxCachedWords {
			break
		}
		next[k] = v
	}
	m.words.Store(&next)
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
