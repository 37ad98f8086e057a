package framing

import (
	"fmt"
	"strings"
)

// Lexicon is a named set of concepts for one topic, or a general one such as
// attribution verbs.
type Lexicon struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Language    string
	// Version grows with every edit; analyses are kept per version.
	Version      int64
	Perspectives []Perspective
	Concepts     []Concept
}

// Perspective is whose usage a term is associated with. It describes usage,
// never judges an outlet.
type Perspective struct {
	ID          int64
	Slug        string
	Name        string
	Description string
}

// Concept is one referent that sides name differently.
type Concept struct {
	ID          int64
	Slug        string
	Name        string
	Category    string
	Description string
	Terms       []Term
}

// Match modes of a term.
const (
	// MatchStem matches any word whose Snowball stem equals the phrase's,
	// ignoring case: "occupied" finds "occupy" and "occupying".
	MatchStem = "stem"
	// MatchWord matches the words as written, ignoring case only; for words
	// whose stem would join unrelated ones ("liberal" and "liberated").
	MatchWord = "word"
	// MatchExact matches the words as written, case included: acronyms and
	// proper names that must not stem.
	MatchExact = "exact"
)

// Term is one wording of a concept.
type Term struct {
	ID     int64
	Phrase string
	// Language is the language whose usage the term documents ("en", "ru").
	Language string
	// Perspective is the slug of one of the lexicon's perspectives, or "".
	Perspective string
	Match       string
	// Variants are other spellings and word-family forms that count as this
	// term: "occupation" for "occupied", "recognised" for "recognized".
	Variants    []string
	Note        string
	Neutral     string
	SourceTitle string
	SourceURL   string
}

// MatchMode is the term's match mode, MatchStem when unset.
func (t Term) MatchMode() string {
	if t.Match == "" {
		return MatchStem
	}
	return t.Match
}

// Perspective returns the perspective with the given slug.
func (l *Lexicon) Perspective(slug string) (Perspective, bool) {
	for _, p := range l.Perspectives {
		if p.Slug == slug {
			return p, true
		}
	}
	return Perspective{}, false
}

// Validate checks that the lexicon is whole: named, with unique slugs,
// terms that say why they matter and where that is documented, and
// perspectives that exist.
func (l *Lexicon) Validate() error {
	var p Problems
	where := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	if strings.TrimSpace(l.Slug) == "" {
		p.Add("slug", "The lexicon needs a slug.")
	}
	if strings.TrimSpace(l.Name) == "" {
		p.Add("name", "The lexicon needs a name.")
	}
	perspectives := map[string]bool{}
	for i, ps := range l.Perspectives {
		if ps.Slug == "" || ps.Name == "" || perspectives[ps.Slug] {
			p.Add(where("perspectives[%d]", i), "Perspective %d needs a unique slug and a name.", i+1)
		}
		perspectives[ps.Slug] = true
	}
	concepts := map[string]bool{}
	for i, c := range l.Concepts {
		field := where("concepts[%d]", i)
		if c.Slug == "" || c.Name == "" || concepts[c.Slug] {
			p.Add(field, "Concept %d needs a unique slug and a name.", i+1)
		}
		concepts[c.Slug] = true
		if len(c.Terms) == 0 {
			p.Add(field, "Concept %q has no terms.", c.Name)
		}
		for j, t := range c.Terms {
			tf := where("concepts[%d].terms[%d]", i, j)
			switch {
			case strings.TrimSpace(t.Phrase) == "":
				p.Add(tf, "Term %d of %q has no phrase.", j+1, c.Name)
			case t.Language == "":
				p.Add(tf, "Term %q needs a language.", t.Phrase)
			case t.Perspective != "" && !perspectives[t.Perspective]:
				p.Add(tf, "Term %q names an unknown perspective %q.", t.Phrase, t.Perspective)
			case t.Match != "" && t.Match != MatchStem && t.Match != MatchWord && t.Match != MatchExact:
				p.Add(tf, "Term %q has match %q; use stem, word or exact.", t.Phrase, t.Match)
			case strings.TrimSpace(t.Note) == "":
				p.Add(tf, "Term %q needs a note on why it matters.", t.Phrase)
			case t.SourceURL == "":
				p.Add(tf, "Term %q needs a source URL.", t.Phrase)
			}
		}
	}
	return p.Err()
}

// Clone returns a deep copy, so that filling in ids on the copy leaves the
// original untouched.
func (l Lexicon) Clone() Lexicon {
	c := l
	c.Perspectives = append([]Perspective(nil), l.Perspectives...)
	c.Concepts = make([]Concept, len(l.Concepts))
	for i, concept := range l.Concepts {
		concept.Terms = append([]Term(nil), concept.Terms...)
		for j := range concept.Terms {
			concept.Terms[j].Variants = append([]string(nil), concept.Terms[j].Variants...)
		}
		c.Concepts[i] = concept
	}
	return c
}
