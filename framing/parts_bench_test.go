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
