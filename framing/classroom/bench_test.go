package classroom_test

import (
	"math/rand/v2"
	"testing"

	"framelens/demo"
	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

// classBench is the demo event's articles with their matches and a full
// class's marks: 40 students, 10 marks each, on words of the articles.
func classBench(b *testing.B) (*framing.Matcher, []framing.ArticleMatches, []classroom.Mark) {
	b.Helper()
	m := testcorpus.ShippedMatcher(b)
	_, inputs, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	var articles []framing.ArticleMatches
	for i, in := range inputs {
		a := in.Article(1)
		a.ID = int64(i + 1)
		articles = append(articles, framing.ArticleMatches{Article: a, Matches: m.Analyze(a.Body).Matches})
	}
	r := rand.New(rand.NewPCG(3, 4))
	var marks []classroom.Mark
	for s := range 40 {
		for range 10 {
			a := articles[r.IntN(len(articles))].Article
			words := match.Tokenize(a.Body, nil)
			k := r.IntN(len(words) - 1)
			sp := framing.Span{Start: words[k].Start, End: words[k+r.IntN(2)].End} // one word or two
			marks = append(marks, classroom.Mark{StudentID: int64(s + 1), ArticleID: a.ID, Span: sp, Text: a.Body[sp.Start:sp.End]})
		}
	}
	return m, articles, marks
}

// BenchmarkClassResults adds up a full class's marks, which every live
// update of the dashboard does; the baseline in the same run is
// analysing the same articles once, which the kept analyses spare.
func BenchmarkClassResults(b *testing.B) {
	m, articles, marks := classBench(b)
	b.Run("results-40-students", func(b *testing.B) {
		for b.Loop() {
			classroom.Tally(m, articles, marks, 40)
		}
	})
	b.Run("baseline-analyse-articles", func(b *testing.B) {
		for b.Loop() {
			for _, am := range articles {
				m.Analyze(am.Article.Body)
			}
		}
	})
}
