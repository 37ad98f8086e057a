package match_test

import (
	"strings"
	"unicode"

	"framelens/framing/match"
)

// The reference's quotations and their voice (see reference_test.go).

const (
	straightDouble = iota + 1
	curlyDouble
	guillemet
	single
)

type openMark struct{ kind, start, inner int }

// refQuotes: outermost quotations only. A straight double quote closes
// an open one or opens one; typographic marks open and close by their
// kind and neighbours; an apostrophe inside a word is no mark. A quote
// open at a line break goes on if the next line opens with a mark of its
// kind; otherwise it ends with its line.
func refQuotes(text string) []match.Quote {
	cs := chars(text)
	var out []match.Quote
	var stack []openMark
	top := func(kind int) bool { return len(stack) > 0 && stack[len(stack)-1].kind == kind }
	closeOpen := func(end int) {
		if len(stack) > 0 {
			out = append(out, refQuote(text, stack[0].start, end, stack[0].inner, end))
		}
		stack = nil
	}
	for k := 0; k < len(cs); k++ {
		c, prev, next := cs[k], at(cs, k-1), at(cs, k+1)
		if c.r == '\n' {
			if len(stack) == 0 {
				continue
			}
			j := k + 1
			for j < len(cs) && (cs[j].r == ' ' || cs[j].r == '\t' || cs[j].r == '\r') {
				j++
			}
			if j < len(cs) && continues(cs[j].r, stack[0].kind) {
				k = j
				continue
			}
			closeOpen(len(strings.TrimRight(text[:c.start], " \t\n\r")))
			continue
		}
		opens, closes, kind := false, false, 0
		switch c.r {
		case '"':
			kind, closes = straightDouble, top(straightDouble)
			opens = !closes && !anyOpen(stack, straightDouble)
		case '“':
			kind = curlyDouble
			closes = top(curlyDouble) && !unicode.IsLetter(next) && !unicode.IsDigit(next)
			opens = !closes
		case '„':
			kind, opens = curlyDouble, true
		case '”':
			kind, closes = curlyDouble, top(curlyDouble)
			opens = !closes && len(stack) == 0 && (unicode.IsLetter(next) || unicode.IsDigit(next))
		case '«', '‹':
			kind, opens = guillemet, true
		case '»', '›':
			kind, closes = guillemet, top(guillemet)
		case '\'', '‘', '’', '‚':
			if isWordChar(prev) && isWordChar(next) {
				break // an apostrophe
			}
			kind = single
			closes = top(single) && c.r != '‚' && !isWordChar(next) && !unicode.IsSpace(prev)
			opens = !closes && c.r != '’' && !isWordChar(prev) && unicode.IsLetter(next)
		}
		switch {
		case closes:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				out = append(out, refQuote(text, o.start, c.end, o.inner, c.start))
			}
		case opens:
			stack = append(stack, openMark{kind, c.start, c.end})
		}
	}
	closeOpen(len(strings.TrimRight(text, " \t\n\r")))
	return out
}

func anyOpen(stack []openMark, kind int) bool {
	for _, o := range stack {
		if o.kind == kind {
			return true
		}
	}
	return false
}

// continues: the marks that open a quote of each kind again.
func continues(r rune, kind int) bool {
	switch kind {
	case straightDouble:
		return r == '"'
	case curlyDouble:
		return r == '“' || r == '„'
	case guillemet:
		return r == '«' || r == '‹'
	}
	return r == '\'' || r == '‘'
}

func refQuote(text string, start, end, innerStart, innerEnd int) match.Quote {
	q := match.Quote{Span: match.Span{Start: start, End: end}, Inner: match.Span{Start: innerStart, End: innerEnd}}
	q.Voice = refVoice(text, q)
	return q
}

// refVoice: a quotation is someone's speech when it is long (more than
// six words), ends in the punctuation of a spoken sentence, follows a
// colon, or has a verb of saying within three words of it (across no
// sentence end) or inside it; unless "so-called" stands just before it.
// Otherwise it holds the words at a distance (scare quotes).
func refVoice(text string, q match.Quote) match.Voice {
	inner := text[q.Inner.Start:q.Inner.End]
	if len(refTokens(inner)) > 6 {
		return match.VoiceQuoted
	}
	if t := strings.TrimRight(inner, " \t\n"); t != "" && (strings.ContainsAny(t[len(t)-1:], ",.!?:;") || strings.HasSuffix(t, "…")) {
		return match.VoiceQuoted
	}
	before := text[:q.Start]
	if strings.HasSuffix(strings.TrimRight(before, " \t"), ":") {
		return match.VoiceQuoted
	}
	if soCalled(strings.TrimRight(before, " \t")) {
		return match.VoiceScare
	}
	if speechBefore(before) || speechAfter(text[q.End:]) || speechInside(inner) {
		return match.VoiceQuoted
	}
	return match.VoiceScare
}

// soCalled: the text before a quote ends with "so-called" or "so called"
// (any case, any hyphen of the two usual), or with a form of "так
// называемый" as two whole words.
func soCalled(before string) bool {
	for _, s := range []string{"so-called", "so called", "so\u2010called", "so\u2011called"} {
		if len(before) >= len(s) && strings.EqualFold(before[len(before)-len(s):], s) {
			return true
		}
	}
	cs := chars(before)
	k := len(cs)
	for k > 0 && isWordChar(cs[k-1].r) {
		k--
	}
	if k == len(cs) || cs[len(cs)-1].r < 0x80 || !strings.HasPrefix(strings.ToLower(before[cs[k].start:]), "называем") {
		return false
	}
	for k > 0 && (cs[k-1].r == ' ' || cs[k-1].r == '\t') {
		k--
	}
	end := k
	for k > 0 && isWordChar(cs[k-1].r) {
		k--
	}
	return k < end && strings.EqualFold(before[cs[k].start:cs[end-1].end], "так")
}

// speechWords are the words next to a quote for finding a verb of
// saying: runs of word characters (an apostrophe splits them), up to a
// sentence stop.
func speechBefore(before string) bool {
	cs := chars(before)
	k := len(cs)
	for range 3 {
		for k > 0 && !isWordChar(cs[k-1].r) {
			if strings.ContainsRune(".!?\n", cs[k-1].r) {
				return false
			}
			k--
		}
		end := k
		for k > 0 && isWordChar(cs[k-1].r) {
			k--
		}
		if k == end {
			return false
		}
		if match.SpeechVerbs[refFold(before[cs[k].start:cs[end-1].end])] {
			return true
		}
	}
	return false
}

func speechAfter(after string) bool {
	cs := chars(after)
	k := 0
	for range 3 {
		for k < len(cs) && !isWordChar(cs[k].r) {
			if strings.ContainsRune(".!?\n", cs[k].r) {
				return false
			}
			k++
		}
		start := k
		for k < len(cs) && isWordChar(cs[k].r) {
			k++
		}
		if k == start {
			return false
		}
		if match.SpeechVerbs[refFold(after[cs[start].start:cs[k-1].end])] {
			return true
		}
	}
	return false
}

// speechInside: a verb of saying among the words of the quotation, words
// here running on over straight apostrophes.
func speechInside(inner string) bool {
	cs := chars(inner)
	for k := 0; k < len(cs); {
		if !isWordChar(cs[k].r) {
			k++
			continue
		}
		start := k
		for k < len(cs) && (isWordChar(cs[k].r) || cs[k].r == '\'') {
			k++
		}
		if match.InnerSpeechVerbs[refFold(inner[cs[start].start:cs[k-1].end])] {
			return true
		}
	}
	return false
}
