package framing

import "slices"

// An event page shows the comparison table of every article, but the full
// text of a few only: a page that printed every text of a large event
// would grow with what is stored instead of with what a reader can read.
const (
	// DefaultShown is how many articles' texts a page shows unless the
	// reader picks others: the first ones added.
	DefaultShown = 8
	// MaxShown is how many a reader may pick at once.
	MaxShown = 16
)

// ChooseShown returns the articles whose texts are shown, in the event's
// order: those of ids that belong to the event, at most MaxShown, or the
// first DefaultShown when ids names none of them.
func ChooseShown(articles []Article, ids []int64) []Article {
	var out []Article
	for _, a := range articles {
		if slices.Contains(ids, a.ID) && len(out) < MaxShown {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = articles[:min(len(articles), DefaultShown)]
	}
	return out
}

// TermTotal is how one term of a row is used across all the articles of
// an event: in how many articles, and how often in all.
type TermTotal struct {
	Ref         TermRef
	Term        *Term
	Perspective string
	Articles    int
	Count       int
}

// Summarize totals each term of a row across all its cells, the terms
// used by the most articles first.
func Summarize(r Row) []TermTotal {
	var out []TermTotal
	for _, cell := range r.Cells {
		for _, u := range cell.Terms {
			k := slices.IndexFunc(out, func(t TermTotal) bool { return t.Ref == u.Ref })
			if k < 0 {
				out = append(out, TermTotal{Ref: u.Ref, Term: u.Term, Perspective: u.Perspective})
				k = len(out) - 1
			}
			out[k].Articles++
			out[k].Count += u.Count
		}
	}
	slices.SortStableFunc(out, func(a, b TermTotal) int { return b.Articles - a.Articles })
	return out
}

// Narrow keeps of a comparison the columns of the shown articles: their
// matches and their cells. Each row keeps what it says of all the
// articles (whether they differ, how many mention it) and its summary
// (see Summarize) in Totals; rows that none of the shown articles
// mention stay, with empty cells.
func (c Comparison) Narrow(shown []Article) Comparison {
	keep := make([]int, 0, len(shown))
	for i, a := range c.Articles {
		if slices.ContainsFunc(shown, func(s Article) bool { return s.ID == a.ID }) {
			keep = append(keep, i)
		}
	}
	out := Comparison{Legend: c.Legend, Rows: make([]Row, len(c.Rows))}
	for _, i := range keep {
		out.Articles = append(out.Articles, c.Articles[i])
		out.Matches = append(out.Matches, c.Matches[i])
	}
	for k, r := range c.Rows {
		r.Totals = Summarize(r)
		cells := make([]Cell, len(keep))
		for n, i := range keep {
			cells[n] = r.Cells[i]
		}
		r.Cells = cells
		out.Rows[k] = r
	}
	return out
}

// Row is the row of the concept with the given id, if any article
// mentions it.
func (c Comparison) Row(conceptID int64) (Row, bool) {
	for _, r := range c.Rows {
		if r.Concept.ID == conceptID {
			return r, true
		}
	}
	return Row{}, false
}
