package framing

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NameMasker hides outlets' names behind aliases ("Outlet A", "Outlet B"…,
// in article order; an outlet with several articles keeps one letter). It is
// the one masker of every place that hides names: the event page in blind
// mode and blind classroom sessions. Its zero value hides nothing.
//
// It finds a name as whole words, ignoring case, the longest name first
// wherever names overlap ("RIA Novosti" before "RIA"), and also the short
// form a text uses for an outlet ("Anadolu" for "Anadolu Agency", "Guardian"
// for "The Guardian"), in the short form's own capitalisation so that a
// common word is not hidden.
type NameMasker struct {
	names   []maskedName // longest first
	aliases map[string]string
}

type maskedName struct {
	text  string
	key   string // the outlet's OutletKey
	exact bool   // a short form: matched in its own case only
}

// NameSpan is where a text names an outlet, and the alias that hides it.
type NameSpan struct {
	Span
	Alias string
}

// NewNameMasker hides the outlets of articles.
func NewNameMasker(articles []Article) NameMasker {
	m := NameMasker{aliases: map[string]string{}}
	full := map[string]bool{}
	for _, a := range articles {
		key := OutletKey(a.Outlet)
		if key == "" {
			continue
		}
		if _, ok := m.aliases[key]; !ok {
			m.aliases[key] = "Outlet " + aliasLetters(len(m.aliases))
			m.names = append(m.names, maskedName{text: collapseSpaces(a.Outlet), key: key})
			full[key] = true
		}
	}
	taken := map[string]bool{}
	for _, n := range slices.Clone(m.names) {
		for _, short := range shortForms(n.text) {
			if !full[OutletKey(short)] && !taken[short] {
				taken[short] = true
				m.names = append(m.names, maskedName{text: short, key: n.key, exact: true})
			}
		}
	}
	slices.SortStableFunc(m.names, func(a, b maskedName) int { return cmp.Compare(len(b.text), len(a.text)) })
	return m
}

// Active reports whether the masker hides anything.
func (m NameMasker) Active() bool { return len(m.aliases) > 0 }

// Outlet is the name to show for an outlet: its alias while masked.
func (m NameMasker) Outlet(name string) string {
	if alias, ok := m.aliases[OutletKey(name)]; ok {
		return alias
	}
	return name
}

// Spans finds where text names a masked outlet, in text order, without
// overlaps.
func (m NameMasker) Spans(text string) []NameSpan {
	if !m.Active() {
		return nil
	}
	var out []NameSpan
	for i := 0; i < len(text); {
		if i == 0 || !isNameRune(lastRune(text[:i])) {
			if n, ok := m.nameAt(text, i); ok {
				out = append(out, NameSpan{Span: Span{Start: i, End: i + len(n.text)}, Alias: m.aliases[n.key]})
				i += len(n.text)
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// nameAt is the longest name that text has at byte i as whole words.
func (m NameMasker) nameAt(text string, i int) (maskedName, bool) {
	for _, n := range m.names {
		end := i + len(n.text)
		if end > len(text) {
			continue
		}
		same := text[i:end] == n.text || (!n.exact && strings.EqualFold(text[i:end], n.text))
		if same && (end == len(text) || !isNameRune(firstRune(text[end:]))) {
			return n, true
		}
	}
	return maskedName{}, false
}

// Mask replaces every masked outlet's name in text by its alias.
func (m NameMasker) Mask(text string) string {
	spans := m.Spans(text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	cur := 0
	for _, sp := range spans {
		b.WriteString(text[cur:sp.Start])
		b.WriteString(sp.Alias)
		cur = sp.End
	}
	b.WriteString(text[cur:])
	return b.String()
}

// CutsAName reports whether sp covers part of a masked name in text
// without covering all of it: a mark like that would show the hidden name
// less a letter, which masking whole names cannot hide.
func (m NameMasker) CutsAName(text string, sp Span) bool {
	for _, n := range m.Spans(text) {
		overlaps := sp.Start < n.End && n.Start < sp.End
		whole := sp.Start <= n.Start && n.End <= sp.End
		if overlaps && !whole {
			return true
		}
	}
	return false
}

// genericWords are words an outlet's name may end with that say what it
// is rather than which one: "Anadolu Agency" is also called "Anadolu".
var genericWords = []string{"agency", "news", "press", "media", "service", "online", "network", "tv", "wire",
	"newspaper", "group", "daily"}

// shortForms are the shorter names a text may use for an outlet: without a
// leading "The", without generic words at the end. A short form keeps a
// capital letter and three characters, so that it is a name, not a word.
func shortForms(name string) []string {
	words := strings.Fields(name)
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	var out []string
	for len(words) > 0 {
		s := strings.Join(words, " ")
		if s != name && utf8.RuneCountInString(s) >= 3 && strings.IndexFunc(s, unicode.IsUpper) >= 0 {
			out = append(out, s)
		}
		last := strings.ToLower(words[len(words)-1])
		if len(words) == 1 || !slices.Contains(genericWords, last) {
			break
		}
		words = words[:len(words)-1]
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

func isNameRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
