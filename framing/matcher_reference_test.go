package framing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// refMatch is a match as the reference finds it.
type refMatch struct {
	start, end int
	ref        TermRef
}

// refMatcher is the matching rule written the slow, obvious way, to check
// the trie, the word cache and the word loop's shortcuts against: every
// phrase is a sequence of key ids; at each word not inside the match
// before, every length is tried, longest first, and at a length the
// sequence of keys that comes first in each word's key order (stem, word,
// exact) wins.
type refMatcher struct {
	m       *Matcher
	phrases map[string][]TermRef // key sequence → its terms, in compile order
	longest int
}

func newRefMatcher(m *Matcher) *refMatcher {
	r := &refMatcher{m: m, phrases: map[string][]TermRef{}}
	for li, l := range m.lexicons {
		for ci, c := range l.Concepts {
			for ti, t := range c.Terms {
				ref := TermRef{li, ci, ti}
				for _, phrase := range append([]string{t.Phrase}, t.Variants...) {
					for _, words := range phraseWords(phrase) {
						var keys []int32
						for _, w := range words {
							f := string(foldWord(nil, w))
							switch t.MatchMode() {
							case MatchExact:
								keys = append(keys, m.exact[w])
							case MatchWord:
								keys = append(keys, m.keys["w"+f])
							default:
								keys = append(keys, m.keys["s"+stemWord(f)])
							}
						}
						seq := fmt.Sprint(keys)
						if !slices.Contains(r.phrases[seq], ref) {
							r.phrases[seq] = append(r.phrases[seq], ref)
						}
						r.longest = max(r.longest, len(keys))
					}
				}
			}
		}
	}
	return r
}

func (r *refMatcher) find(text string) []refMatch {
	toks := Tokenize(text, nil)
	keys := make([][]int32, len(toks))
	for i, t := range toks {
		surface := text[t.Start:t.End]
		f := string(foldWord(nil, surface))
		if id, ok := r.m.keys["s"+stemWord(f)]; ok {
			keys[i] = append(keys[i], id)
		}
		if id, ok := r.m.keys["w"+f]; ok {
			keys[i] = append(keys[i], id)
		}
		if id, ok := r.m.exact[surface]; ok {
			keys[i] = append(keys[i], id)
		}
	}
	var out []refMatch
	for i := 0; i < len(toks); {
		n, refs := r.longestAt(keys, i)
		if n == 0 {
			i++
			continue
		}
		for _, ref := range refs {
			out = append(out, refMatch{toks[i].Start, toks[i+n-1].End, ref})
		}
		i += n
	}
	return out
}

func (r *refMatcher) longestAt(keys [][]int32, i int) (int, []TermRef) {
	for n := min(r.longest, len(keys)-i); n > 0; n-- {
		if refs := r.first(keys[i:i+n], nil); refs != nil {
			return n, refs
		}
	}
	return 0, nil
}

// first tries every choice of one key per word, in order.
func (r *refMatcher) first(words [][]int32, chosen []int32) []TermRef {
	if len(words) == 0 {
		return r.phrases[fmt.Sprint(chosen)]
	}
	for _, k := range words[0] {
		if refs := r.first(words[1:], append(chosen, k)); refs != nil {
			return refs
		}
	}
	return nil
}

// randomText strings up to maxWords words of vocab, each followed by one
// of seps.
func randomText(rng *rand.Rand, vocab, seps []string, maxWords int) string {
	var b strings.Builder
	for range rng.IntN(maxWords) {
		b.WriteString(vocab[rng.IntN(len(vocab))])
		b.WriteString(seps[rng.IntN(len(seps))])
	}
	return b.String()
}

func TestMatcherAgreesWithTheReferenceRule(t *testing.T) {
	// A small vocabulary, so that phrases share words, begin and end
	// inside one another, and one word often has a stem, a word and an
	// exact key at once.
	vocab := []string{"occupy", "occupied", "occupation", "Armenian", "armenian", "ARMENIAN", "forces",
		"force", "the", "of", "US", "us", "held", "under", "Karabakh", "Nagorno", "Nagorno-Karabakh", "said",
		"Степанакерт", "Ханкенди", "internationalrecognition", "café"}
	modes := []string{MatchStem, MatchStem, MatchWord, MatchExact}
	// Separators of every kind the word loop tells apart: plain, marks
	// of sentences and quotes, and characters outside ASCII (which send
	// a word the general way).
	seps := []string{" ", " ", " ", "-", ". ", "\n", ", ", " \"", "\" ", " '", "' ", "’s ", " «", "» ", "… ", "\u00a0", " Dr. ", "! ", "? "}
	rng := rand.New(rand.NewPCG(5, 6))
	mismatches := 0
	for round := 0; round < 300 && mismatches < 3; round++ {
		lex := Lexicon{Slug: "t", Name: "T", Language: "en"}
		for c := 0; c < 2+rng.IntN(30); c++ {
			words := make([]string, 1+rng.IntN(4))
			for k := range words {
				words[k] = vocab[rng.IntN(len(vocab))]
			}
			term := Term{Phrase: strings.Join(words, " "), Match: modes[rng.IntN(len(modes))]}
			if rng.IntN(4) == 0 {
				term.Variants = []string{vocab[rng.IntN(len(vocab))] + " " + vocab[rng.IntN(len(vocab))]}
			}
			lex.Concepts = append(lex.Concepts, Concept{Slug: fmt.Sprint(c), Terms: []Term{term}})
		}
		m, err := Compile([]Lexicon{lex})
		if err != nil {
			t.Fatal(err)
		}
		ref := newRefMatcher(m)
		for range 20 {
			text := randomText(rng, vocab, seps, 80)
			a := m.Analyze(text)
			// The sentences and quotes, found from the marks the word
			// loop notes, are those found by searching the text.
			if want := Sentences(text); !slices.Equal(a.Sentences, want) {
				t.Fatalf("text %q: sentences %v, searched %v", text, a.Sentences, want)
			}
			if want := Quotes(text); !slices.Equal(a.Quotes, want) {
				t.Fatalf("text %q: quotes %v, searched %v", text, a.Quotes, want)
			}
			var got []refMatch
			for _, match := range a.Matches {
				got = append(got, refMatch{match.Start, match.End, match.Ref})
			}
			if want := ref.find(text); !slices.Equal(got, want) {
				t.Errorf("lexicon %+v\ntext %q\ngot  %v\nwant %v", lex.Concepts, text, got, want)
				mismatches++
				break
			}
		}
	}
}
