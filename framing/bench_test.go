package framing_test

import (
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

func BenchmarkTokenize(b *testing.B) {
	text := testcorpus.Text(testcorpus.Lexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	buf := make([]match.Token, 0, 1<<18)
	b.ResetTimer()
	for b.Loop() {
		buf = match.Tokenize(text, buf[:0])
	}
}

func BenchmarkAnalyze(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("terms=%d", n), func(b *testing.B) {
			lexs := testcorpus.Lexicons(b, n)
			text := testcorpus.Text(lexs)
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
	lexs := testcorpus.Lexicons(b, 10000)
	text := testcorpus.Text(lexs)
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
		lexs := testcorpus.Lexicons(b, 1000)
		text := testcorpus.Text(lexs)
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
