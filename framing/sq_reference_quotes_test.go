package framing

// The quotation finder as it stood before it was tuned for speed, kept
// verbatim under other names (see sq_reference_sentences_test.go).

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// refQuotesOf is the old Quotes.
func refQuotesOf(text string) []Quote { return refQuotes(text, nil) }

var refSpeechOnce sync.Once

// refSpeechInit builds the reference's verb tables from speechVerbs, which
// speech.go fills in init: lazily, so that it is filled by then.
func refSpeechInit() {
	refSpeechOnce.Do(func() {
		for w := range speechVerbs {
			i := refSpeechShape(w)
			refSpeechShapes[i/64] |= 1 << (i % 64)
		}
		refSpeechTable = newWordTable(len(speechVerbs))
		for w := range speechVerbs {
			if k, ok := packFolded(w); ok {
				refSpeechTable.put(k, wordInfo{})
			}
		}
	})
}

// refQuotes is quotes, visiting only the positions in marks when it is not
// nil (scanWord's quotes).
func refQuotes(text string, marks []int32) []Quote {
	refSpeechInit()
	var out []Quote
	// A quote takes two marks, or one closed by its paragraph's end:
	// counting them sizes the result once instead of growing it.
	if marks != nil {
		out = make([]Quote, 0, len(marks)/2+1)
	}
	var stack []openQuote
	closeAll := func(end int) {
		if len(stack) > 0 {
			out = append(out, Quote{Span: Span{stack[0].start, end}, Inner: Span{stack[0].inner, end}})
		}
		stack = stack[:0]
	}
	// Only these bytes can begin a quotation mark or a line break: ASCII
	// quotes and newline, and the lead bytes of « » (U+00AB, U+00BB) and
	// of the marks in U+2018–U+203A.
	find := refNewByteFinder(text, marks, '"', '\'', '\n', 0xC2, 0xE2)
	for i := find.from(0); i < len(text); i = find.from(i) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			i += size
			if len(stack) == 0 {
				continue
			}
			// A quote open at a paragraph's end goes on only if the next
			// paragraph opens with the same mark, which is then skipped.
			j := i
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			next, nsize := utf8.DecodeRuneInString(text[j:])
			if j < len(text) && refIsContinuation(next, stack[0].kind) {
				i = j + nsize
			} else {
				closeAll(refTrimRightSpace(text, i-size))
			}
			continue
		}
		opens, closes, kind := refQuoteRole(text, i, r, size, stack)
		switch {
		case closes:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				out = append(out, Quote{Span: Span{top.start, i + size}, Inner: Span{top.inner, i}})
			}
		case opens:
			stack = append(stack, openQuote{kind: kind, start: i, inner: i + size})
		}
		i += size
	}
	closeAll(refTrimRightSpace(text, len(text)))
	if len(out) == 0 {
		return nil // as when nothing was appended
	}
	for k := range out {
		out[k].Voice = refClassifyQuote(text, out[k])
	}
	return out
}

// refQuoteRole says whether the rune at i opens or closes a quote, given the
// quotes open so far.
func refQuoteRole(text string, i int, r rune, size int, stack []openQuote) (opens, closes bool, kind quoteKind) {
	open := func(k quoteKind) bool {
		for _, q := range stack {
			if q.kind == k {
				return true
			}
		}
		return false
	}
	topIs := func(k quoteKind) bool { return len(stack) > 0 && stack[len(stack)-1].kind == k }
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+size:])
	if i == 0 {
		prev = ' '
	}
	if i+size >= len(text) {
		next = ' '
	}
	switch r {
	case '"':
		if topIs(kindDouble) {
			return false, true, kindDouble
		}
		if !open(kindDouble) {
			return true, false, kindDouble
		}
	case '“':
		if topIs(kindCurlyDouble) && !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			return false, true, kindCurlyDouble // closes „…“
		}
		return true, false, kindCurlyDouble
	case '„':
		return true, false, kindCurlyDouble
	case '”':
		if topIs(kindCurlyDouble) {
			return false, true, kindCurlyDouble
		}
		if len(stack) == 0 && refIsWordStart(next) {
			return true, false, kindCurlyDouble // Swedish ”…”
		}
	case '«', '‹':
		return true, false, kindGuillemet
	case '»', '›':
		if topIs(kindGuillemet) {
			return false, true, kindGuillemet
		}
	case '\'', '‘', '’', '‚':
		inWord := isWordRune(prev) && isWordRune(next)
		if inWord {
			return false, false, 0 // an apostrophe: Azerbaijan's
		}
		if topIs(kindSingle) && r != '‚' && !isWordRune(next) && !unicode.IsSpace(prev) {
			return false, true, kindSingle
		}
		if (r == '\'' || r == '‘' || r == '‚') && !isWordRune(prev) && unicode.IsLetter(next) {
			return true, false, kindSingle // '90s starts with a digit: an elision
		}
	}
	return false, false, 0
}

