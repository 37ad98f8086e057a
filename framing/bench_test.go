package framing_test

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

// commonWords make the generated corpus read like English news at the
// level a tokenizer and matcher see.
var commonWords = strings.Fields(`the of and to in a is that for on was with he it as at by his be from
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

// benchLexicons returns the shipped lexicons plus generated terms, n in all.
func benchLexicons(b *testing.B, n int) []framing.Lexicon {
	b.Helper()
	lex, err := lexicons.Shipped()
	if err != nil {
		b.Fatal(err)
	}
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

// benchCorpus is about 1 MiB of generated English news text with the
// shipped wordings and generated terms scattered through it, some in
// quotes.
func benchCorpus(lexs []framing.Lexicon) string {
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
			w := commonWords[r.IntN(len(commonWords))]
			switch {
			case i == 0:
				w = strings.ToUpper(w[:1]) + w[1:]
			case r.IntN(25) == 0:
				w = phrases[r.IntN(len(phrases))]
			case r.IntN(60) == 0:
				w = "\"" + w + " " + commonWords[r.IntN(len(commonWords))] + "\""
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

func BenchmarkTokenize(b *testing.B) {
	text := benchCorpus(benchLexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	buf := make([]framing.Token, 0, 1<<18)
	b.ResetTimer()
	for b.Loop() {
		buf = framing.Tokenize(text, buf[:0])
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			lexs := benchLexicons(b, n)
			text := benchCorpus(lexs)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m, err := framing.Compile(lexs)
			if err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			m.Analyze(text) // the first call learns the corpus's words, as a running server has
			b.SetBytes(int64(len(text)))
			compiled := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
			b.ResetTimer()
			var matches int
			for b.Loop() {
				matches = len(m.Analyze(text).Matches)
			}
			b.ReportMetric(float64(matches), "matches")
			b.ReportMetric(compiled, "MB-compiled")
			runtime.KeepAlive(m)
		})
	}
}

func BenchmarkAnalyzeCold(b *testing.B) {
	lexs := benchLexicons(b, 10000)
	text := benchCorpus(lexs)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		b.StopTimer()
		m, err := framing.Compile(lexs)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		m.Analyze(text)
	}
}

// BenchmarkRegexpBaseline is what most people write first: every term as
// one case-insensitive alternation.
func BenchmarkRegexpBaseline(b *testing.B) {
	b.Run("terms=1000", func(b *testing.B) {
		lexs := benchLexicons(b, 1000)
		text := benchCorpus(lexs)
		var alts []string
		for _, l := range lexs {
			for _, c := range l.Concepts {
				for _, t := range c.Terms {
					alts = append(alts, regexp.QuoteMeta(t.Phrase))
				}
			}
		}
		re := regexp.MustCompile(`(?i)\b(` + strings.Join(alts, "|") + `)\b`)
		b.SetBytes(int64(len(text)))
		b.ResetTimer()
		var matches int
		for b.Loop() {
			matches = len(re.FindAllStringIndex(text, -1))
		}
		b.ReportMetric(float64(matches), "matches")
	})
}
