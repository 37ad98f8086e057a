package classroom

import (
	"slices"

	"framelens/framing"
)

// BlindMask is the articles whose outlet names a blind session hides
// until the reveal, from all the event's articles: the session's own in
// reading order, so that they are "Outlet A, B…" as labelled, then the
// event's others that were there when the session opened, whose names a
// text may mention too. An article added later is left out, so that
// nobody can blank out a class's texts by adding an article whose
// "outlet" is a common word.
func BlindMask(cs Session, all []framing.Article) []framing.Article {
	byID := make(map[int64]framing.Article, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}
	out := make([]framing.Article, 0, len(all))
	own := make(map[int64]bool, len(cs.ArticleIDs))
	for _, id := range cs.ArticleIDs {
		if a, ok := byID[id]; ok {
			out = append(out, a)
			own[id] = true
		}
	}
	for _, a := range all {
		if !own[a.ID] && a.ID <= cs.LastArticleID {
			out = append(out, a)
		}
	}
	return out
}

// MaskResults hides names in the wordings a class marked.
func MaskResults(m framing.NameMasker, r Results) Results {
	if !m.Active() {
		return r
	}
	r.Wordings = slices.Clone(r.Wordings)
	for i := range r.Wordings {
		r.Wordings[i].Text = m.Mask(r.Wordings[i].Text)
	}
	return r
}
