package match_test

import (
	"slices"
	"strings"

	"framelens/framing/match"
)

// The reference's matcher (see reference_test.go).

// refWord is a word in the three shapes the modes compare.
type refWord struct{ surface, folded, stem string }

func newRefWord(w string) refWord {
	folded := refFold(w)
	return refWord{w, folded, refStem(folded)}
}

// same compares a text's word with a phrase's as the term's mode says.
func (w refWord) same(phraseWord refWord, mode match.Mode) bool {
	switch mode {
	case match.ModeExact:
		return w.surface == phraseWord.surface
	case match.ModeWord:
		return w.folded == phraseWord.folded
	}
	return w.stem == phraseWord.stem
}

// refForm is one wording of a term, as words.
type refForm struct {
	term  match.Term
	rank  int
	words []refWord
}

type refMatcher struct{ forms []refForm }

// newRefMatcher ranks the terms by Rank, then by their place in terms.
func newRefMatcher(terms []match.Term) *refMatcher {
	r := &refMatcher{}
	ranked := slices.Clone(terms)
	slices.SortStableFunc(ranked, func(a, b match.Term) int { return a.Rank - b.Rank })
	for rank, t := range ranked {
		for _, p := range t.Phrases {
			for _, words := range refPhraseForms(p) {
				f := refForm{term: t, rank: rank}
				for _, w := range words {
					f.words = append(f.words, newRefWord(w))
				}
				r.forms = append(r.forms, f)
			}
		}
	}
	return r
}

// hyphenJoined reports whether the character at k is a hyphen joining
// the words on its two sides (the em dash does not join).
func hyphenJoined(cs []char, k int) bool {
	return k > 0 && k+1 < len(cs) && strings.ContainsRune("-\u2010\u2011\u2013", cs[k].r) &&
		isWordChar(cs[k-1].r) && isWordChar(cs[k+1].r)
}

// analyze: from left to right, at each word not inside the match before
// and not joined by a hyphen to the word before, the longest wording of
// any term that runs over the next words, across no sentence end, and
// does not end joined by a hyphen to the word after; of wordings as long,
// the first term's. Each match takes the sentence it starts in and the
// voice of the quote it starts in or that opens inside it.
func (r *refMatcher) analyze(text string) match.Analysis {
	a := match.Analysis{Sentences: refSentences(text), Quotes: refQuotes(text), Matches: []match.Match{}}
	cs := chars(text)
	index := map[int]int{} // byte offset → character index
	for k, c := range cs {
		index[c.start] = k
	}
	toks := refTokens(text)
	words := make([]refWord, len(toks))
	for i, t := range toks {
		words[i] = newRefWord(text[t.Start:t.End])
	}
	for i := 0; i < len(toks); i++ {
		if k := index[toks[i].Start]; k > 0 && hyphenJoined(cs, k-1) {
			continue
		}
		best := refForm{rank: -1}
		for _, f := range r.forms {
			n := len(f.words)
			if i+n > len(toks) || n < len(best.words) || n == len(best.words) && best.rank >= 0 && f.rank >= best.rank {
				continue
			}
			ok := toks[i+n-1].End == len(text) || !hyphenJoined(cs, index[toks[i+n-1].End])
			for k := 0; ok && k < n; k++ {
				ok = words[i+k].same(f.words[k], f.term.Mode) && (k == 0 || !phraseBroken(text, cs, toks[i+k-1].End, toks[i+k].Start))
			}
			if ok {
				best = f
			}
		}
		if best.rank < 0 {
			continue
		}
		end := i + len(best.words) - 1
		m := match.Match{Span: match.Span{Start: toks[i].Start, End: toks[end].End}, Term: best.term.ID, Voice: match.VoiceOwn}
		m.Sentence = max(len(a.Sentences)-1, 0)
		for s, span := range a.Sentences {
			if span.End > m.Start {
				m.Sentence = s
				break
			}
		}
		for _, q := range a.Quotes {
			if q.End > m.Start {
				if q.Start < m.End {
					m.Voice = q.Voice
				}
				break
			}
		}
		a.Matches = append(a.Matches, m)
		i = end
	}
	return a
}
