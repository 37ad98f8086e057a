package framing

import "framelens/framing/match"

// SuggestConcept guesses which concept a new wording belongs to: the
// concept the lexicon's matches in the same sentences name most often, at
// least twice and more than any other, or false when the hint is weaker.
func SuggestConcept(text string, matches []Match, spans []Span) (TermRef, bool) {
	sentences := match.Sentences(text)
	type conceptKey struct{ lexicon, concept int }
	votes := map[conceptKey]int{}
	var first []conceptKey // ties go to the concept seen first
	for _, sp := range spans {
		for _, s := range sentences {
			if s.End <= sp.Start || s.Start > sp.Start {
				continue
			}
			for _, m := range matches {
				if m.Start >= s.Start && m.End <= s.End && (m.End <= sp.Start || m.Start >= sp.End) {
					k := conceptKey{m.Ref.Lexicon, m.Ref.Concept}
					if votes[k] == 0 {
						first = append(first, k)
					}
					votes[k]++
				}
			}
		}
	}
	best, tie := -1, false
	for i, k := range first {
		switch {
		case best < 0 || votes[k] > votes[first[best]]:
			best, tie = i, false
		case votes[k] == votes[first[best]]:
			tie = true
		}
	}
	// One match, or a tie, is too weak a hint: better to let the person
	// choose than to preselect a wrong concept.
	if best < 0 || tie || votes[first[best]] < 2 {
		return TermRef{}, false
	}
	return TermRef{Lexicon: first[best].lexicon, Concept: first[best].concept, Term: -1}, true
}
