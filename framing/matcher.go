package framing

import (
	"fmt"

	"framelens/framing/match"
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
	refs     []TermRef // a term's id in the engine → where the term lives
	engine   *match.Matcher
}

// matchModes are the engine's modes for a term's MatchMode.
var matchModes = map[string]match.Mode{MatchStem: match.ModeStem, MatchWord: match.ModeWord, MatchExact: match.ModeExact}

// Compile builds a matcher for the given lexicons. Lexicons should be
// valid (see Lexicon.Validate); terms whose phrase has no words are
// skipped.
func Compile(lexicons []Lexicon) (*Matcher, error) {
	m := &Matcher{lexicons: lexicons}
	var terms []match.Term
	for li := range lexicons {
		for ci := range lexicons[li].Concepts {
			for ti, t := range lexicons[li].Concepts[ci].Terms {
				forms, err := t.forms()
				if err != nil {
					return nil, fmt.Errorf("compile term %q: %w", t.Phrase, err)
				}
				mode := matchModes[t.MatchMode()]
				terms = append(terms, match.Term{ID: len(m.refs), Phrases: withoutLeadingArticles(forms), Mode: mode,
					Rank: labelRank(&lexicons[li], mode)})
				m.refs = append(m.refs, TermRef{li, ci, ti})
			}
		}
	}
	m.engine = match.Compile(terms)
	return m, nil
}

// labelRank is a term's rank in the engine, which orders the terms
// that label one span, lowest first: a topic lexicon's before a general
// one's, then exact before word before stem mode (the more specific
// wording); terms alike keep the order of their lexicons.
func labelRank(l *Lexicon, mode match.Mode) int {
	p := 0
	if l.Scope != ScopeTopic {
		p = 3
	}
	switch mode {
	case match.ModeWord:
		p++
	case match.ModeStem:
		p += 2
	}
	return p
}

// Analyze finds every term of the matcher's lexicons in text, with its
// voice and sentence. Where phrases overlap, the longest one starting
// leftmost wins ("held under Armenian occupation" over "occupation"). A
// phrase never runs across the end of a sentence or a line, and a match
// never begins or ends inside a hyphenated compound ("terrorist" is not
// found in "anti-terrorist"). One span gets one label: where several
// terms cover the same words, a topic lexicon's term wins over a general
// one, then an exact-mode term over a word-mode one over a stem-mode one,
// then the term compiled first.
func (m *Matcher) Analyze(text string) Analysis {
	var a Analysis
	a.Matches, a.Sentences, a.Quotes = match.AnalyzeInto(m.engine, text, func(dst *Match, x match.Match) {
		dst.Span, dst.Surface, dst.Ref, dst.Voice, dst.Sentence = x.Span, text[x.Start:x.End], m.refs[x.Term], x.Voice, x.Sentence
	})
	return a
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
