package framing

import (
	"strings"
	"unicode/utf8"
)

// soCalledBefore reports whether the quotation at pos follows "so-called"
// (or "so called", Russian "так называемый" in any form): the outlet
// distances itself from the words, whatever verb "called" resembles.
func soCalledBefore(text string, pos int) bool {
	i := pos
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	// Enough bytes for "так называемыми", the longest form, in Cyrillic.
	from := max(0, i-40)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	before := strings.ToLower(text[from:i])
	for _, s := range []string{"so-called", "so called", "so\u2010called", "so\u2011called"} {
		if strings.HasSuffix(before, s) {
			return true
		}
	}
	words := strings.Fields(before)
	n := len(words)
	return n >= 2 && words[n-2] == "так" && strings.HasPrefix(words[n-1], "называем")
}

// innerSpeechVerbs are verbs of saying that, inside a quotation, show it
// is someone's speech rather than words held at a distance ("I said no").
// Forms that are also common nouns ("states", "notes", "calls") are left
// out.
var innerSpeechVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`said say says told tell tells stated added stressed claimed insisted warned
		declared announced wrote asked replied сказал сказала заявил заявила отметил отметила подчеркнул подчеркнула`) {
		innerSpeechVerbs[w] = true
	}
}

// speechVerbWithin reports whether a verb of saying sits inside a
// quotation's words: the verb and the quotation are then the speaker's.
func speechVerbWithin(text string, inner Span) bool {
	s := text[inner.Start:inner.End]
	var buf []byte
	for _, t := range Tokenize(s, nil) {
		buf = foldWord(buf[:0], s[t.Start:t.End])
		if innerSpeechVerbs[string(buf)] {
			return true
		}
	}
	return false
}
