package views

import (
	"strings"

	"framelens/framing"
)

// activeLexiconNames names the topic lexicons that apply, or says none do.
func activeLexiconNames(list []framing.LexiconState) string {
	var names []string
	for _, l := range list {
		if l.Scope == framing.ScopeTopic && l.Active {
			names = append(names, l.Name)
		}
	}
	if len(names) == 0 {
		return "general lexicons only (no topic)"
	}
	return strings.Join(names, ", ") + " and the general lexicons"
}

// autoLexicons reports whether the topics were detected rather than chosen.
func autoLexicons(list []framing.LexiconState) bool {
	for _, l := range list {
		if l.Scope == framing.ScopeTopic {
			return l.Auto
		}
	}
	return true
}

// joinChoices shows a pattern group's alternatives, an empty one as "–".
func joinChoices(choices []string) string {
	shown := make([]string, len(choices))
	for i, c := range choices {
		if c == "" {
			c = "–"
		}
		shown[i] = c
	}
	return strings.Join(shown, " | ")
}

// perspectiveNameOf is a term's perspective's name in its lexicon, or "".
func perspectiveNameOf(l *framing.Lexicon, slug string) string {
	if p, ok := l.Perspective(slug); ok {
		return p.Name
	}
	return ""
}
