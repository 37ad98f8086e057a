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
}

// Comparison is the concept × article table of an event.
type Comparison struct {
	Articles []Article
	// Matches holds each article's matches, in article order, for marking
	// them in the text.
	Matches [][]Match
	Rows    []Row
}

// contextWidth is how many bytes of text a context line keeps on each side.
const contextWidth = 80

// CategoryAttribution is the category of concepts about how an outlet
// attributes words to a speaker ("said", "claimed").
const CategoryAttribution = "attribution"

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
	return cmp
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
