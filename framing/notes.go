package framing

import "strings"

// MatchNote is what the lexicon says about a match, for a reader who
// points at it: the concept, the term, whose usage it follows and in
// whose voice, the term's note, its neutral alternative and its source.
func MatchNote(m *Matcher, match *Match) string {
	t, c := m.Term(match.Ref), m.Concept(match.Ref)
	persp := m.PerspectiveName(match.Ref)
	if persp == "" {
		persp = "no perspective"
	}
	note := []string{c.Name + ": “" + t.Label() + "” — " + persp + " usage, " + VoiceLabel(match.Voice) + "."}
	if t.Note != "" {
		note = append(note, t.Note)
	}
	if t.Neutral != "" {
		note = append(note, "Neutral alternative: "+t.Neutral+".")
	}
	if t.SourceTitle != "" {
		note = append(note, "Source: "+t.SourceTitle+".")
	}
	return strings.Join(note, " ")
}

// VoiceLabel says in whose voice a wording is used.
func VoiceLabel(v Voice) string {
	switch v {
	case VoiceQuoted:
		return "in a quotation"
	case VoiceScare:
		return "in scare quotes"
	}
	return "in the outlet's own words"
}
