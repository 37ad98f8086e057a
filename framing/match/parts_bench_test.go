package match_test

import (
	"testing"

	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

func BenchmarkSentences(b *testing.B) {
	text := testcorpus.Text(testcorpus.Lexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		match.Sentences(text)
	}
}

func BenchmarkQuotes(b *testing.B) {
	text := testcorpus.Text(testcorpus.Lexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		match.Quotes(text)
	}
}

// BenchmarkSentencesMarks times sentences as Analyze runs it: on the marks
// its word scan noted.
func BenchmarkSentencesMarks(b *testing.B) {
	text := testcorpus.Text(testcorpus.Lexicons(b, 1000))
	stops, _ := match.MarksForBench(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		match.SentencesOnMarks(text, stops)
	}
}

// BenchmarkQuotesMarks is BenchmarkSentencesMarks for quotes.
func BenchmarkQuotesMarks(b *testing.B) {
	text := testcorpus.Text(testcorpus.Lexicons(b, 1000))
	_, quotes := match.MarksForBench(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		match.QuotesOnMarks(text, quotes)
	}
}
