package textstat_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"framelens/demo"
	"framelens/framing/textstat"
)

// BenchmarkAlignEvent aligns an event of FRAMELENS_BENCH_ARTICLES (default
// 100) articles of about 1,500 words, each a shuffle of the demo event's
// sentences, as `go run ./bench -sizes` stores them: every sentence
// repeats in most articles, as syndicated copy does.
//
//	go test ./framing/textstat -run XXX -bench AlignEvent -benchmem
func BenchmarkAlignEvent(b *testing.B) {
	benchAlign(b, benchEvent(b, 0))
}

// BenchmarkAlignRewordedEvent is BenchmarkAlignEvent with one word in five
// replaced by another of the demo event's words, so that few sentences
// repeat: the search cannot share its work between copies.
func BenchmarkAlignRewordedEvent(b *testing.B) {
	benchAlign(b, benchEvent(b, 5))
}

func benchAlign(b *testing.B, texts []textstat.AlignText) {
	var pairs int
	for b.Loop() {
		pairs = len(align(b, texts, textstat.AlignThreshold))
	}
	b.ReportMetric(float64(pairs), "pairs")
}

// benchEvent generates the articles; with reword > 0, one word in reword
// is replaced.
func benchEvent(b *testing.B, reword int) []textstat.AlignText {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("FRAMELENS_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	_, arts, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	var sentences, vocabulary []string
	for _, a := range arts {
		for _, s := range strings.SplitAfter(a.Body, ". ") {
			sentences = append(sentences, strings.TrimSpace(s))
		}
		vocabulary = append(vocabulary, strings.Fields(a.Body)...)
	}
	r := rand.New(rand.NewPCG(3, 4))
	texts := make([]textstat.AlignText, n)
	for i := range texts {
		var body strings.Builder
		fmt.Fprintf(&body, "Generated article %d.", i+1)
		for words := 0; words < 1500; {
			s := sentences[r.IntN(len(sentences))]
			if reword > 0 {
				f := strings.Fields(s)
				for k := range f {
					if r.IntN(reword) == 0 {
						f[k] = vocabulary[r.IntN(len(vocabulary))]
					}
				}
				s = strings.Join(f, " ")
			}
			body.WriteString(" " + s)
			words += strings.Count(s, " ") + 1
		}
		texts[i] = textstat.AlignText{ID: int64(i + 1), Text: body.String()}
	}
	return texts
}
