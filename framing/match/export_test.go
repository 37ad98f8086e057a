package match

// MarksForBench runs the general word scan, which notes the marks
// Analyze's word loop notes, and returns them, so that benchmarks can
// time Sentences and Quotes as Analyze calls them.
func MarksForBench(text string) (stops, quotes []int32) {
	marks := markLists{stops: make([]int32, 0, 1024), quotes: make([]int32, 0, 1024)}
	for i := 0; ; {
		_, end, _, kind := scanWord(text, i, &marks)
		if kind == scanEnd {
			break
		}
		i = end
	}
	return marks.stops, marks.quotes
}

// SentencesOnMarks is sentences given the scan's stops.
func SentencesOnMarks(text string, m []int32) []Span { return findSentences(text, m) }

// QuotesOnMarks is quotes given the scan's quote marks.
func QuotesOnMarks(text string, m []int32) []Quote { return findQuotes(text, m) }

// BuildMatchesForBench runs the steps of Analyze before buildMatches once
// and returns buildMatches on their results, so that a benchmark can time
// it alone.
func BuildMatchesForBench(m *Matcher, text string) func() []Match {
	s := new(scratch)
	s.loop.marks = markLists{stops: make([]int32, 0, 1024), quotes: make([]int32, 0, 1024)}
	found := m.findTerms(text, s)
	sents, quotes := findSentences(text, s.loop.marks.stops), findQuotes(text, s.loop.marks.quotes)
	return func() []Match { return buildMatches(m, found, sents, quotes, func(dst *Match, x Match) { *dst = x }) }
}

// The word lists the reference reads: they are what the rules say, not
// how the engine finds them.
var (
	Abbreviations    = abbreviations
	SpeechVerbs      = speechVerbs
	InnerSpeechVerbs = innerSpeechVerbs
)

// The speech windows and the word count, for comparing with the reference
// at every position of a text rather than only next to quotes.
var (
	SpeechVerbBefore = speechVerbBefore
	SpeechVerbAfter  = speechVerbAfter
	CountWords       = countWords
)
