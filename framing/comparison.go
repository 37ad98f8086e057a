package framing

import "sort"

// ArticleMatches is one article with what the matcher found in it.
type ArticleMatches struct {
	Article Article
	Matches []Match
}

// VoiceCounts counts a term's matches by voice.
type VoiceCounts struct {
	Own    int
	Quoted int
	Scare  int
}

func (v *VoiceCounts) add(voice Voice) {
	switch voice {
	case VoiceQuoted:
		v.Quoted++
	case VoiceScare:
		v.Scare++
	default:
		v.Own++
	}
}

// Occurrence is one match of a term in an article, with its context.
type Occurrence struct {
	Span
	Voice    Voice
	Sentence int
	Context  Context
}

// TermUse is how often one article used one term.
type TermUse struct {
	Ref         TermRef
	Term        *Term
	Perspective string // the perspective's display name
	Count       int
	Voices      VoiceCounts
	Occurrences []Occurrence
}

// Cell is one article's wording of one concept; no terms means the
// article does not mention the concept.
type Cell struct {
	ArticleID int64
	Terms     []TermUse
}

// Row is one concept across the articles.
type Row struct {
	Lexicon *Lexicon
	Concept *Concept
	Cells   []Cell // one per article, in article order
	// Differs is true when articles that mention the concept chose
	// different wordings for it.
	Differs bool
	// Mentions is how many articles mention the concept.
	Mentions int
	Total    int
	// Totals sum the row's terms over every article of the event, when a
	// page shows the cells of some of them only (see Comparison.Narrow).
	Totals []TermTotal
}

// Comparison is the concept × article table of an event.
type Comparison struct {
	Articles []Article
	// Matches holds each article's matches, in article order, for marking
	// them in the text.
	Matches [][]Match
	Rows    []Row
	// Legend gives each perspective the page shows its swatch: those of
	// the concept rows first, then those of attribution.
	Legend Legend
}

// IsAttribution reports a row of how the outlets attribute words ("said",
// "claimed"), which pages show apart from the rows of naming.
func (r Row) IsAttribution() bool { return r.Concept.Category == CategoryAttribution }

// contextWidth is how many bytes of text a context line keeps on each side.
const contextWidth = 80

// CategoryAttribution is the category of concepts about how an outlet
// attributes words to a speaker ("said", "claimed").
const CategoryAttribution = "attribution"

// PerspectivePlain is the perspective of the plain verbs of saying
// ("said", "told", "according to") in the attribution verbs lexicon.
const PerspectivePlain = "plain"

// IsPlainAttribution reports a match of a plain verb of saying: it reports
// that words were said and frames nothing, so a class is not asked about
// it, nor told that it missed it.
func (m *Matcher) IsPlainAttribution(r TermRef) bool {
	return m.Concept(r).Category == CategoryAttribution && m.Term(r).Perspective == PerspectivePlain
}

// AskedMatches are the matches a class is asked about: all but plain
// verbs of saying.
func AskedMatches(m *Matcher, matches []Match) []Match {
	out := make([]Match, 0, len(matches))
	for _, match := range matches {
		if !m.IsPlainAttribution(match.Ref) {
			out = append(out, match)
		}
	}
	return out
}

// Compare builds the concept × article table: one row per concept any
// article matched; rows where articles chose different wordings first,
// then by how many articles mention the concept and how often.
func Compare(m *Matcher, articles []ArticleMatches) Comparison {
	type conceptKey struct{ lexicon, concept int }
	rows := map[conceptKey]*Row{}
	var order []conceptKey
	cmp := Comparison{}
	for ai, am := range articles {
		cmp.Articles = append(cmp.Articles, am.Article)
		cmp.Matches = append(cmp.Matches, am.Matches)
		for _, match := range am.Matches {
			if match.Voice != VoiceOwn && m.Concept(match.Ref).Category == CategoryAttribution {
				// A verb of saying in someone's quoted words is theirs: the
				// row tells how the outlet attributes, so it counts only the
				// outlet's own.
				continue
			}
			key := conceptKey{match.Ref.Lexicon, match.Ref.Concept}
			row, ok := rows[key]
			if !ok {
				row = &Row{Lexicon: m.Lexicon(match.Ref), Concept: m.Concept(match.Ref), Cells: make([]Cell, len(articles))}
				for i := range row.Cells {
					row.Cells[i].ArticleID = articles[i].Article.ID
				}
				rows[key] = row
				order = append(order, key)
			}
			cell := &row.Cells[ai]
			use := findUse(cell, match.Ref)
			if use == nil {
				cell.Terms = append(cell.Terms, TermUse{Ref: match.Ref, Term: m.Term(match.Ref), Perspective: m.PerspectiveName(match.Ref)})
				use = &cell.Terms[len(cell.Terms)-1]
			}
			use.Count++
			use.Voices.add(match.Voice)
			use.Occurrences = append(use.Occurrences, Occurrence{
				Span: match.Span, Voice: match.Voice, Sentence: match.Sentence,
				Context: KWIC(am.Article.Body, match.Span, contextWidth),
			})
			row.Total++
		}
	}
	for _, key := range order {
		row := rows[key]
		row.Mentions, row.Differs = mentions(row)
		cmp.Rows = append(cmp.Rows, *row)
	}
	sort.SliceStable(cmp.Rows, func(i, j int) bool {
		a, b := cmp.Rows[i], cmp.Rows[j]
		if a.Differs != b.Differs {
			return a.Differs
		}
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		return a.Total > b.Total
	})
	cmp.Legend = comparisonLegend(m, cmp)
	return cmp
}

// comparisonLegend lists the perspectives of the concept rows, then those
// of the attribution rows, then any that only a mark in the text shows
// (a verb of saying inside a quotation).
func comparisonLegend(m *Matcher, cmp Comparison) Legend {
	var b legendBuilder
	for _, attribution := range []bool{false, true} {
		for _, r := range cmp.Rows {
			if r.IsAttribution() != attribution {
				continue
			}
			for _, cell := range r.Cells {
				for _, u := range cell.Terms {
					b.addRef(m, u.Ref)
				}
			}
		}
	}
	for _, ms := range cmp.Matches {
		for _, match := range ms {
			b.addRef(m, match.Ref)
		}
	}
	return b.build()
}

func findUse(cell *Cell, ref TermRef) *TermUse {
	for i := range cell.Terms {
		if cell.Terms[i].Ref == ref {
			return &cell.Terms[i]
		}
	}
	return nil
}

// mentions counts the articles that mention a row's concept and whether
// their sets of wordings differ.
func mentions(row *Row) (int, bool) {
	n := 0
	var first map[TermRef]bool
	differs := false
	for _, cell := range row.Cells {
		if len(cell.Terms) == 0 {
			continue
		}
		n++
		set := map[TermRef]bool{}
		for _, t := range cell.Terms {
			set[t.Ref] = true
		}
		if first == nil {
			first = set
			continue
		}
		if len(set) != len(first) {
			differs = true
			continue
		}
		for ref := range set {
			if !first[ref] {
				differs = true
			}
		}
	}
	return n, differs
}
