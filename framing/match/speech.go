package match

import (
	"math/bits"
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
	var packed []packedWord
	for w := range speechVerbs {
		if k, ok := packFolded(w); ok {
			packed = append(packed, k)
		} else if ascii(w) {
			panic("speech verb " + w + " is too long for the packed set")
		}
	}
	speechSet = newWordSet(packed)
}

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
// pos, without crossing the end of a sentence.
func speechVerbBefore(text string, pos int) bool {
	i := pos
	for w := 0; w < speechWindow; w++ {
		for i > 0 { // back over what separates words
			if c := text[i-1]; c < utf8.RuneSelf {
				if wordByte[c] {
					break
				}
				if c == '.' || c == '!' || c == '?' || c == '\n' {
					return false
				}
				i--
				continue
			}
			r, size := utf8.DecodeLastRuneInString(text[:i])
			if isWordRune(r) {
				break
			}
			i -= size
		}
		if i >= 16 {
			// Mostly a short ASCII word: its start is found eight bytes
			// at a time.
			x1, x2 := load8(text, i-8), load8(text, i-16)
			k := wordPrefix(bits.ReverseBytes64(x1))
			if k == 8 {
				k += wordPrefix(bits.ReverseBytes64(x2))
			}
			if k < 16 && text[i-k-1] < utf8.RuneSelf {
				if k == 0 {
					return false
				}
				i -= k
				// The word packed from the same loads, as packASCII would.
				var key packedWord
				if k <= 8 {
					key.lo = (x1>>((64-8*k)&63) | caseBits) & lowBytes[k&15]
				} else {
					key.lo = x2>>(8*(16-k)&63) | x1<<(8*(k-8)&63) | caseBits
					key.hi = (x1>>(8*(16-k)&63) | caseBits) & lowBytes[(k-8)&15]
				}
				if speechSet.has(key) {
					return true
				}
				continue
			}
		}
		end, ascii := i, true
		for i > 0 {
			if c := text[i-1]; c < utf8.RuneSelf {
				if !wordByte[c] {
					break
				}
				i--
				continue
			}
			r, size := utf8.DecodeLastRuneInString(text[:i])
			if !isWordRune(r) {
				break
			}
			i -= size
			ascii = false
		}
		if i == end {
			return false
		}
		if isSpeechVerb(text, i, end, ascii) {
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
			if c := text[i]; c < utf8.RuneSelf {
				if wordByte[c] {
					break
				}
				if c == '.' || c == '!' || c == '?' || c == '\n' {
					return false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				break
			}
			i += size
		}
		if i+16 <= len(text) {
			// Mostly a short ASCII word: found and packed from two loads.
			if k, key := shortWord(text, i); k < 16 && text[i+k] < utf8.RuneSelf {
				if k == 0 {
					return false
				}
				i += k
				if speechSet.has(key) {
					return true
				}
				continue
			}
		}
		start, ascii := i, true
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !wordByte[c] {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
			ascii = false
		}
		if i == start {
			return false
		}
		if isSpeechVerb(text, start, i, ascii) {
			return true
		}
	}
	return false
}

// speechSet holds the ASCII speech verbs packed, so the common case, an
// English word next to a quote, is decided without folding and hashing a
// string.
// It is filled in init, after speechVerbs.
var speechSet *wordSet

// isSpeechVerb reports whether the word text[start:end] is a speech verb;
// ascii says the word is ASCII letters and digits only. It takes the whole
// text, not the word, so that packing the word reads eight bytes at once
// from the text around it instead of a short word byte by byte.
func isSpeechVerb(text string, start, end int, ascii bool) bool {
	word := text[start:end]
	if ascii {
		k, ok := packASCII(text, start, end)
		if !ok {
			return false // no speech verb is that long
		}
		return speechSet.has(k)
	}
	if len(word) > 32 {
		return false // no speech verb is that long, folded or not
	}
	var buf [64]byte
	return speechVerbs[string(Fold(buf[:0], word))]
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
