package match

import (
	"strings"
	"unicode/utf8"
)

// speechVerbs introduce reported speech; a quote next to one is someone's
// words, not the outlet's distance-keeping.
var speechVerbs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`say says said saying tell tells told telling add adds added state states stated
		stress stresses stressed underline underlines underlined note notes noted call calls called
		describe describes described write writes wrote ask asks asked declare declares declared announce
		announces announced claim claims claimed insist insists insisted argue argues argued warn warns warned
		urge urges urged explain explains explained reply replies replied remark remarks remarked emphasize
		emphasizes emphasized emphasise emphasises emphasised quote quotes quoted according acknowledge
		acknowledged admit admits admitted vow vowed pledge pledged promise promised tweet tweeted posted
		said: told: wrote: declared: added:
		сказал сказала заявил заявила отметил отметила подчеркнул подчеркнула добавил добавила назвал назвала
		сообщил сообщила говорит сказано пишет написал написала заявляет считает`) {
		speechVerbs[strings.TrimSuffix(w, ":")] = true
	}
	speechSet = packedSet(speechVerbs)
}

// speechSet holds the ASCII speech verbs packed: the words next to a
// quote are mostly ASCII, and a packed word is looked up without folding
// it into a string and hashing that (see docs/performance.md).
var speechSet *wordSet

// classifyQuote decides whether a quotation is reported speech or scare
// quotes. It is speech when it is long (more than six words), ends with
// the punctuation of a spoken sentence inside the marks, follows a colon,
// or has a speech verb within three words before or after it; otherwise it
// is a short phrase held at a distance inside the outlet's own sentence.
func classifyQuote(text string, q Quote) Voice {
	inner := text[q.Inner.Start:q.Inner.End]
	if countWords(text, q.Inner.Start, q.Inner.End, 6) > 6 {
		return VoiceQuoted
	}
	trimmed := inner
	for trimmed != "" && (trimmed[len(trimmed)-1] == ' ' || trimmed[len(trimmed)-1] == '\t' || trimmed[len(trimmed)-1] == '\n') {
		trimmed = trimmed[:len(trimmed)-1]
	}
	if trimmed != "" {
		switch trimmed[len(trimmed)-1] {
		case ',', '.', '!', '?', ':', ';':
			return VoiceQuoted
		}
		if strings.HasSuffix(trimmed, "…") {
			return VoiceQuoted
		}
	}
	before := q.Start
	for before > 0 && (text[before-1] == ' ' || text[before-1] == '\t') {
		before--
	}
	if before > 0 && text[before-1] == ':' {
		return VoiceQuoted
	}
	if soCalledBefore(text, q.Start) {
		return VoiceScare
	}
	if speechVerbBefore(text, q.Start) || speechVerbAfter(text, q.End) || speechVerbWithin(text, q.Inner) {
		return VoiceQuoted
	}
	return VoiceScare
}

// speechWindow is how many words next to a quote are searched for a
// speech verb.
const speechWindow = 3

// speechVerbBefore looks for a speech verb among the words just before
// pos, without crossing the end of a sentence. A word here is a run of
// word characters: an apostrophe ends it.
func speechVerbBefore(text string, pos int) bool {
	i := pos
	for range speechWindow {
		for i > 0 { // back over what separates words
			r, size := runeBefore(text, i)
			if isWordRune(r) {
				break
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				return false
			}
			i -= size
		}
		if i >= 16 {
			// Mostly a short ASCII word, found and packed eight bytes
			// at a time.
			if n, key := asciiWordBefore(text, i); n > 0 && n < 16 && text[i-n-1] < utf8.RuneSelf {
				i -= n
				if speechSet.has(key) {
					return true
				}
				continue
			}
		}
		end := i
		for i > 0 {
			r, size := runeBefore(text, i)
			if !isWordRune(r) {
				break
			}
			i -= size
		}
		if i == end {
			return false
		}
		if isSpeechVerb(text, i, end) {
			return true
		}
	}
	return false
}

// speechVerbAfter looks for a speech verb among the words just after pos,
// as speechVerbBefore does before it.
func speechVerbAfter(text string, pos int) bool {
	i := pos
	for range speechWindow {
		for i < len(text) {
			r, size := runeAt(text, i)
			if isWordRune(r) {
				break
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				return false
			}
			i += size
		}
		if i+16 <= len(text) {
			if n, key := asciiWordAt(text, i); n > 0 && n < 16 && text[i+n] < utf8.RuneSelf {
				i += n
				if speechSet.has(key) {
					return true
				}
				continue
			}
		}
		start := i
		for i < len(text) {
			r, size := runeAt(text, i)
			if !isWordRune(r) {
				break
			}
			i += size
		}
		if i == start {
			return false
		}
		if isSpeechVerb(text, start, i) {
			return true
		}
	}
	return false
}

// isSpeechVerb reports whether the word text[start:end], folded, is a
// speech verb.
func isSpeechVerb(text string, start, end int) bool {
	return inSet(text, start, end, speechSet, speechVerbs)
}

// countWords counts the words of text[start:end] as Tokenize finds them
// in that string alone, stopping at limit+1.
func countWords(text string, start, end, limit int) int {
	s, n := text[start:end], 0
	for i := 0; n <= limit; n++ {
		_, wordEnd, _ := nextWord(s, i)
		if wordEnd < 0 {
			break
		}
		i = wordEnd
	}
	return n
}
