package match_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"framelens/framing/match"
)

// vocabulary is what the agreement tests build terms and texts from:
// words with apostrophes inside ("Azerbaijan's", typographic too),
// digits, hyphens and dashes, Cyrillic (ё included), capitals for exact
// mode, abbreviations, verbs of saying, and every kind of quotation mark.
var vocabulary = strings.Fields(`Azerbaijan's Azerbaijan Azerbaijan’s azerbaijanʼs AZERBAIJAN'S Karabakh Karabakh's
	44-day 44 day war 2020 Nagorno-Karabakh Nagorno–Karabakh nagorno karabakh counter-terrorism counterterrorism
	anti-terrorist terrorist measures occupied occupy occupying occupation liberated liberation Hamas-run Hamas
	separatists separatist officials held under Armenian forces the of a SCO sco Dr Nov U S J rock'n'roll l'été '90s
	Нагорный Карабах Нагорном Карабахе Степанакерт Степанакерте заявил ЗАЯВИЛ отмётил сказала так называемый
	said SAID told says insisted according acknowledged underlined abcdefghijklmnopq thelongestwordsofall
	sixteenletterss x9 Ünderlined`)

// separators go between the words of a text.
var separators = append(strings.Fields(`. . , ; : ! ? … " " ' ' ‘ ’ “ ” „ ‚ « » ‹ › ( ) [ ] — - – ‐ '' ..`),
	" ", " ", " ", " ", " ", " ", ". ", ". ", ".\n", "\n", "\n\n", ", ", " \"", "\" ", "\". ", " '", "' ",
	" «", "» ", " “", "” ", "\u00a0", "\u2029", "\t", "\r\n", " so-called ", " so called ", " так называемый ",
	"\xe2\x80", "\xff", "\xc3")

// terms draws a term list: phrases of one to three words of the
// vocabulary, in any mode and of any of three ranks, some with a variant,
// some the same wording in two terms.
func terms(r *rand.Rand, n int) []match.Term {
	var out []match.Term
	for i := range n {
		t := match.Term{ID: 100 + i, Mode: match.Mode(r.IntN(3)), Rank: r.IntN(3)}
		for range 1 + r.IntN(2) {
			words := make([]string, 1+r.IntN(3))
			for k := range words {
				words[k] = vocabulary[r.IntN(len(vocabulary))]
			}
			sep := " "
			if r.IntN(4) == 0 {
				sep = "-"
			}
			t.Phrases = append(t.Phrases, strings.Join(words, sep))
		}
		out = append(out, t)
		if r.IntN(5) == 0 {
			out = append(out, match.Term{ID: 1000 + i, Phrases: t.Phrases, Mode: t.Mode})
		}
	}
	return out
}

// text draws a text of up to n pieces, long enough that the engine's
// word loop takes its fast path.
func text(r *rand.Rand, n int) string {
	var b strings.Builder
	for range 1 + r.IntN(n) {
		if r.IntN(3) == 0 {
			b.WriteString(separators[r.IntN(len(separators))])
		} else {
			b.WriteString(" ")
		}
		b.WriteString(vocabulary[r.IntN(len(vocabulary))])
	}
	return b.String()
}

// sameAsReference fails t unless the engine cuts text into the words,
// sentences and quotes the reference does, and finds the same matches.
func sameAsReference(t *testing.T, m *match.Matcher, ref *refMatcher, text string) {
	t.Helper()
	if got, want := match.Tokenize(text, nil), refTokens(text); !slices.Equal(got, want) {
		t.Fatalf("Tokenize(%q)\n got %v\nwant %v", text, got, want)
	}
	if got, want := match.Sentences(text), refSentences(text); !slices.Equal(got, want) {
		t.Fatalf("Sentences(%q)\n got %v\nwant %v", text, got, want)
	}
	if got, want := match.Quotes(text), refQuotes(text); !slices.Equal(got, want) || (got == nil) != (want == nil) {
		t.Fatalf("Quotes(%q)\n got %+v\nwant %+v", text, got, want)
	}
	// Twice: the first analysis learns the text's words, the second
	// reads them from the word table.
	for range 2 {
		got, want := m.Analyze(text), ref.analyze(text)
		if !slices.Equal(got.Sentences, want.Sentences) || !slices.Equal(got.Quotes, want.Quotes) {
			t.Fatalf("Analyze(%q) sentences or quotes differ from Sentences and Quotes", text)
		}
		if !slices.Equal(got.Matches, want.Matches) {
			t.Fatalf("Analyze(%q)\n got %+v\nwant %+v", text, got.Matches, want.Matches)
		}
	}
}

