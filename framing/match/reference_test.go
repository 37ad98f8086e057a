package match_test

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"

	"framelens/framing/match"
)

// The reference: the engine's rules written for clarity, rune by rune,
// with nothing of package match but its exported types and its word
// lists (abbreviations, verbs of saying). It is slow and obvious on
// purpose; reference_fuzz_test.go holds the engine to it.

// char is one character of a text: a rune and the bytes it takes. An
// invalid byte is a character of its own, utf8.RuneError.
type char struct {
	r          rune
	start, end int
}

func chars(text string) []char {
	var out []char
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		out = append(out, char{r, i, i + size})
		i += size
	}
	return out
}

// at is the character at index k, or a space outside the text.
func at(cs []char, k int) rune {
	if k < 0 || k >= len(cs) {
		return ' '
	}
	return cs[k].r
}

// isWordChar: letters, digits and combining marks make words.
func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostropheChar(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// refTokens: a word is a run of word characters; an apostrophe between
// two word characters belongs to the word.
func refTokens(text string) []match.Token {
	cs := chars(text)
	var out []match.Token
	for k := 0; k < len(cs); {
		if !isWordChar(cs[k].r) {
			k++
			continue
		}
		first := k
		for k < len(cs) && (isWordChar(cs[k].r) || isApostropheChar(cs[k].r) && k+1 < len(cs) && isWordChar(cs[k+1].r)) {
			k++
		}
		out = append(out, match.Token{Start: cs[first].start, End: cs[k-1].end})
	}
	return out
}

// refFold lowers a word, straightens its apostrophes and reads ё as е.
func refFold(word string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case isApostropheChar(r):
			return '\''
		case r == 'ё' || r == 'Ё':
			return 'е'
		}
		return unicode.ToLower(r)
	}, word)
}

// refStem stems a folded word by the first character that tells its
// script: Cyrillic with the Russian stemmer; ASCII (but for digits) or
// Latin with the English one; any other script leaves it as it is.
func refStem(folded string) string {
	for _, r := range folded {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return russian.Stem(folded, true)
		case r >= '0' && r <= '9':
		case r < 0x80 || unicode.Is(unicode.Latin, r):
			return english.Stem(folded, true)
		default:
			return folded
		}
	}
	return folded
}

func isDash(r rune) bool { return strings.ContainsRune("-\u2010\u2011\u2012\u2013\u2014\u2212", r) }

// refPhraseForms: the words of a phrase, and, when some of them are
// joined by hyphens, the same words with those closed up.
func refPhraseForms(phrase string) [][]string {
	toks := refTokens(phrase)
	if len(toks) == 0 {
		return nil
	}
	spaced := []string{phrase[toks[0].Start:toks[0].End]}
	closed := []string{spaced[0]}
	for k := 1; k < len(toks); k++ {
		w := phrase[toks[k].Start:toks[k].End]
		spaced = append(spaced, w)
		if isAllDashes(phrase[toks[k-1].End:toks[k].Start]) {
			closed[len(closed)-1] += w
		} else {
			closed = append(closed, w)
		}
	}
	if len(closed) == len(spaced) {
		return [][]string{spaced}
	}
	return [][]string{spaced, closed}
}

func isAllDashes(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range chars(s) {
		if !isDash(c.r) {
			return false
		}
	}
	return true
}

// Sentences.

func isSentenceCloser(r rune) bool { return strings.ContainsRune("\"')]”’»›“", r) }
func isOpenerChar(r rune) bool     { return strings.ContainsRune("\"'“‘«‹„‚([", r) }
func isStop(r rune) bool           { return r == '.' || r == '!' || r == '?' || r == '…' }

// refSentences: a line break (or paragraph separator) always ends a
// sentence; a stop ends one when what follows it passes refEndsSentence.
// Closing quotes, brackets and further stops stay with the sentence.
// Spaces around a sentence are not part of it.
func refSentences(text string) []match.Span {
	cs := chars(text)
	out := []match.Span{}
	prev := 0
	add := func(start, end int) {
		s := strings.TrimLeft(text[start:end], " \t\n\r")
		start += len(text[start:end]) - len(s)
		s = strings.TrimRight(s, " \t\n\r")
		if s != "" {
			out = append(out, match.Span{Start: start, End: start + len(s)})
		}
	}
	for k := 0; k < len(cs); {
		c := cs[k]
		switch {
		case c.r == '\n' || c.r == '\u2029':
			add(prev, c.start)
			prev = c.end
		case isStop(c.r):
			e := k + 1
			for e < len(cs) && (isSentenceCloser(cs[e].r) || cs[e].r == '.' || cs[e].r == '!' || cs[e].r == '?') {
				e++
			}
			if refEndsSentence(text, cs, k, e) {
				end := len(text)
				if e < len(cs) {
					end = cs[e].start
				}
				add(prev, end)
				prev = end
				k = e
				continue
			}
		}
		k++
	}
	add(prev, len(text))
	return out
}

