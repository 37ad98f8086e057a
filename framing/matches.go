package framing

// buildMatches turns the phrases found into matches, at their exact
// number, with their sentence and voice: the phrases found are in text
// order, so one walk through the sentences and quotes places them all.
func (m *Matcher) buildMatches(text string, found []found, sentences []Span, quotes []Quote) []Match {
	n := 0
	for _, f := range found {
		n += int(m.finalStart[f.node+1] - m.finalStart[f.node])
	}
	matches := make([]Match, 0, n)
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
		surface := text[span.Start:span.End]
		for _, ref := range m.finalRefs[m.finalStart[f.node]:m.finalStart[f.node+1]] {
			matches = append(matches, Match{Span: span, Surface: surface, Ref: ref, Voice: voice, Sentence: si})
		}
	}
	return matches
}
