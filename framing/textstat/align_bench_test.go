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
// sentences, as `go run ./bench -sizes` stores them.
//
//	go test ./framing -run XXX -bench AlignEvent -benchmem
func BenchmarkAlignEvent(b *testing.B) {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("FRAMELENS_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	_, arts, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	var sentences []string
	for _, a := range arts {
		for _, s := range strings.SplitAfter(a.Body, ". ") {
			sentences = append(sentences, strings.TrimSpace(s))
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	texts := make([]textstat.AlignText, n)
	for i := range texts {
		var body strings.Builder
		fmt.Fprintf(&body, "Generated article %d.", i+1)
		for words := 0; words < 1500; {
			s := sentences[r.IntN(len(sentences))]
			body.WriteString(" " + s)
			words += strings.Count(s, " ") + 1
		}
		texts[i] = textstat.AlignText{ID: int64(i + 1), Text: body.String()}
	}
	var pairs int
	for b.Loop() {
		pairs = len(align(b, texts, textstat.AlignThreshold))
	}
	b.ReportMetric(float64(pairs), "pairs")
}
