package framing

// Share is how many of an article's matches in one voice follow one
// perspective.
type Share struct {
	Perspective string // display name; "" for terms without one
	Swatch      Swatch
	Count       int
}

// Profile is an article's framing profile: the perspectives of the
// wordings in its own words next to those of the speech it quotes, so
// that what an outlet says and whom it quotes can be told apart.
type Profile struct {
	ArticleID int64
	Own       []Share
	Quoted    []Share
}

// Total counts the matches in a list of shares.
func Total(shares []Share) int {
	n := 0
	for _, s := range shares {
		n += s.Count
	}
	return n
}

// Profiles returns one profile per article of the comparison, in article
// order; shares keep the order in which perspectives first appear.
// Scare quotes count with neither: they are the outlet's words held at a
// distance.
func (c Comparison) Profiles() []Profile {
	out := make([]Profile, len(c.Articles))
	for i, a := range c.Articles {
		out[i].ArticleID = a.ID
	}
	add := func(list []Share, name string, n int) []Share {
		if n == 0 {
			return list
		}
		for k := range list {
			if list[k].Perspective == name {
				list[k].Count += n
				return list
			}
		}
		return append(list, Share{Perspective: name, Swatch: c.Legend.Swatch(name), Count: n})
	}
	for _, r := range c.Rows {
		for i, cell := range r.Cells {
			for _, u := range cell.Terms {
				out[i].Own = add(out[i].Own, u.Perspective, u.Voices.Own)
				out[i].Quoted = add(out[i].Quoted, u.Perspective, u.Voices.Quoted)
			}
		}
	}
	return out
}
