package match

import (
	"math/bits"
	"strings"
)

// wordCache is a snapshot of what the matcher knows about folded words:
// packable words in the table, the rest (non-ASCII, longer than 16 bytes,
// or past the table's bound) in a map. A word is stemmed once per matcher,
// so a running server stems each word of its articles once per lexicon
// version.
type wordCache struct {
	table *wordTable
	other map[string]wordInfo
}

const maxCachedWords = 1 << 18

// lookup returns what is known of a folded word.
func (c *wordCache) lookup(folded string) (wordInfo, bool) {
	if k, ok := packFolded(folded); ok {
		if info, ok := c.table.get(k); ok {
			return info, true
		}
	}
	info, ok := c.other[folded]
	return info, ok
}

// lookupWord computes what a folded word carries (the slow path: it
// stems).
func (m *Matcher) lookupWord(folded string) wordInfo {
	var info wordInfo
	if id, ok := m.keys["s"+Stem(folded)]; ok {
		m.addKey(&info, id)
	}
	if id, ok := m.keys["w"+folded]; ok {
		m.addKey(&info, id)
	}
	if info.n() == 1 {
		info.keys |= info.keys << 32 // see wordInfo.keys
	}
	if m.exactFolds[folded] {
		info.meta |= metaExact
	}
	return info
}

// addKey records in info key id and what it brings (see keyMeta).
func (m *Matcher) addKey(info *wordInfo, id int32) {
	info.keys |= uint64(uint32(id)) << (32 * info.n())
	info.meta += 1 << metaN
	info.meta |= m.keyMeta(id)
}

// keyMeta is what key id brings to a word, as wordInfo.meta: its bits,
// what may follow it, and whether it begins a phrase or is one.
func (m *Matcher) keyMeta(id int32) uint64 {
	meta := uint64(m.follow[id]) | uint64(keyBit(id))<<metaBits
	if child := m.root[id]; child != 0 {
		meta |= metaStarts
		if m.nodeFlags[child]&nodeFinal != 0 {
			meta |= metaSolo
		}
	}
	return meta
}

// mergeShare: a text's new words are merged into the cache when they are
// at least 1/mergeShare of the words cached.
const mergeShare = 64

// mergeWords adds newly seen words to the shared cache, copying it: the
// published snapshot is never written, so readers need no lock.
func (m *Matcher) mergeWords(seen map[string]wordInfo) {
	if len(seen) == 0 {
		return
	}
	m.mergeMu.Lock()
	defer m.mergeMu.Unlock()
	old := m.cache.Load()
	if old.table.n+len(old.other) >= maxCachedWords {
		return
	}
	// Merging copies the cache, so a text that brings a handful of new
	// words (a number, a name) to a large cache would cost a copy of the
	// whole cache for each of them: re-analysing an archive with a new
	// matcher would copy it once per article. A text's new words are kept
	// only when they are a fair share of what is cached, so copies cost
	// in proportion to what they add; the words left out are stemmed
	// again when met, as the first time.
	if len(seen)*mergeShare < old.table.n+len(old.other) {
		return
	}
	next := &wordCache{table: old.table, other: old.other}
	packable, rest := 0, 0
	for w := range seen {
		if _, ok := packFolded(w); ok && old.table.n+packable < maxTableWords {
			packable++
		} else {
			rest++
		}
	}
	if packable > 0 {
		next.table = old.table.grown(packable)
	}
	if rest > 0 {
		next.other = make(map[string]wordInfo, len(old.other)+rest)
		for k, v := range old.other {
			next.other[k] = v
		}
	}
	for w, info := range seen {
		if k, ok := packFolded(w); ok && next.table.n < maxTableWords {
			next.table.put(k, info)
		} else if rest > 0 {
			next.other[strings.Clone(w)] = info
		}
	}
	m.cache.Store(next)
}

// edgeTable is the phrase trie's edges below the root, keyed by
// node<<32|key, in an open-addressing table: flat memory the walk reads
// without the overhead of a general map. A slot holds an edge and its
// child together, so a lookup reads one cache line. The word loop's key
// bits send the walk only where an edge is likely, so most lookups find
// one, and a half-full table is as quick to search as a sparser one while
// taking less of the cache.
type edgeTable struct {
	slots []edgeSlot
	shift uint
}

type edgeSlot struct {
	edge  uint64 // 0 marks an empty slot; node 0 (the root) is never stored here
	child int32
}

func newEdgeTable(edges map[uint64]int32) edgeTable {
	size := 16
	for size < 2*len(edges) {
		size <<= 1
	}
	t := edgeTable{slots: make([]edgeSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	mask := uint64(size - 1)
	for edge, child := range edges {
		if edge>>32 == 0 {
			continue // the root's edges live in Matcher.root
		}
		i := t.index(edge)
		for t.slots[i].edge != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = edgeSlot{edge, child}
	}
	return t
}

func (t *edgeTable) index(edge uint64) uint64 { return spread(edge) >> (t.shift & 63) }

func (t *edgeTable) get(edge uint64) int32 {
	mask := uint64(len(t.slots) - 1)
	for i := t.index(edge); ; i = (i + 1) & mask {
		switch s := &t.slots[i]; s.edge {
		case edge:
			return s.child
		case 0:
			return 0
		}
	}
}
