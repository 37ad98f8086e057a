package analysis_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"framelens/analysis"
	"framelens/framing"
)

// BenchmarkAlignments times an event's first alignments as the server
// computes them: the kept analyses read, the sentences aligned, the pairs
// kept. The event holds FRAMELENS_BENCH_ARTICLES articles (default 100)
// of about 1,500 words, as `go run ./bench -sizes` stores them; each
// round asks under a new revision, so nothing kept is reused.
//
//	FRAMELENS_BENCH_ARTICLES=1000 go test ./analysis -run XXX -bench Alignments -benchtime 5x
func BenchmarkAlignments(b *testing.B) {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("FRAMELENS_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	st, sentences := benchStore(b)
	r := rand.New(rand.NewPCG(3, 4))
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Large event"})
	if err != nil {
		b.Fatal(err)
	}
	lines := func(yield func(framing.ImportLine) bool) {
		for i := range n {
			var body strings.Builder
			fmt.Fprintf(&body, "Generated article %d.", i+1)
			for words := 0; words < 1500; {
				s := sentences[r.IntN(len(sentences))]
				body.WriteString(" " + s)
				words += strings.Count(s, " ") + 1
			}
			if !yield(framing.ImportLine{N: i + 1, Input: framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i%40), Headline: "H", Language: "en", Body: body.String()}}) {
				return
			}
		}
	}
	if _, err := st.ImportArticles(ctx, ev.ID, lines, nil); err != nil {
		b.Fatal(err)
	}
	svc := analysis.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := svc.Reanalyze(ctx); err != nil {
		b.Fatal(err)
	}
	if ev, err = st.Event(ctx, ev.ID); err != nil {
		b.Fatal(err)
	}
	articles, err := st.Articles(ctx, ev.ID)
	if err != nil {
		b.Fatal(err)
	}
	var pairs int
	for b.Loop() {
		ev.Revision++
		_, p, err := svc.Alignments(ctx, ev, articles)
		if err != nil {
			b.Fatal(err)
		}
		pairs = len(p)
	}
	b.ReportMetric(float64(pairs), "pairs")
}