// refEndsSentence: the stop cs[stop], with closing marks up to cs[after],
// ends a sentence when a space follows, then (past spaces, but not past
// a line break) the end of the text, a line break, a capital, a digit or
// an opening mark; and, for a lone full stop, when the word before it is
// neither an abbreviation nor a single letter ("U.S.", "J. Smith").
func refEndsSentence(text string, cs []char, stop, after int) bool {
	k := after
	if k < len(cs) && !unicode.IsSpace(cs[k].r) {
		return false
	}
	for k < len(cs) && cs[k].r != '\n' && unicode.IsSpace(cs[k].r) {
		k++
	}
	if k < len(cs) {
		if r := cs[k].r; r != '\n' && !unicode.IsUpper(r) && !unicode.IsDigit(r) && !isOpenerChar(r) {
			return false
		}
	}
	if cs[stop].r != '.' || after != stop+1 {
		return true
	}
	w := stop
	for w > 0 && (isWordChar(cs[w-1].r) || cs[w-1].r == '\'') {
		w--
	}
	word := ""
	if w < stop {
		word = text[cs[w].start:cs[stop].start]
	}
	if match.Abbreviations[refFold(word)] {
		return false
	}
	if stop-w == 1 {
		return !unicode.IsLetter(cs[w].r)
	}
	return true
}

// phraseBroken: a phrase does not go on across a line break or a stop
// that ends a sentence (closing quotes and brackets after it, but not
// further stops, count with it).
func phraseBroken(text string, cs []char, from, to int) bool {
	for k := range cs {
		if cs[k].start < from || cs[k].start >= to {
			continue
		}
		if cs[k].r == '\n' || cs[k].r == '\u2029' {
			return true
		}
		if isStop(cs[k].r) {
			e := k + 1
			for e < len(cs) && isSentenceCloser(cs[e].r) {
				e++
			}
			if refEndsSentence(text, cs, k, e) {
				return true
			}
		}
	}
	return false
}

// Quotes.

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

// Matching.

// refWord is a word in the three shapes the modes compare.
type refWord struct{ surface, folded, stem string }

func newRefWord(w string) refWord {
	folded := refFold(w)
	return refWord{w, folded, refStem(folded)}
}

// same compares a text's word with a phrase's as the term's mode says.
func (w refWord) same(phraseWord refWord, mode match.Mode) bool {
	switch mode {
	case match.ModeExact:
		return w.surface == phraseWord.surface
	case match.ModeWord:
		return w.folded == phraseWord.folded
	}
	return w.stem == phraseWord.stem
}

// refForm is one wording of a term, as words.
type refForm struct {
	term  match.Term
	rank  int
	words []refWord
}

type refMatcher struct{ forms []refForm }

// newRefMatcher ranks the terms by Rank, then by their place in terms.
func newRefMatcher(terms []match.Term) *refMatcher {
	r := &refMatcher{}
	ranked := slices.Clone(terms)
	slices.SortStableFunc(ranked, func(a, b match.Term) int { return a.Rank - b.Rank })
	for rank, t := range ranked {
		for _, p := range t.Phrases {
			for _, words := range refPhraseForms(p) {
				f := refForm{term: t, rank: rank}
				for _, w := range words {
					f.words = append(f.words, newRefWord(w))
				}
				r.forms = append(r.forms, f)
			}
		}
	}
	return r
}

// hyphenJoined reports whether the character at k is a hyphen joining
// the words on its two sides (the em dash does not join).
func hyphenJoined(cs []char, k int) bool {
	return k > 0 && k+1 < len(cs) && strings.ContainsRune("-\u2010\u2011\u2013", cs[k].r) &&
		isWordChar(cs[k-1].r) && isWordChar(cs[k+1].r)
}

// analyze: from left to right, at each word not inside the match before
// and not joined by a hyphen to the word before, the longest wording of
// any term that runs over the next words, across no sentence end, and
// does not end joined by a hyphen to the word after; of wordings as long,
// the first term's. Each match takes the sentence it starts in and the
// voice of the quote it starts in or that opens inside it.
func (r *refMatcher) analyze(text string) match.Analysis {
	a := match.Analysis{Sentences: refSentences(text), Quotes: refQuotes(text), Matches: []match.Match{}}
	cs := chars(text)
	index := map[int]int{} // byte offset → character index
	for k, c := range cs {
		index[c.start] = k
	}
	toks := refTokens(text)
	words := make([]refWord, len(toks))
	for i, t := range toks {
		words[i] = newRefWord(text[t.Start:t.End])
	}
	for i := 0; i < len(toks); i++ {
		if k := index[toks[i].Start]; k > 0 && hyphenJoined(cs, k-1) {
			continue
		}
		best := refForm{rank: -1}
		for _, f := range r.forms {
			n := len(f.words)
			if i+n > len(toks) || n < len(best.words) || n == len(best.words) && best.rank >= 0 && f.rank >= best.rank {
				continue
			}
			ok := toks[i+n-1].End == len(text) || !hyphenJoined(cs, index[toks[i+n-1].End])
			for k := 0; ok && k < n; k++ {
				ok = words[i+k].same(f.words[k], f.term.Mode) && (k == 0 || !phraseBroken(text, cs, toks[i+k-1].End, toks[i+k].Start))
			}
			if ok {
				best = f
			}
		}
		if best.rank < 0 {
			continue
		}
		end := i + len(best.words) - 1
		m := match.Match{Span: match.Span{Start: toks[i].Start, End: toks[end].End}, Term: best.term.ID, Voice: match.VoiceOwn}
		m.Sentence = max(len(a.Sentences)-1, 0)
		for s, span := range a.Sentences {
			if span.End > m.Start {
				m.Sentence = s
				break
			}
		}
		for _, q := range a.Quotes {
			if q.End > m.Start {
				if q.Start < m.End {
					m.Voice = q.Voice
				}
				break
			}
		}
		a.Matches = append(a.Matches, m)
		i = end
	}
	return a
}
