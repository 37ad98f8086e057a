package textstat

import "framelens/framing"

// diffWords compares two sentences word by word and returns the stretches
// where they differ, between the content words they share in order (a
// longest common subsequence). Function words never anchor the
// comparison: lined up on "the" and "of", two sentences that order their
// clauses differently would show nonsense pairs of stretches. Stretches of
// function words alone are left out: "the" for "a" is no choice of
// wording. House spelling ("recognised") is not a difference either.
func diffWords(ta, tb AlignText, a, b []alignWord, lower map[string]bool, scratch *[]int32) []Difference {
	same := func(x, y alignWord) bool { return x.key != "" && x.key == y.key }
	// lcs[i*width+j] is the length of the longest common subsequence of
	// a[i:] and b[j:]; the table is the caller's, reused from pair to pair.
	width := len(b) + 1
	size := (len(a) + 1) * width
	if cap(*scratch) < size {
		*scratch = make([]int32, size)
	}
	lcs := (*scratch)[:size]
	clear(lcs)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if same(a[i], b[j]) {
				lcs[i*width+j] = lcs[(i+1)*width+j+1] + 1
			} else {
				lcs[i*width+j] = max(lcs[(i+1)*width+j], lcs[i*width+j+1])
			}
		}
	}
	var out []Difference
	i, j := 0, 0
	ai, bj := 0, 0 // where the current stretch of differences began
	flush := func() {
		if i == ai && j == bj {
			return
		}
		// Function words at the edges of a stretch ("of the establishment
		// of") are no choice of wording: they are trimmed, and a stretch
		// left empty on both sides is no difference.
		aFrom, aTo := trimStopWords(a, ai, i)
		bFrom, bTo := trimStopWords(b, bj, j)
		if aFrom == aTo && bFrom == bTo {
			return
		}
		d := Difference{ASpan: stretchSpan(a, aFrom, aTo), BSpan: stretchSpan(b, bFrom, bTo)}
		d.A = ta.Text[d.ASpan.Start:d.ASpan.End]
		d.B = tb.Text[d.BSpan.Start:d.BSpan.End]
		d.ATerms = termsIn(ta.Matches, d.ASpan)
		d.BTerms = termsIn(tb.Matches, d.BSpan)
		d.Incidental = incidental(ta.Text, a, aFrom, aTo, lower) && incidental(tb.Text, b, bFrom, bTo, lower)
		out = append(out, d)
	}
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && same(a[i], b[j]) && lcs[i*width+j] == lcs[(i+1)*width+j+1]+1:
			flush()
			i++
			j++
			ai, bj = i, j
		case j == len(b) || i < len(a) && lcs[(i+1)*width+j] >= lcs[i*width+j+1]:
			i++
		default:
			j++
		}
	}
	flush()
	return out
}

// stretchSpan is the text span of words[from:to], or an empty span where
// the stretch would be when it has no words.
func stretchSpan(words []alignWord, from, to int) framing.Span {
	switch {
	case from < to:
		return framing.Span{Start: words[from].span.Start, End: words[to-1].span.End}
	case from < len(words):
		return framing.Span{Start: words[from].span.Start, End: words[from].span.Start}
	case len(words) > 0:
		end := words[len(words)-1].span.End
		return framing.Span{Start: end, End: end}
	}
	return framing.Span{}
}

// trimStopWords narrows words[from:to] to start and end on a content word.
func trimStopWords(words []alignWord, from, to int) (int, int) {
	for from < to && words[from].key == "" {
		from++
	}
	for to > from && words[to-1].key == "" {
		to--
	}
	return from, to
}

// termsIn lists the lexicon terms whose matches overlap span.
func termsIn(matches []framing.Match, span framing.Span) []framing.TermRef {
	var out []framing.TermRef
	for _, m := range matches {
		if m.Start < span.End && span.Start < m.End {
			out = append(out, m.Ref)
		}
	}
	return out
}