// fuzzTerms are the terms FuzzEngineAgreesWithReference looks for.
var fuzzTerms = terms(rand.New(rand.NewPCG(11, 12)), 60)

func FuzzEngineAgreesWithReference(f *testing.F) {
	for _, s := range []string{
		"", "\"", "'", "«", "„“", "’’’", "Nagorno-Karabakh", "\"Of course,\" Putin said.\n\"Yes",
		"Azerbaijan's 'counter-terrorism measures' in Khankendi", "Нагорном Карабахе… «Степанакерт»",
		"U.S. Nov. 10. A. B. ...!?", "\xff\xfe invalid \xc3", "held under\u00a0Armenian–occupation",
		"ªb 'x' «y» l’été, ‘quoted’ ‹a› ”Swedish” it's 'tis\u2029next… \"done.\"",
		"Dr. Smith met Gen. Lee on Nov. 10. They spoke. J. R. Smith left.", "Он пришёл в 1990 г. В том же гг. Т. е.",
		"“He said ‘no’ twice,” she added. „Ja“, sagte er. «Il a dit ‹non›», a-t-il dit.",
		"\"Open quote\n\"continues here,\" he said.\n\"And left open\nNext para.",
		"The so-called \"peace talks\" began. Так называемый «мир» закрыт. SAİD \"x\" İNSISTED",
		// A fold that changes a word's length (İ is two bytes, i one),
		// and "так" far from "называемый" or inside a longer word.
		"the \"x İNSISTED y\" here", "He SAİDX \"no\" сказал", "Aтак      называемый «x» сказал",
		"так\t \t  называемый «x» сказал",
		"\xe2\x80\x9c\xe2\x80 \xe2\x80\x9d\xe2. \xe2\x80\xa6\xe2\x80\xa9 \xc2\xab\xc2 \xc2\xbb\xc2",
	} {
		f.Add(s)
	}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20 {
		f.Add(text(r, 300))
	}
	articles, _ := filepath.Glob(filepath.Join("..", "..", "demo", "articles", "*.txt"))
	for _, name := range articles {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	m, ref := match.Compile(fuzzTerms), newRefMatcher(fuzzTerms)
	f.Fuzz(func(t *testing.T, text string) { sameAsReference(t, m, ref, text) })
}

// TestEngineAgreesWithReferenceOnRandomTexts draws term lists and texts
// from the vocabulary, which random bytes rarely put together.
func TestEngineAgreesWithReferenceOnRandomTexts(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for range 30 {
		ts := terms(r, 5+r.IntN(40))
		m, ref := match.Compile(ts), newRefMatcher(ts)
		for range 20 {
			sameAsReference(t, m, ref, text(r, 200))
		}
	}
}

// TestSpeechWindowsAndWordCountsAgreeWithReference compares the windows
// next to a quote and the count of a quote's words at every position of
// random texts, words of every length included, which whole quotes reach
// only by chance.
func TestSpeechWindowsAndWordCountsAgreeWithReference(t *testing.T) {
	pieces := strings.Fields(`said told acknowledged emphasised ANNOUNCED according explained underlined SAİD
		tweeted the a of abcdefghijklmno abcdefghijklmnopq 12345678 it's сказал заявил . ! ? , : ' " é ʼ ’ \xff`)
	pieces = append(pieces, " ", " ", " ", "\n", "\t", "-")
	r := rand.New(rand.NewPCG(7, 8))
	var b strings.Builder
	for range 250 {
		b.Reset()
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
			if r.IntN(3) == 0 {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
		}
		text := b.String()
		for i := 0; i <= len(text); i++ {
			if got, want := match.SpeechVerbBefore(text, i), speechBefore(text[:i]); got != want {
				t.Fatalf("speech verb before %q: got %v, want %v", text[:i], got, want)
			}
			if got, want := match.SpeechVerbAfter(text, i), speechAfter(text[i:]); got != want {
				t.Fatalf("speech verb after %q: got %v, want %v", text[i:], got, want)
			}
			for j := i; j <= len(text) && j < i+40; j++ {
				for _, limit := range []int{0, 1, 6} {
					if got, want := match.CountWords(text, i, j, limit), min(len(refTokens(text[i:j])), limit+1); got != want {
						t.Fatalf("words of %q up to %d: got %d, want %d", text[i:j], limit, got, want)
					}
				}
			}
		}
	}
}
