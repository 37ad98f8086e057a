package match

import (
	"unicode"
	"unicode/utf8"
)

// Voice is whose words a match is in.
type Voice string

const (
	// VoiceOwn is the outlet's own narration.
	VoiceOwn Voice = "own"
	// VoiceQuoted is reported speech in quotation marks.
	VoiceQuoted Voice = "quoted"
	// VoiceScare is a short phrase put in quotation marks inside the
	// outlet's own sentence to keep a distance from it.
	VoiceScare Voice = "scare"
)

// Quote is a span of text in quotation marks: Span covers the marks,
// Inner the words between them.
type Quote struct {
	Span
	Inner Span
	Voice Voice
}

type quoteKind uint8

const (
	kindDouble      quoteKind = iota + 1 // "…"
	kindCurlyDouble                      // “…” and „…“
	kindGuillemet                        // «…» and ‹…›
	kindSingle                           // '…', ‘…’ and ‚…‘
)

type openQuote struct {
	kind  quoteKind
	start int // byte offset of the opening mark
	inner int // byte offset after it
}

// Quotes finds the quotation spans of a text, outermost only (a quote
// inside a quote is part of the outer one). Straight, typographic, single
// and double quotes, guillemets «» and „“ are recognised; apostrophes
// ("Azerbaijan's", "'90s") are not quotes. A quote left open at the end of
// a paragraph continues when the next paragraph opens with the same mark,
// the typographic convention for speech running over paragraphs; otherwise
// it ends with its paragraph, so one stray mark cannot swallow an article.
func Quotes(text string) []Quote { return findQuotes(text, nil) }

// findQuotes is Quotes, visiting only the positions in marks when it is not
// nil (the quote marks the word loop notes); otherwise it finds them.
func findQuotes(text string, marks []int32) []Quote {
	var out []Quote
	if marks != nil {
		// A quote takes two marks, or one closed by its paragraph's end:
		// counting them sizes the result once instead of growing it.
		out = make([]Quote, 0, len(marks)/2+1)
	} else {
		// Only these bytes can begin a quotation mark or a line break:
		// ASCII quotes and newline, and the lead bytes of « » (U+00AB,
		// U+00BB) and of the marks in U+2018–U+203A.
		marks = findBytes(text, '"', '\'', '\n', 0xC2, 0xE2)
	}
	var open [8]openQuote // nesting rarely goes deeper
	stack := open[:0]
	// A mark on any other byte would do no harm: the bytes below decide.
	for k, i := 0, 0; ; {
		var ok bool
		if k, i, ok = nextMark(marks, k, i); !ok {
			break
		}
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' {
			i++
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
			if j < len(text) && isContinuation(next, stack[0].kind) {
				i = j + nsize
			} else {
				out = closeQuotes(out, text, stack, trimRightSpace(text, i-1))
				stack = stack[:0]
			}
			continue
		}
		var opens, closes bool
		var kind quoteKind
		if r == '"' {
			// The common mark needs neither neighbour: what is open decides.
			kind = kindDouble
			closes = len(stack) > 0 && stack[len(stack)-1].kind == kindDouble
			opens = !closes && !doubleOpen(stack)
		} else {
			opens, closes, kind = quoteRole(text, i, r, size, stack)
		}
		switch {
		case closes:
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				out = appendQuote(out, text, Quote{Span: Span{top.start, i + size}, Inner: Span{top.inner, i}})
			}
		case opens:
			stack = append(stack, openQuote{kind: kind, start: i, inner: i + size})
		}
		i += size
	}
	out = closeQuotes(out, text, stack, trimRightSpace(text, len(text)))
	if len(out) == 0 {
		return nil // as when nothing was appended
	}
	return out
}

// doubleOpen reports whether a straight double quote is open.
func doubleOpen(stack []openQuote) bool {
	for _, q := range stack {
		if q.kind == kindDouble {
			return true
		}
	}
	return false
}

// closeQuotes ends at end the outermost of the quotes left open, if any.
func closeQuotes(out []Quote, text string, stack []openQuote, end int) []Quote {
	if len(stack) > 0 {
		out = appendQuote(out, text, Quote{Span: Span{stack[0].start, end}, Inner: Span{stack[0].inner, end}})
	}
	return out
}

// appendQuote appends q with its voice. Classifying a quote as soon as it
// ends reads the text around it while that is still in the cache.
func appendQuote(out []Quote, text string, q Quote) []Quote {
	q.Voice = classifyQuote(text, q)
	return append(out, q)
}

// quoteRole says whether the rune at i opens or closes a quote, given the
// quotes open so far.
func quoteRole(text string, i int, r rune, size int, stack []openQuote) (opens, closes bool, kind quoteKind) {
	topIs := func(k quoteKind) bool { return len(stack) > 0 && stack[len(stack)-1].kind == k }
	prev, next := ' ', ' '
	if i > 0 {
		if prev = rune(text[i-1]); prev >= utf8.RuneSelf {
			prev, _ = utf8.DecodeLastRuneInString(text[:i])
		}
	}
	if i+size < len(text) {
		if next = rune(text[i+size]); next >= utf8.RuneSelf {
			next, _ = utf8.DecodeRuneInString(text[i+size:])
		}
	}
	switch r { // the straight double quote is decided in quotes
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
		if len(stack) == 0 && isWordStart(next) {
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

func isWordStart(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isContinuation reports whether r is an opening mark of quote kind k.
func isContinuation(r rune, k quoteKind) bool {
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

func trimRightSpace(text string, end int) int {
	for end > 0 && isSpaceByte(text[end-1]) {
		end--
	}
	return end
}
