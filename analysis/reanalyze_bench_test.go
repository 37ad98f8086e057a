package analysis_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"framelens/analysis"
	"framelens/demo"
	"framelens/framing"
	"framelens/lexicons"
	"framelens/store"
)

// BenchmarkReanalyze times the re-analysis of a stored archive after a
// lexicon was added: FRAMELENS_BENCH_ARTICLES articles (default 10,000)
// of about 800 words in events of five, as `go run ./bench -archive`
// stores them.
//
//	go test ./analysis -run XXX -bench Reanalyze -benchtime 3x
func BenchmarkReanalyze(b *testing.B) {
	ctx := context.Background()
	st, sentences := benchStore(b)
	r := rand.New(rand.NewPCG(1, 2))
	const n, perEvent = 10000, 5
	total := 0
	for e := range n / perEvent {
		ev, err := st.CreateEvent(ctx, framing.EventInput{Title: fmt.Sprintf("Event %d", e)})
		if err != nil {
			b.Fatal(err)
		}
		lines := func(yield func(framing.ImportLine) bool) {
			for i := range perEvent {
				var body strings.Builder
				fmt.Fprintf(&body, "Article %d of event %d.", i, e)
				for words := 0; words < 800; {
					s := sentences[r.IntN(len(sentences))]
					body.WriteString(" " + s)
					words += strings.Count(s, " ") + 1
				}
				total += body.Len()
				if !yield(framing.ImportLine{N: i + 1, Input: framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i), Headline: "H", Language: "en", Body: body.String()}}) {
					return
				}
			}
		}
		if _, err := st.ImportArticles(ctx, ev.ID, lines, nil); err != nil {
			b.Fatal(err)
		}
	}
	svc := analysis.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err := svc.Reanalyze(ctx); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(total))
	copies := 0
	for b.Loop() {
		b.StopTimer()
		lex := shipped(b)[0]
		copies++
		lex.Slug, lex.Name = fmt.Sprintf("%s-copy-%d", lex.Slug, copies), fmt.Sprintf("%s (copy %d)", lex.Name, copies)
		if _, err := st.CreateLexicon(ctx, lex); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := svc.Reanalyze(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// benchStore is a store in b's temp dir with the shipped lexicons, and the
// demo event's sentences that the benchmarks make their articles of.
func benchStore(b *testing.B) (*store.Store, []string) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.SeedLexicons(ctx, shipped(b)); err != nil {
		b.Fatal(err)
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
	return st, sentences
}

func shipped(b *testing.B) []framing.Lexicon {
	b.Helper()
	list, err := lexicons.Shipped()
	if err != nil {
		b.Fatal(err)
	}
	return list
}
