package views

import (
	"fmt"
	"net/url"
	"strings"

	"framelens/framing"
	"framelens/framing/textstat"
)

// tabURL is the address of one view of the event, in blind mode if this
// one is.
func (v EventView) tabURL(path string) string {
	u := eventURL(v.Event.ID) + path
	if v.Blind {
		u += "?blind=1"
	}
	return u
}

// join is what goes between tabURL and one more query parameter.
func (v EventView) join() string {
	if v.Blind {
		return "&"
	}
	return "?"
}

// article finds one of the event's articles by id.
func (v EventView) article(id int64) framing.Article {
	for _, a := range v.Articles {
		if a.ID == id {
			return a
		}
	}
	return framing.Article{}
}

func maxZ(words []textstat.Distinctive) float64 {
	m := 3.0 // keep the 1.96 line well inside the bar
	for _, w := range words {
		m = max(m, w.Z)
	}
	return m
}

func barWidth(z, maxZ, width float64) float64 {
	if z <= 0 || maxZ <= 0 {
		return 0
	}
	return min(width, z/maxZ*width)
}

// strengthWord says a z-score in words for readers without statistics.
func strengthWord(z float64) string {
	switch {
	case z >= 3.3:
		return "very clear"
	case z >= 1.96:
		return "clear"
	case z >= 1:
		return "weak"
	}
	return "chance"
}

// proposeURL opens the term form prefilled with a phrase from an article;
// concept ("lexiconID:conceptID") preselects a concept when one is known.
func proposeURL(phrase string, a framing.Article, concept string) string {
	q := url.Values{}
	q.Set("phrase", phrase)
	q.Set("language", a.Language)
	if a.ID != 0 {
		q.Set("event", fmt.Sprint(a.EventID))
		q.Set("article", fmt.Sprint(a.ID))
	}
	if concept != "" {
		q.Set("concept", concept)
	}
	return "/lexicons/propose?" + q.Encode()
}

// proposer makes the address that proposes one of the focused article's
// words as a term, or is nil for a reader who may not propose.
func (v DistinctiveView) proposer() func(string) string {
	if v.User == nil {
		return nil
	}
	return func(term string) string { return proposeURL(term, v.Focus, "") }
}

// proposer makes the address that proposes one of the outlet's words as a
// term, or is nil for a reader who may not propose.
func (v OutletWordsView) proposer() func(string) string {
	if v.User == nil {
		return nil
	}
	return func(term string) string { return proposeURL(term, framing.Article{Language: v.Language}, "") }
}

// incidental counts the pairs that differ only in names, numbers and
// dates, which the page folds away.
func (v AlignmentsView) incidental() int {
	n := 0
	for _, p := range v.Pairs {
		if p.Kind == textstat.PairIncidental {
			n++
		}
	}
	return n
}

func sideRef(p textstat.AlignedPair, isA bool) textstat.SentenceRef {
	if isA {
		return p.A
	}
	return p.B
}

// side is the text of one side of the pair, A's or B's.
func (p Pair) side(isA bool) []framing.Piece {
	if isA {
		return p.Sides[0]
	}
	return p.Sides[1]
}

// diffNote is what the page says under a side about one of its differing
// stretches: the lexicon's terms in it, or an offer to propose it.
type diffNote struct {
	Text       string
	Lexicon    string // "Status · occupied (Azerbaijani usage)", or ""
	ProposeURL string
}

// maxProposedWords keeps whole clauses out of the proposals: a term is a
// wording, a few words at most.
const maxProposedWords = 4

func (v AlignmentsView) diffNotes(p textstat.AlignedPair, isA bool) []diffNote {
	side := sideRef(p, isA)
	var out []diffNote
	for _, d := range p.Differences {
		text, terms, otherTerms := d.B, d.BTerms, d.ATerms
		if isA {
			text, terms, otherTerms = d.A, d.ATerms, d.BTerms
		}
		if text == "" {
			continue
		}
		if len(terms) > 0 {
			for _, r := range terms {
				out = append(out, diffNote{Text: v.Matcher.Term(r).Label(), Lexicon: v.termLabel(r)})
			}
			continue
		}
		if len(strings.Fields(text)) > maxProposedWords {
			continue
		}
		concept := ""
		if len(otherTerms) > 0 {
			r := otherTerms[0]
			concept = fmt.Sprintf("%d:%d", v.Matcher.Lexicon(r).ID, v.Matcher.Concept(r).ID)
		}
		out = append(out, diffNote{Text: text, ProposeURL: proposeURL(text, v.article(side.Article), concept)})
	}
	return out
}

func (v EventView) termLabel(r framing.TermRef) string {
	label := v.Matcher.Concept(r).Name + " · " + v.Matcher.Term(r).Label()
	if p := v.Matcher.PerspectiveName(r); p != "" {
		label += " (" + p + ")"
	}
	return label
}
