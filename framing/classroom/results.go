package classroom

import (
	"slices"
	"sort"
	"strings"

	"framelens/framing"
)

// LexiconHit is what the lexicon says about a wording: the concept, the
// term and whose usage it follows.
type LexiconHit struct {
	LexiconID   int64
	ConceptID   int64
	Concept     string
	Term        string
	Perspective string // display name, "" for none
	Swatch      framing.Swatch
}

// Wording is every mark of one wording, across the session's articles.
type Wording struct {
	Key      string // see WordingKey
	Text     string // as first marked
	Students int    // how many students marked it
	Marks    int
	// ArticleIDs are the articles it was marked in, in session order.
	ArticleIDs []int64
	// Language is the first such article's language, for proposing the
	// wording as a term.
	Language string
	// Lexicon is the lexicon's match the marks overlap, nil when the
	// lexicon does not know the wording.
	Lexicon *LexiconHit
	// Concepts are what the students who tagged it said it refers to,
	// most chosen first; Agree is how many chose the lexicon's concept.
	Concepts []ConceptChoice
	Agree    int
}

// ConceptChoice is how many students tagged a wording with a concept.
type ConceptChoice struct {
	ConceptID int64
	Concept   string
	Students  int
}

// Missed is a lexicon term found in the articles that no student marked.
type Missed struct {
	LexiconHit
	Surfaces   []string // the forms found, once each
	Count      int
	ArticleIDs []int64
}

// ArticleHeat is one article's share of the class's marks.
type ArticleHeat struct {
	ArticleID int64
	Marks     int
	Students  int
	// Pieces are the stretches students marked, in text order, cut
	// wherever a mark starts or ends.
	Pieces []framing.HeatPiece
}

// Results is what a session's marks add up to.
type Results struct {
	Students int // joined
	Marking  int // students who marked at least once
	Marks    int
	Articles []ArticleHeat // in session order
	Wordings []Wording     // most students first
	// Known is how many wordings the lexicon knows.
	Known  int
	Missed []Missed // most frequent first
	// Legend gives the perspectives of the wordings the class is asked
	// about (AskedMatches) their swatches on the session's pages.
	Legend framing.Legend
}

// Tally adds up a session's marks over its articles and what the
// matcher found in them. Marks whose span no longer fits the article (it
// was edited since) count for their wording but not on the heat map.
func Tally(m *framing.Matcher, articles []framing.ArticleMatches, marks []Mark, students int) Results {
	res := Results{Students: students, Marks: len(marks)}
	res.Legend = Legend(m, articles)
	byArticle := map[int64][]Mark{}
	marking := map[int64]bool{}
	for _, mk := range marks {
		byArticle[mk.ArticleID] = append(byArticle[mk.ArticleID], mk)
		marking[mk.StudentID] = true
	}
	res.Marking = len(marking)
	wordings := map[string]*Wording{}
	wordingStudents := map[string]map[int64]bool{}
	// Each student's concept for a wording counts once.
	type choice struct {
		key     string
		student int64
		concept int64
	}
	chosen := map[choice]bool{}
	// hits are the lexicon's matches inside each wording, in text order.
	hits := map[string][]LexiconHit{}
	var order []string
	missed := map[framing.TermRef]*Missed{}
	var missOrder []framing.TermRef
	for _, am := range articles {
		a := am.Article
		ms := byArticle[a.ID]
		res.Articles = append(res.Articles, heat(a, ms, students))
		covered := make([]bool, len(am.Matches))
		for _, mk := range ms {
			key := WordingKey(mk.Text)
			if key == "" {
				continue
			}
			w, ok := wordings[key]
			if !ok {
				w = &Wording{Key: key, Text: strings.TrimSpace(mk.Text), Language: a.Language}
				wordings[key], wordingStudents[key] = w, map[int64]bool{}
				order = append(order, key)
			}
			w.Marks++
			wordingStudents[key][mk.StudentID] = true
			if mk.ConceptID != 0 {
				chosen[choice{key, mk.StudentID, mk.ConceptID}] = true
			}
			if !slices.Contains(w.ArticleIDs, a.ID) {
				w.ArticleIDs = append(w.ArticleIDs, a.ID)
			}
			fits := mk.Start >= 0 && mk.End <= len(a.Body) && mk.Start < mk.End
			for i := range am.Matches {
				match := &am.Matches[i]
				if fits && match.Start < mk.End && mk.Start < match.End {
					covered[i] = true
					hit := hitOf(m, res.Legend, match.Ref)
					if !slices.ContainsFunc(hits[key], func(h LexiconHit) bool { return h.ConceptID == hit.ConceptID }) {
						hits[key] = append(hits[key], hit)
					}
				}
			}
		}
		for i := range am.Matches {
			match := &am.Matches[i]
			if covered[i] || m.IsPlainAttribution(match.Ref) {
				continue // "said" is not what the class was asked about
			}
			ms, ok := missed[match.Ref]
			if !ok {
				ms = &Missed{LexiconHit: hitOf(m, res.Legend, match.Ref)}
				missed[match.Ref] = ms
				missOrder = append(missOrder, match.Ref)
			}
			ms.Count++
			if surface := match.Surface; !slices.Contains(ms.Surfaces, surface) {
				ms.Surfaces = append(ms.Surfaces, surface)
			}
			if !slices.Contains(ms.ArticleIDs, a.ID) {
				ms.ArticleIDs = append(ms.ArticleIDs, a.ID)
			}
		}
	}
	names := conceptNames(m)
	counts := map[string]map[int64]int{}
	for c := range chosen {
		if counts[c.key] == nil {
			counts[c.key] = map[int64]int{}
		}
		counts[c.key][c.concept]++
	}
	for _, key := range order {
		w := wordings[key]
		w.Students = len(wordingStudents[key])
		// A wording a student marked may hold several of the lexicon's
		// ("so-called separatists"): it is known as the one most students
		// chose the concept of, or else the first.
		best := -1
		for i, h := range hits[key] {
			if best < 0 || counts[key][h.ConceptID] > counts[key][hits[key][best].ConceptID] {
				best = i
			}
		}
		if best >= 0 {
			w.Lexicon = &hits[key][best]
		}
		for id, n := range counts[key] {
			w.Concepts = append(w.Concepts, ConceptChoice{ConceptID: id, Concept: names[id], Students: n})
			if w.Lexicon != nil && w.Lexicon.ConceptID == id {
				w.Agree = n
			}
		}
		slices.SortFunc(w.Concepts, func(a, b ConceptChoice) int {
			if a.Students != b.Students {
				return b.Students - a.Students
			}
			return strings.Compare(a.Concept, b.Concept)
		})
		if w.Lexicon != nil {
			res.Known++
		}
		res.Wordings = append(res.Wordings, *w)
	}
	sort.SliceStable(res.Wordings, func(i, j int) bool { return res.Wordings[i].Students > res.Wordings[j].Students })
	for _, ref := range missOrder {
		res.Missed = append(res.Missed, *missed[ref])
	}
	sort.SliceStable(res.Missed, func(i, j int) bool { return res.Missed[i].Count > res.Missed[j].Count })
	return res
}

