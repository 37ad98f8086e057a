package framing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context is a keyword-in-context line: the words before a match, the
// match, and the words after, within its paragraph.
type Context struct {
	Before, Match, After string
}

// KWIC cuts the context of span out of text: up to about width bytes on
// each side, cut at a word boundary, never across a line break or a UTF-8
// character, with "…" where the line was cut.
func KWIC(text string, span Span, width int) Context {
	lo := max(0, span.Start-width)
	if k := strings.LastIndexByte(text[lo:span.Start], '\n'); k >= 0 {
		lo += k + 1
	} else if lo > 0 && !isSpaceByte(text[lo-1]) {
		lo = nextWordStart(text, lo, span.Start)
	}
	hi := min(len(text), span.End+width)
	if k := strings.IndexByte(text[span.End:hi], '\n'); k >= 0 {
		hi = span.End + k
	} else if hi < len(text) && !isSpaceByte(text[hi]) {
		hi = prevWordEnd(text, span.End, hi)
	}
	c := Context{
		Before: strings.TrimLeftFunc(text[lo:span.Start], unicode.IsSpace),
		Match:  text[span.Start:span.End],
		After:  strings.TrimRightFunc(text[span.End:hi], unicode.IsSpace),
	}
	if lo > 0 && text[lo-1] != '\n' {
		c.Before = "…" + c.Before
	}
	if hi < len(text) && text[hi] != '\n' {
		c.After += "…"
	}
	return c
}

// nextWordStart moves i forward to just after the next space, staying
// before limit; it keeps i on a character boundary.
func nextWordStart(text string, i, limit int) int {
	for i < limit && !utf8.RuneStart(text[i]) {
		i++
	}
	if k := strings.IndexAny(text[i:limit], " \t"); k >= 0 {
		return i + k + 1
	}
	return i
}

// prevWordEnd moves i back to the last space after from.
func prevWordEnd(text string, from, i int) int {
	for i > from && !utf8.RuneStart(text[i]) {
		i--
	}
	if k := strings.LastIndexAny(text[from:i], " \t"); k >= 0 {
		return from + k
	}
	return i
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}
