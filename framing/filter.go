package framing

import (
	"strings"

	"framelens/framing/pattern"
)

// TermFilter narrows a lexicon's listing: free text and facets.
type TermFilter struct {
	Query       string
	Category    string
	Perspective string
	Language    string
}

// Active reports whether any filter is set.
func (f TermFilter) Active() bool {
	return f.Query != "" || f.Category != "" || f.Perspective != "" || f.Language != ""
}

// Filter returns the lexicon's concepts that have terms passing f, each
// with only those terms. The query matches, ignoring case, a term's phrase,
// variants, note and neutral alternative, or its concept's name.
func (l *Lexicon) Filter(f TermFilter) []Concept {
	q := strings.ToLower(strings.TrimSpace(f.Query))
	var out []Concept
	for _, c := range l.Concepts {
		if f.Category != "" && c.Category != f.Category {
			continue
		}
		conceptHit := q != "" && strings.Contains(strings.ToLower(c.Name), q)
		kept := c
		kept.Terms = nil
		for _, t := range c.Terms {
			if f.Perspective != "" && t.Perspective != f.Perspective || f.Language != "" && t.Language != f.Language {
				continue
			}
			if q == "" || conceptHit || termContains(t, q) {
				kept.Terms = append(kept.Terms, t)
			}
		}
		if len(kept.Terms) > 0 || !f.Active() {
			out = append(out, kept)
		}
	}
	return out
}

func termContains(t Term, q string) bool {
	fields := append([]string{t.Phrase, t.Note, t.Neutral}, t.Variants...)
	if pattern.Is(t.Phrase) || len(t.Variants) > 0 {
		fields = append(fields, t.Forms()...)
	}
	for _, s := range fields {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// Categories lists the lexicon's concept categories in first-seen order.
func (l *Lexicon) Categories() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range l.Concepts {
		if !seen[c.Category] {
			seen[c.Category] = true
			out = append(out, c.Category)
		}
	}
	return out
}

// Languages lists the languages of the lexicon's terms in first-seen order.
func (l *Lexicon) Languages() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range l.Concepts {
		for _, t := range c.Terms {
			if !seen[t.Language] {
				seen[t.Language] = true
				out = append(out, t.Language)
			}
		}
	}
	return out
}

// TermCount is the number of terms in the lexicon.
func (l *Lexicon) TermCount() int {
	n := 0
	for _, c := range l.Concepts {
		n += len(c.Terms)
	}
	return n
}

// WordingHit is one term whose wording a search found.
type WordingHit struct {
	Lexicon *Lexicon
	Concept *Concept
	Term    *Term
}

// FindWording finds, in every lexicon, the terms one of whose wordings
// (phrase, variants and the forms a pattern stands for) contains the query,
// ignoring case: "Where does 'surge' appear?". Lexicons keep their order,
// terms their order within them.
func FindWording(lexicons []Lexicon, query string) []WordingHit {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var out []WordingHit
	for li := range lexicons {
		l := &lexicons[li]
		for ci := range l.Concepts {
			c := &l.Concepts[ci]
			for ti := range c.Terms {
				t := &c.Terms[ti]
				for _, form := range append(t.Forms(), t.Phrase) {
					if strings.Contains(strings.ToLower(form), q) {
						out = append(out, WordingHit{l, c, t})
						break
					}
				}
			}
		}
	}
	return out
}
