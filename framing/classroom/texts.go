package classroom

import "framelens/framing"

// The texts of a session's pages: each article cut into pieces that carry
// their byte offsets (a student's selection maps back to the stored text
// through them), with the outlets' names hidden while the session hides
// them, and once revealed the wordings the class was asked about
// (AskedMatches) with the lexicon's brief notes.

// HeatTexts are the session's articles for the teacher's pages: the
// class's heat over each (res.Articles, in the same order).
func HeatTexts(m *framing.Matcher, articles []framing.ArticleMatches, res Results, revealed bool, names framing.NameMasker) [][][]framing.Piece {
	out := make([][][]framing.Piece, len(articles))
	for i, am := range articles {
		cover := classCover(m, am, res.Legend, revealed, names)
		if i < len(res.Articles) {
			cover.Heat = res.Articles[i].Pieces
		}
		out[i] = framing.Segment(am.Article.Body, cover)
	}
	return out
}

// ReadingText is one of the session's articles for a student, with their
// own marks over it.
func ReadingText(m *framing.Matcher, am framing.ArticleMatches, own []Mark, legend framing.Legend, revealed bool, names framing.NameMasker) [][]framing.Piece {
	cover := classCover(m, am, legend, revealed, names)
	for _, mk := range own {
		cover.Marked = append(cover.Marked, mk.Span)
	}
	return framing.Segment(am.Article.Body, cover)
}

func classCover(m *framing.Matcher, am framing.ArticleMatches, legend framing.Legend, revealed bool, names framing.NameMasker) framing.Cover {
	c := framing.Cover{Names: names}
	if revealed {
		c.Matches, c.Lexicon, c.Legend, c.Brief = framing.AskedMatches(m, am.Matches), m, legend, true
	}
	return c
}
