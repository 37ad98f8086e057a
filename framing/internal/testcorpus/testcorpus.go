// Package testcorpus makes the lexicons and texts that the engine's and
// the domain's tests and benchmarks share: the shipped lexicons with
// generated terms, about a megabyte of generated news text, and the
// matcher the app analyses the demo event with. Tests only.
package testcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"framelens/demo"
	"framelens/framing"
	"framelens/framing/match"
	"framelens/lexicons"
)

// CommonWords make the generated corpus read like English news at the
// level a tokenizer and matcher see.
var CommonWords = strings.Fields(`the of and to in a is that for on was with he it as at by his be from
are this have or an they which not but had were has their one been also its more who after first new
two would there other when into people than government said president minister region war forces
city talks peace officials meeting country security military army border agreement ceasefire between
during since about over under against week month year today report statement according foreign
troops villages settlements territory population leaders relations support conflict control political
international national state republic local economic forum partner ally mission situation issue
road district capital residents refugees humanitarian aid negotiations deal brokered envoy summit`)

func syllableWord(r *rand.Rand) string {
	syll := []string{"ka", "lo", "mir", "zet", "va", "quo", "den", "ris", "tal", "nob", "ux", "pel", "gra", "shu", "yen"}
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteString(syll[r.IntN(len(syll))])
	}
	return b.String()
}

// Lexicons returns the shipped lexicons plus generated terms, n in all.
func Lexicons(tb testing.TB, n int) []framing.Lexicon {
	tb.Helper()
	lex := shipped(tb)
	shipped := 0
	for _, l := range lex {
		for _, c := range l.Concepts {
			shipped += len(c.Terms)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	gen := framing.Lexicon{Slug: "generated", Name: "Generated", Language: "en"}
	for i := 0; i < n-shipped; i++ {
		words := make([]string, 1+r.IntN(3))
		for k := range words {
			words[k] = syllableWord(r)
		}
		gen.Concepts = append(gen.Concepts, framing.Concept{Slug: fmt.Sprint(i), Name: fmt.Sprint(i), Terms: []framing.Term{
			{Phrase: strings.Join(words, " "), Language: "en", Note: "generated", SourceURL: "https://example.org"},
		}})
	}
	return append(lex, gen)
}

// Text is about 1 MiB of generated English news text with the
// shipped wordings and generated terms scattered through it, some in
// quotes.
func Text(lexs []framing.Lexicon) string {
	r := rand.New(rand.NewPCG(3, 4))
	var phrases []string
	for _, l := range lexs {
		for _, c := range l.Concepts {
			for _, t := range c.Terms {
				phrases = append(phrases, t.Phrase)
			}
		}
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		n := 8 + r.IntN(20)
		for i := 0; i < n; i++ {
			w := CommonWords[r.IntN(len(CommonWords))]
			switch {
			case i == 0:
				w = strings.ToUpper(w[:1]) + w[1:]
			case r.IntN(25) == 0:
				w = phrases[r.IntN(len(phrases))]
			case r.IntN(60) == 0:
				w = "\"" + w + " " + CommonWords[r.IntN(len(CommonWords))] + "\""
			}
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(". ")
		if r.IntN(6) == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// ShippedMatcher is the matcher of every shipped lexicon.
func ShippedMatcher(tb testing.TB) *framing.Matcher {
	tb.Helper()
	return compile(tb, shipped(tb))
}

func shipped(tb testing.TB) []framing.Lexicon {
	tb.Helper()
	lex, err := lexicons.Shipped()
	if err != nil {
		tb.Fatal(err)
	}
	return lex
}

func compile(tb testing.TB, lex []framing.Lexicon) *framing.Matcher {
	tb.Helper()
	m, err := framing.Compile(lex)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// SeedMatcher is the matcher the app analyses the demo event with: the
// general lexicons and the topics the seed article's anchors name.
func SeedMatcher(tb testing.TB) *framing.Matcher {
	tb.Helper()
	lex := shipped(tb)
	d, err := framing.NewTopicDetector(lex)
	if err != nil {
		tb.Fatal(err)
	}
	topics := d.Detect(SeedArticle(tb))
	if len(topics) != 1 || topics[0] != "nagorno-karabakh" {
		tb.Fatalf("the seed article is about %v", topics)
	}
	return compile(tb, framing.Scoped(lex, topics))
}

// SeedArticle is the text of the demo event's seed article.
func SeedArticle(tb testing.TB) string {
	tb.Helper()
	_, arts, err := demo.Event()
	if err != nil || len(arts) == 0 {
		tb.Fatalf("demo event: %v", err)
	}
	return arts[0].Body
}

// Terms are the lexicons' terms as the engine takes them, in lexicon
// order, each term's id its place in that order.
func Terms(lexs []framing.Lexicon) []match.Term {
	modes := map[string]match.Mode{framing.MatchStem: match.ModeStem, framing.MatchWord: match.ModeWord, framing.MatchExact: match.ModeExact}
	var terms []match.Term
	for _, l := range lexs {
		for _, c := range l.Concepts {
			for _, t := range c.Terms {
				terms = append(terms, match.Term{ID: len(terms), Phrases: t.MatchedForms(), Mode: modes[t.MatchMode()]})
			}
		}
	}
	return terms
}
