package framing

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// OutletAliases names each outlet "Outlet A", "Outlet B"… in article
// order, keyed by OutletKey; an outlet with several articles keeps one
// letter. Blind sessions show these until the reveal.
func OutletAliases(articles []Article) map[string]string {
	out := map[string]string{}
	for _, a := range articles {
		key := OutletKey(a.Outlet)
		if _, ok := out[key]; !ok {
			out[key] = "Outlet " + aliasLetters(len(out))
		}
	}
	return out
}

func aliasLetters(i int) string {
	s := string(rune('A' + i%26))
	if i >= 26 {
		s = aliasLetters(i/26-1) + s
	}
	return s
}

// NameSpan is where a text names an outlet.
type NameSpan struct {
	Span
	Outlet string
}

// NameSpans finds where text names any of the articles' outlets, ignoring
// case, as whole words (an outlet called "RT" is not in "report"), in
// text order without overlaps.
func NameSpans(text string, articles []Article) []NameSpan {
	var out []NameSpan
	for i := 0; i < len(text); {
		best := ""
		for _, a := range articles {
			name := a.Outlet
			if len(name) > len(best) && i+len(name) <= len(text) && strings.EqualFold(text[i:i+len(name)], name) &&
				wordEdge(text, i, i+len(name)) {
				best = name
			}
		}
		if best != "" {
			out = append(out, NameSpan{Span: Span{Start: i, End: i + len(best)}, Outlet: best})
			i += len(best)
			continue
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return out
}

func wordEdge(s string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return (start == 0 || !isWord(before)) && (end == len(s) || !isWord(after))
}

// MaskNames replaces every outlet named in text by its alias.
func MaskNames(text string, articles []Article) string {
	spans := NameSpans(text, articles)
	if len(spans) == 0 {
		return text
	}
	aliases := OutletAliases(articles)
	var b strings.Builder
	cur := 0
	for _, sp := range spans {
		b.WriteString(text[cur:sp.Start])
		b.WriteString(aliases[OutletKey(sp.Outlet)])
		cur = sp.End
	}
	b.WriteString(text[cur:])
	return b.String()
}

// BlindMask is the articles whose outlet names a blind session hides
// until the reveal, from all the event's articles: the session's own in
// reading order, so that they are "Outlet A, B…" as labelled, then the
// event's others that were there when the session opened, whose names a
// text may mention too. An article added later is left out, so that
// nobody can blank out a class's texts by adding an article whose
// "outlet" is a common word.
func BlindMask(cs ClassSession, all []Article) []Article {
	byID := make(map[int64]Article, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}
	out := make([]Article, 0, len(all))
	own := make(map[int64]bool, len(cs.ArticleIDs))
	for _, id := range cs.ArticleIDs {
		if a, ok := byID[id]; ok {
			out = append(out, a)
			own[id] = true
		}
	}
	for _, a := range all {
		if !own[a.ID] && a.ID <= cs.LastArticleID {
			out = append(out, a)
		}
	}
	return out
}

// CutsAName reports whether sp covers part of an outlet name in text
// without covering all of it: a mark like that would show the hidden name
// less a letter, which masking whole names cannot hide.
func CutsAName(text string, sp Span, articles []Article) bool {
	for _, n := range NameSpans(text, articles) {
		overlaps := sp.Start < n.End && n.Start < sp.End
		whole := sp.Start <= n.Start && n.End <= sp.End
		if overlaps && !whole {
			return true
		}
	}
	return false
}
