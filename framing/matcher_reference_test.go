package framing

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// refMatch is a match as the reference finds it.
type refMatch struct {
	start, end int
	ref        TermRef
}

// refMatcher is the matching rule written the slow, obvious way, to check
// the trie, the word cache and the word loop's shortcuts against: every
// phrase is a sequence of key ids; at each word not inside the match
// before and not joined by a hyphen to the word before it, every length
// is tried, longest first, among the words of one sentence whose last is
// not joined by a hyphen to the next; at a length, of every term any
// choice of keys reaches, the best ranked labels the span: a topic
// lexicon's before a general one's, exact before word before stem, then
// compile order.
type refMatcher struct {
	m       *Matcher
	phrases map[string][]TermRef // key sequence → its terms
	order   map[TermRef]int      // compile order
	longest int
}

func newRefMatcher(m *Matcher) *refMatcher {
	r := &refMatcher{m: m, phrases: map[string][]TermRef{}, order: map[TermRef]int{}}
	for li, l := range m.lexicons {
		for ci, c := range l.Concepts {
			for ti, t := range c.Terms {
				ref := TermRef{li, ci, ti}
				r.order[ref] = len(r.order)
				for _, phrase := range withoutLeadingArticles(t.Forms()) {
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

// refRank orders the terms that could label one span, lowest first.
func (r *refMatcher) refRank(ref TermRef) [3]int {
	scope := 1
	if r.m.lexicons[ref.Lexicon].Scope == ScopeTopic {
		scope = 0
	}
	mode := map[string]int{MatchExact: 0, MatchWord: 1, MatchStem: 2}[r.m.Term(ref).MatchMode()]
	return [3]int{scope, mode, r.order[ref]}
}

// refJoined reports whether the rune at text[i:] is a hyphen or en dash
// with a letter or digit on either side.
func refJoined(text string, hyphenAt int) bool {
	if hyphenAt <= 0 || hyphenAt >= len(text) {
		return false
	}
	h, size := utf8.DecodeRuneInString(text[hyphenAt:])
	if !strings.ContainsRune("-\u2010\u2011\u2013", h) {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:hyphenAt])
	after, _ := utf8.DecodeRuneInString(text[hyphenAt+size:])
	wordy := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' }
	return wordy(before) && wordy(after)
}

func (r *refMatcher) find(text string) []refMatch {
	toks := Tokenize(text, nil)
	keys := make([][]int32, len(toks))
	sentence := make([]int, len(toks))
	sents := Sentences(text)
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
		for sentence[i] = 0; sentence[i] < len(sents)-1 && sents[sentence[i]+1].Start <= t.Start; sentence[i]++ {
		}
	}
	var out []refMatch
	for i := 0; i < len(toks); {
		if t := toks[i]; t.Start > 0 {
			_, size := utf8.DecodeLastRuneInString(text[:t.Start])
			if refJoined(text, t.Start-size) {
				i++
				continue
			}
		}
		n, ref := r.longestAt(text, toks, keys, sentence, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, refMatch{toks[i].Start, toks[i+n-1].End, ref})
		i += n
	}
	return out
}

func (r *refMatcher) longestAt(text string, toks []Token, keys [][]int32, sentence []int, i int) (int, TermRef) {
	for n := min(r.longest, len(keys)-i); n > 0; n-- {
		if sentence[i+n-1] != sentence[i] || refJoined(text, toks[i+n-1].End) {
			continue
		}
		refs := r.all(keys[i:i+n], nil, nil)
		if len(refs) == 0 {
			continue
		}
		best := refs[0]
		for _, ref := range refs[1:] {
			if a, b := r.refRank(ref), r.refRank(best); slices.Compare(a[:], b[:]) < 0 {
				best = ref
			}
		}
		return n, best
	}
	return 0, TermRef{}
}

// all gathers the terms of every choice of one key per word.
func (r *refMatcher) all(words [][]int32, chosen []int32, refs []TermRef) []TermRef {
	if len(words) == 0 {
		return append(refs, r.phrases[fmt.Sprint(chosen)]...)
	}
	for _, k := range words[0] {
		refs = r.all(words[1:], append(chosen, k), refs)
	}
	return refs
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
	seps := []string{" ", " ", " ", "-", "–", "—", ". ", "\n", ", ", " \"", "\" ", " '", "' ", "’s ", " «", "» ", "… ", "\u00a0", " Dr. ", "! ", "? "}
	rng := rand.New(rand.NewPCG(5, 6))
	mismatches := 0
	for round := 0; round < 300 && mismatches < 3; round++ {
		// Two lexicons, one of them (at random) a topic one, so that
		// labels are ranked by scope as well as by mode and order.
		lexs := []Lexicon{{Slug: "t", Name: "T", Language: "en"}, {Slug: "u", Name: "U", Language: "en"}}
		lexs[rng.IntN(2)].Scope = ScopeTopic
		for c := 0; c < 2+rng.IntN(30); c++ {
			lex := &lexs[rng.IntN(2)]
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
		m, err := Compile(lexs)
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
				t.Errorf("lexicons %+v\ntext %q\ngot  %v\nwant %v", lexs, text, got, want)
				mismatches++
				break
			}
		}
	}
}
