package match_test

import (
	"testing"

	"framelens/framing/internal/testcorpus"
	"framelens/framing/match"
)

// BenchmarkBuildMatches times the last step of Analyze alone: placing the
// phrases found in their sentences and quotes and making the matches.
func BenchmarkBuildMatches(b *testing.B) {
	lexs := testcorpus.Lexicons(b, 10000)
	text := testcorpus.Text(lexs)
	build := match.BuildMatchesForBench(match.Compile(testcorpus.Terms(lexs)), text)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		build()
	}
}
