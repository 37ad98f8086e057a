package match

// buildMatches turns the phrases found into matches, one each, with their
// sentence and voice: the phrases found are in text order, so one walk
// through the sentences and quotes places them all.
func buildMatches[M any](m *Matcher, found []found, sentences []Span, quotes []Quote, fill func(*M, Match)) []M {
	finalIDs := m.finalIDs
	matches := make([]M, len(found))
	si, qi := 0, 0
	for k, f := range found {
		off := int(f.start)
		for si+1 < len(sentences) && sentences[si].End <= off {
			si++
		}
		for qi < len(quotes) && quotes[qi].End <= off {
			qi++
		}
		// A match takes the voice of a quote it starts in, or of one that
		// opens inside it: separatist "government" keeps a distance too.
		voice := VoiceOwn
		if qi < len(quotes) && quotes[qi].Start < int(f.end) {
			voice = quotes[qi].Voice
		}
		fill(&matches[k], Match{Span: Span{Start: off, End: int(f.end)}, Term: finalIDs[f.ref], Voice: voice, Sentence: si})
	}
	return matches
}
