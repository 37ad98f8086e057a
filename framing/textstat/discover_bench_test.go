package textstat_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
	"framelens/framing/textstat"
)

// eventArticles makes n articles of about 1,500 words each about one
// event: common news words, the shipped wordings, and shared sentences
// retold with small changes, as outlets covering one event write.
func eventArticles(b *testing.B, n int) []string {
	b.Helper()
	lexs := testcorpus.Lexicons(b, 300)
	var phrases []string
	for _, l := range lexs {
		for _, c := range l.Concepts {
			for _, t := range c.Terms {
				phrases = append(phrases, t.Phrase)
			}
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	sentence := func() string {
		words := make([]string, 10+r.IntN(15))
		for i := range words {
			words[i] = testcorpus.CommonWords[r.IntN(len(testcorpus.CommonWords))]
			if r.IntN(20) == 0 {
				words[i] = phrases[r.IntN(len(phrases))]
			}
		}
		words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
		return strings.Join(words, " ") + "."
	}
	shared := make([]string, 40) // facts every outlet reports
	for i := range shared {
		shared[i] = sentence()
	}
	out := make([]string, n)
	for a := range out {
		var b strings.Builder
		for b.Len() < 9000 {
			s := sentence()
			if r.IntN(3) == 0 {
				// A shared fact, with a word or two changed.
				w := strings.Fields(shared[r.IntN(len(shared))])
				w[r.IntN(len(w))] = testcorpus.CommonWords[r.IntN(len(testcorpus.CommonWords))]
				s = strings.Join(w, " ")
			}
			b.WriteString(s)
			b.WriteString(" ")
			if r.IntN(5) == 0 {
				b.WriteString("\n\n")
			}
		}
		out[a] = b.String()
	}
	return out
}

func totalBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// BenchmarkDiscover measures distinctive wording and alignment for one
// 20-article event, with tokenizing the same texts as the baseline.
func BenchmarkDiscover(b *testing.B) {
	texts := eventArticles(b, 20)
	b.Run("tokenize-baseline", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		var buf []match.Token
		for b.Loop() {
			for _, t := range texts {
				buf = match.Tokenize(t, buf[:0])
			}
		}
	})
	b.Run("distinctive", func(b *testing.B) {
		b.SetBytes(totalBytes(texts))
		for b.Loop() {
			// One article against the others, the prior from all twenty:
			// what a page computes when nothing is cached.
			bg := textstat.NewBackground()
			focus, others := textstat.NewTermCounts(), textstat.NewTermCounts()
			for i, t := range texts {
				bg.Add(t)
				if i == 0 {
					focus.Add(t)
				} else {
					others.Add(t)
				}
			}
			textstat.DistinctiveTerms(focus, others, bg, textstat.PriorWeight(bg.Words, bg.Texts), 0, 20)
		}
	})
	b.Run("align", func(b *testing.B) {
		in := make([]textstat.AlignText, len(texts))
		for i, t := range texts {
			in[i] = textstat.AlignText{ID: int64(i + 1), Text: t}
		}
		b.SetBytes(totalBytes(texts))
		var pairs int
		for b.Loop() {
			pairs = len(align(b, in, textstat.AlignThreshold))
		}
		b.ReportMetric(float64(pairs), "pairs")
	})
}
