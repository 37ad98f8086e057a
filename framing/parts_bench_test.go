package framing_test

import (
	"testing"

	"framelens/framing"
)

func BenchmarkSentences(b *testing.B) {
	text := benchCorpus(benchLexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		framing.Sentences(text)
	}
}

func BenchmarkQuotes(b *testing.B) {
	text := benchCorpus(benchLexicons(b, 1000))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		framing.Quotes(text)
	}
}

// BenchmarkSentencesMarks times sentences as Analyze runs it: on the marks
// its word scan noted.
func BenchmarkSentencesMarks(b *testing.B) {
	text := benchCorpus(benchLexicons(b, 1000))
	stops, _ := framing.MarksForBench(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		framing.SentencesOnMarks(text, stops)
	}
}

// BenchmarkQuotesMarks is BenchmarkSentencesMarks for quotes.
func BenchmarkQuotesMarks(b *testing.B) {
	text := benchCorpus(benchLexicons(b, 1000))
	_, quotes := framing.MarksForBench(text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		framing.QuotesOnMarks(text, quotes)
	}
}