func refIsWordStart(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// refIsContinuation reports whether r is an opening mark of quote kind k.
func refIsContinuation(r rune, k quoteKind) bool {
	switch k {
	case kindDouble:
		return r == '"'
	case kindCurlyDouble:
		return r == '“' || r == '„'
	case kindGuillemet:
		return r == '«' || r == '‹'
	case kindSingle:
		return r == '\'' || r == '‘'
	}
	return false
}

func refTrimRightSpace(text string, end int) int {
	for end > 0 && refIsSpaceByte(text[end-1]) {
		end--
	}
	return end
}

// refSpeechShapes is a bit set of the (first letter, length) shapes of the
// speech verbs, so that most words are ruled out without folding or a map
// lookup. Distinct shapes may share a bit; that only costs a lookup.
var refSpeechShapes [2048 / 64]uint64

func refSpeechShape(word string) int {
	r := rune(word[0])
	if r >= utf8.RuneSelf {
		r, _ = utf8.DecodeRuneInString(word)
		r = unicode.ToLower(r)
	} else if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return int(r%64)*32 + min(len(word), 31)
}

func refHasSpeechShape(word string) bool {
	i := refSpeechShape(word)
	return refSpeechShapes[i/64]&(1<<(i%64)) != 0
}

// refClassifyQuote decides whether a quotation is reported speech or scare
// quotes. It is speech when it is long (more than six words), ends with
// the punctuation of a spoken sentence inside the marks, follows a colon,
// or has a speech verb within three words before or after it; otherwise it
// is a short phrase held at a distance inside the outlet's own sentence.
func refClassifyQuote(text string, q Quote) Voice {
	inner := text[q.Inner.Start:q.Inner.End]
	if refCountWords(inner, 6) > 6 {
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
	// The two newer rules have one implementation each; the reference
	// holds the rest of the rules to the code they replaced.
	if soCalledBefore(text, q.Start) {
		return VoiceScare
	}
	if refSpeechVerbBefore(text, q.Start) || refSpeechVerbAfter(text, q.End) || speechVerbWithin(text, q.Inner) {
		return VoiceQuoted
	}
	return VoiceScare
}

// refSpeechWindow is how many words next to a quote are searched for a
// speech verb.
const refSpeechWindow = 3

// refSpeechVerbBefore looks for a speech verb among the words just before
// pos, without crossing the end of a sentence.
func refSpeechVerbBefore(text string, pos int) bool {
	i := pos
	for w := 0; w < refSpeechWindow; w++ {
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
		if refIsSpeechVerb(text, i, end, ascii) {
			return true
		}
	}
	return false
}

// refSpeechVerbAfter looks for a speech verb among the words just after pos,
// without crossing the end of a sentence.
func refSpeechVerbAfter(text string, pos int) bool {
	i := pos
	for w := 0; w < refSpeechWindow; w++ {
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
		if refIsSpeechVerb(text, start, i, ascii) {
			return true
		}
	}
	return false
}

// refSpeechTable holds the ASCII speech verbs packed, so the common case, an
// English word next to a quote, is decided without folding and hashing a
// string.
// It is filled in init, after speechVerbs.
var refSpeechTable *wordTable

// refIsSpeechVerb reports whether the word text[start:end] is a speech verb;
// ascii says the word is ASCII letters and digits only. It takes the whole
// text, not the word, so that packing the word reads eight bytes at once
// from the text around it instead of a short word byte by byte.
func refIsSpeechVerb(text string, start, end int, ascii bool) bool {
	word := text[start:end]
	if ascii {
		k, ok := packASCII(text, start, end)
		if !ok {
			return false // no speech verb is that long
		}
		_, found := refSpeechTable.get(k)
		return found
	}
	if len(word) > 32 || !refHasSpeechShape(word) {
		return false
	}
	var buf [64]byte
	return speechVerbs[string(foldWord(buf[:0], word))]
}

// refCountWords counts the words of s, stopping at limit+1.
func refCountWords(s string, limit int) int {
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
