package framing

// buildMatches turns the phrases found into matches, at their exact
// number, with their sentence and voice: the phrases found are in text
// order, so one walk through the sentences and quotes places them all.
func (m *Matcher) buildMatches(text string, found []found, sentences []Span, quotes []Quote) []Match {
	finalStart, finalRefs := m.finalStart, m.finalRefs
	n := 0
	for _, f := range found {
		n += int(finalStart[f.node+1] - finalStart[f.node])
	}
	matches := make([]Match, n)
	k := 0
	si, qi := 0, 0
	for _, f := range found {
		off := int(f.start)
		for si+1 < len(sentences) && sentences[si].End <= off {
			si++
		}
		for qi < len(quotes) && quotes[qi].End <= off {
			qi++
		}
		voice := VoiceOwn
		if qi < len(quotes) && quotes[qi].Start <= off {
			voice = quotes[qi].Voice
		}
		span := Span{off, int(f.end)}
		surface := text[off:span.End]
		refs := finalRefs[finalStart[f.node]:finalStart[f.node+1]]
		out := matches[k : k+len(refs)]
		k += len(refs)
		for j := range out {
			p := &out[j]
			p.Span = span
			p.Surface = surface
			p.Ref = refs[j]
			p.Voice = voice
			p.Sentence = si
		}
	}
	return matches
}
