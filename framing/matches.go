package framing

import "framelens/framing/match"

// The engine's words for places in a text and whose words they are, named
// here too: they are the product's vocabulary as much as the engine's.
type (
	// Span is a byte range [Start, End) of a text.
	Span = match.Span
	// Quote is a span of text in quotation marks, with its voice.
	Quote = match.Quote
	// Voice is whose words a match is in.
	Voice = match.Voice
)

// The voices of a match.
const (
	VoiceOwn    = match.VoiceOwn    // the outlet's own narration
	VoiceQuoted = match.VoiceQuoted // reported speech in quotation marks
	VoiceScare  = match.VoiceScare  // a short phrase held at a distance in quotation marks
)

// Match is one occurrence of a term in a text.
type Match struct {
	Span
	Surface string
	Ref     TermRef
	Voice   Voice
	// Sentence is the index of the sentence the match starts in.
	Sentence int
}

// Analysis is what the matcher found in one text.
type Analysis struct {
	Matches   []Match
	Sentences []Span
	Quotes    []Quote
}

// KeptAnalysis is the matches found in one article's text under a lexicon
// key (see analysis.ScopeKey), to be kept while the text is unchanged.
type KeptAnalysis struct {
	Key     string
	Article Article
	Matches []Match
}