// Legend is the legend of a session's pages: the perspectives of
// the wordings the class is asked about, in text order.
func Legend(m *framing.Matcher, articles []framing.ArticleMatches) framing.Legend {
	var asked [][]framing.Match
	for _, am := range articles {
		asked = append(asked, framing.AskedMatches(m, am.Matches))
	}
	return framing.MatchesLegend(m, asked...)
}

// conceptNames names every concept of the matcher's lexicons by id.
func conceptNames(m *framing.Matcher) map[int64]string {
	out := map[int64]string{}
	for _, l := range m.Lexicons() {
		for _, c := range l.Concepts {
			out[c.ID] = c.Name
		}
	}
	return out
}

func hitOf(m *framing.Matcher, legend framing.Legend, ref framing.TermRef) LexiconHit {
	lex, c, t := m.Lexicon(ref), m.Concept(ref), m.Term(ref)
	return LexiconHit{LexiconID: lex.ID, ConceptID: c.ID, Concept: c.Name, Term: t.Label(),
		Perspective: m.PerspectiveName(ref), Swatch: legend.Swatch(m.PerspectiveName(ref))}
}

// heat counts, for every stretch of the article, how many students'
// marks cover it: each student's overlapping marks are merged first, so
// one student counts once however they marked.
func heat(a framing.Article, marks []Mark, students int) ArticleHeat {
	out := ArticleHeat{ArticleID: a.ID, Marks: len(marks)}
	own := map[int64][]framing.Span{}
	var ids []int64
	for _, mk := range marks {
		if mk.Start < 0 || mk.End > len(a.Body) || mk.Start >= mk.End {
			continue
		}
		if _, ok := own[mk.StudentID]; !ok {
			ids = append(ids, mk.StudentID)
		}
		own[mk.StudentID] = append(own[mk.StudentID], mk.Span)
	}
	out.Students = len(ids)
	delta := map[int]int{}
	for _, id := range ids {
		for _, sp := range mergeSpans(own[id]) {
			delta[sp.Start]++
			delta[sp.End]--
		}
	}
	classSize := max(students, out.Students, 1)
	// One sweep over the boundaries in text order adds up the deltas.
	level, points := 0, sortedKeys(delta)
	for i, x := range points {
		level += delta[x]
		if level > 0 && i+1 < len(points) {
			out.Pieces = append(out.Pieces, framing.HeatPiece{Span: framing.Span{Start: x, End: points[i+1]}, Students: level,
				Level: min(framing.HeatLevels, (level*framing.HeatLevels+classSize-1)/classSize)})
		}
	}
	return out
}

func sortedKeys(m map[int]int) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// mergeSpans unites overlapping or touching spans.
func mergeSpans(spans []framing.Span) []framing.Span {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b framing.Span) int { return a.Start - b.Start })
	var out []framing.Span
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}
