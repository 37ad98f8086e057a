package textstat

import (
	"slices"

	"framelens/framing"
)

// What a page shows of distinctive words and aligned pairs: framing's one
// masker and one segmenter applied to this package's results.

// MaskDistinctive hides names among distinctive words, for a blind page.
func MaskDistinctive(m framing.NameMasker, words []Distinctive) []Distinctive {
	if !m.Active() {
		return words
	}
	out := slices.Clone(words)
	for i := range out {
		out[i].Term = m.Mask(out[i].Term)
	}
	return out
}

// MaskPairs hides names in the words aligned sentences differ in, for a
// blind page.
func MaskPairs(m framing.NameMasker, pairs []AlignedPair) []AlignedPair {
	if !m.Active() {
		return pairs
	}
	out := slices.Clone(pairs)
	for i := range out {
		out[i].A.Text, out[i].B.Text = m.Mask(out[i].A.Text), m.Mask(out[i].B.Text)
		diffs := slices.Clone(out[i].Differences)
		for j := range diffs {
			diffs[j].A, diffs[j].B = m.Mask(diffs[j].A), m.Mask(diffs[j].B)
		}
		out[i].Differences = diffs
	}
	return out
}

// PairTexts cuts both sentences of each aligned pair into pieces, the
// words they differ in marked; articles are the texts the pairs come from.
func PairTexts(pairs []AlignedPair, articles []framing.Article, names framing.NameMasker) [][2][]framing.Piece {
	body := make(map[int64]string, len(articles))
	for _, a := range articles {
		body[a.ID] = a.Body
	}
	out := make([][2][]framing.Piece, len(pairs))
	for i, p := range pairs {
		var a, b []framing.Span
		for _, d := range p.Differences {
			if d.ASpan.End > d.ASpan.Start {
				a = append(a, d.ASpan)
			}
			if d.BSpan.End > d.BSpan.Start {
				b = append(b, d.BSpan)
			}
		}
		out[i] = [2][]framing.Piece{
			framing.SegmentSpan(body[p.A.Article], p.A.Span, framing.Cover{Marked: a, Names: names}),
			framing.SegmentSpan(body[p.B.Article], p.B.Span, framing.Cover{Marked: b, Names: names}),
		}
	}
	return out
}
