package framing

import (
	"strings"
	"unicode"
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
		w = strings.TrimSuffix(w, ":")
		speechVerbs[w] = true
		i := speechShape(w)
		speechShapes[i/64] |= 1 << (i % 64)
	}
}

// speechShapes is a bit set of the (first letter, length) shapes of the
// speech verbs, so that most words are ruled out without folding or a map
// lookup. Distinct shapes may share a bit; that only costs a lookup.
var speechShapes [2048 / 64]uint64

func speechShape(word string) int {
	r, _ := utf8.DecodeRuneInString(word)
	return int(unicode.ToLower(r)%64)*32 + min(len(word), 31)
}

func hasSpeechShape(word string) bool {
	i := speechShape(word)
	return speechShapes[i/64]&(1<<(i%64)) != 0
}

// classifyQuote decides whether a quotation is reported speech or scare
// quotes. It is speech when it is long (more than six words), ends with
// the punctuation of a spoken sentence inside the marks, follows a colon,
// or has a speech verb within three words before or after it; otherwise it
// is a short phrase held at a distance inside the outlet's own sentence.
func classifyQuote(text string, q Quote) Voice {
	inner := text[q.Inner.Start:q.Inner.End]
	if countWords(inner, 6) > 6 {
		return VoiceQuoted
	}
	trimmed := strings.TrimRight(inner, " \t\n")
	if trimmed != "" && strings.ContainsAny(trimmed[len(trimmed)-1:], ",.!?:;") || strings.HasSuffix(trimmed, "…") {
		return VoiceQuoted
	}
	before := strings.TrimRight(text[:q.Start], " \t")
	if strings.HasSuffix(before, ":") {
		return VoiceQuoted
	}
	if speechVerbBefore(text, q.Start) || speechVerbAfter(text, q.End) {
		return VoiceQuoted
	}
	return VoiceScare
}

// speechWindow is how many words next to a quote are searched for a
// speech verb.
const speechWindow = 3

// speechVerbBefore looks for a speech verb among the words just before
// pos, without crossing the end of a sentence.
func speechVerbBefore(text string, pos int) bool {
	i := pos
	for w := 0; w < speechWindow; w++ {
		for i > 0 { // back over what separates words
			r, size := utf8.DecodeLastRuneInString(text[:i])
			if isWordRune(r) {
				break
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				return false
			}
			i -= size
		}
		end := i
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:i])
			if !isWordRune(r) {
				break
			}
			i -= size
		}
		if i == end {
			return false
		}
		if isSpeechVerb(text[i:end]) {
			return true
		}
	}
	return false
}

// speechVerbAfter looks for a speech verb among the words just after pos,
// without crossing the end of a sentence.
func speechVerbAfter(text string, pos int) bool {
	i := pos
	for w := 0; w < speechWindow; w++ {
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				break
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				return false
			}
			i += size
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		if i == start {
			return false
		}
		if isSpeechVerb(text[start:i]) {
			return true
		}
	}
	return false
}

func isSpeechVerb(word string) bool {
	if len(word) > 32 || !hasSpeechShape(word) {
		return false
	}
	var buf [64]byte
	return speechVerbs[string(foldWord(buf[:0], word))]
}

// countWords counts the words of s, stopping at limit+1.
func countWords(s string, limit int) int {
	n := 0
	for i := 0; n <= limit; n++ {
		start, end, _ := nextWord(s, i)
		if start < 0 {
			break
		}
		i = end
	}
	return n
}
