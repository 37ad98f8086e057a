package framing

import "slices"

// The methods below give what a page shows with the outlets' names
// hidden: copies with every name-bearing text masked, so that pages only
// render. An article's body keeps its text, because matches and marks
// are offsets into it: Segment hides the names in it. An inactive masker
// returns what it is given.

// Event hides names in an event's title and description.
func (m NameMasker) Event(e Event) Event {
	if m.Active() {
		e.Title, e.Description = m.Mask(e.Title), m.Mask(e.Description)
	}
	return e
}

// Article gives an article its outlet's alias and hides names in its
// headline.
func (m NameMasker) Article(a Article) Article {
	if m.Active() {
		a.Outlet, a.Headline = m.Outlet(a.Outlet), m.Mask(a.Headline)
	}
	return a
}

// Articles masks each article as Article does.
func (m NameMasker) Articles(articles []Article) []Article {
	if !m.Active() {
		return articles
	}
	out := make([]Article, len(articles))
	for i, a := range articles {
		out[i] = m.Article(a)
	}
	return out
}

// ArticleMatches gives each article its outlet's alias and hides names in
// its headline (see Articles).
func (m NameMasker) ArticleMatches(list []ArticleMatches) []ArticleMatches {
	if !m.Active() {
		return list
	}
	out := make([]ArticleMatches, len(list))
	for i, am := range list {
		out[i] = ArticleMatches{Article: m.Article(am.Article), Matches: am.Matches}
	}
	return out
}

// Comparison hides names in a comparison's articles and in the context
// lines of its rows.
func (m NameMasker) Comparison(c Comparison) Comparison {
	if !m.Active() {
		return c
	}
	c.Articles = m.Articles(c.Articles)
	c.Rows = slices.Clone(c.Rows)
	for i := range c.Rows {
		cells := slices.Clone(c.Rows[i].Cells)
		for j := range cells {
			terms := slices.Clone(cells[j].Terms)
			for k := range terms {
				occ := slices.Clone(terms[k].Occurrences)
				for l := range occ {
					ctx := &occ[l].Context
					ctx.Before, ctx.Match, ctx.After = m.Mask(ctx.Before), m.Mask(ctx.Match), m.Mask(ctx.After)
				}
				terms[k].Occurrences = occ
			}
			cells[j].Terms = terms
		}
		c.Rows[i].Cells = cells
	}
	return c
}
