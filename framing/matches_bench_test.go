package framing_test

import (
	"testing"

	"framelens/framing"
)

// BenchmarkBuildMatches times the last step of Analyze alone: placing the
// phrases found in their sentences and quotes and making the matches.
func BenchmarkBuildMatches(b *testing.B) {
	lexs := benchLexicons(b, 10000)
	text := benchCorpus(lexs)
	m, err := framing.Compile(lexs)
	if err != nil {
		b.Fatal(err)
	}
	build := framing.BuildMatchesForBench(m, text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		build()
	}
}
