package framing

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// refPlace is where a match of text[off:end] belongs, found the slow way:
// the first sentence that ends after off (the last one if none does), and
// the voice of the first quote that ends after off, if it has begun
// before end (a quote that opens inside the match, as in
// separatist "government", holds part of it).
func refPlace(a Analysis, off, end int) (sentence int, voice Voice) {
	sentence = max(len(a.Sentences)-1, 0)
	for i, s := range a.Sentences {
		if s.End > off {
			sentence = i
			break
		}
	}
	voice = VoiceOwn
	for _, q := range a.Quotes {
		if q.End > off {
			if q.Start < end {
				voice = q.Voice
			}
			break
		}
	}
	return sentence, voice
}

// TestMatchesPlacedAsTheSlowWay checks each match's sentence, voice and
// surface against refPlace over random texts full of stops, quotes and
// line breaks, with wordings that belong to several concepts.
func TestMatchesPlacedAsTheSlowWay(t *testing.T) {
	vocab := []string{"occupy", "occupied", "Armenian", "forces", "the", "of", "held", "under", "Karabakh", "said", "Nov", "U", "S"}
	seps := []string{" ", " ", " ", ". ", ".\n", "\n", "\n\n", ", ", " \"", "\" ", "\". ", " «", "» ", " “", "” ", " '", "' ", "! ", "? ", "… "}
	rng := rand.New(rand.NewPCG(9, 10))
	for round := 0; round < 100; round++ {
		lex := Lexicon{Slug: "t", Name: "T", Language: "en"}
		for c := 0; c < 2+rng.IntN(20); c++ {
			words := make([]string, 1+rng.IntN(3))
			for k := range words {
				words[k] = vocab[rng.IntN(len(vocab))]
			}
			term := Term{Phrase: strings.Join(words, " ")}
			lex.Concepts = append(lex.Concepts, Concept{Slug: fmt.Sprint(c), Terms: []Term{term}})
			if rng.IntN(3) == 0 { // the same wording in another concept
				lex.Concepts = append(lex.Concepts, Concept{Slug: fmt.Sprint(c, "b"), Terms: []Term{term}})
			}
		}
		m, err := Compile([]Lexicon{lex})
		if err != nil {
			t.Fatal(err)
		}
		for range 30 {
			text := randomText(rng, vocab, seps, 120)
			a := m.Analyze(text)
			for _, match := range a.Matches {
				sentence, voice := refPlace(a, match.Start, match.End)
				if match.Sentence != sentence || match.Voice != voice || match.Surface != text[match.Start:match.End] {
					t.Fatalf("text %q\nmatch %+v\nwant sentence %d, voice %s", text, match, sentence, voice)
				}
			}
		}
	}
}
