package storeutil

import (
	"strconv"
	"strings"

	"framelens/framing"
)

// Lexicons assembles whole lexicons from the rows of their four tables,
// read in order: every lexicon first, then the perspectives, concepts and
// terms, each naming its lexicon or concept by id.
type Lexicons struct {
	list    []framing.Lexicon
	lexicon map[int64]int // lexicon id → index in list
	concept map[int64]conceptAt
}

type conceptAt struct{ lex, concept int }

// AddLexicon adds a lexicon, without its perspectives and concepts.
func (ls *Lexicons) AddLexicon(l framing.Lexicon) {
	if ls.lexicon == nil {
		ls.lexicon, ls.concept = map[int64]int{}, map[int64]conceptAt{}
	}
	ls.lexicon[l.ID] = len(ls.list)
	ls.list = append(ls.list, l)
}

// AddPerspective adds a perspective to its lexicon.
func (ls *Lexicons) AddPerspective(lexiconID int64, p framing.Perspective) {
	l := &ls.list[ls.lexicon[lexiconID]]
	l.Perspectives = append(l.Perspectives, p)
}

// AddConcept adds a concept, without its terms, to its lexicon.
func (ls *Lexicons) AddConcept(lexiconID int64, c framing.Concept) {
	i := ls.lexicon[lexiconID]
	l := &ls.list[i]
	ls.concept[c.ID] = conceptAt{i, len(l.Concepts)}
	l.Concepts = append(l.Concepts, c)
}

// AddTerm adds a term to its concept.
func (ls *Lexicons) AddTerm(conceptID int64, t framing.Term) {
	at := ls.concept[conceptID]
	c := &ls.list[at.lex].Concepts[at.concept]
	c.Terms = append(c.Terms, t)
}

// List is the lexicons assembled, in the order they were added.
func (ls *Lexicons) List() []framing.Lexicon { return ls.list }

// LexiconKey names a version of the whole set of lexicons, such as
// "1:3,2:1", from each lexicon's id and version in id order: it changes
// whenever any lexicon is added, edited or removed, which is when
// compiled matchers and kept analyses go stale.
type LexiconKey struct{ b strings.Builder }

// Add adds a lexicon's id and version.
func (k *LexiconKey) Add(id, version int64) {
	if k.b.Len() > 0 {
		k.b.WriteByte(',')
	}
	k.b.WriteString(strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(version, 10))
}

func (k *LexiconKey) String() string { return k.b.String() }

// FindLexicon is the lexicon of the id among all, or ENotFound.
func FindLexicon(all []framing.Lexicon, id int64) (framing.Lexicon, error) {
	for _, l := range all {
		if l.ID == id {
			return l, nil
		}
	}
	return framing.Lexicon{}, framing.Errorf(framing.ENotFound, "There is no lexicon %d.", id)
}

// PerspectiveSlugs are the slugs of a lexicon's perspectives, which a
// term's perspective must be one of (framing.Term.Validate).
func PerspectiveSlugs(l framing.Lexicon) map[string]bool {
	out := map[string]bool{}
	for _, p := range l.Perspectives {
		out[p.Slug] = true
	}
	return out
}

// PhraseTaken is the conflict of a term t whose concept has another term
// of phrase and language that is the same as t's but for case, or nil.
func PhraseTaken(t framing.Term, phrase, language string) error {
	if language == t.Language && strings.EqualFold(phrase, t.Phrase) {
		return ErrTermTaken(phrase)
	}
	return nil
}
