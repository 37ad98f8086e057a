package framing

import "strings"

// MatchNote is what the lexicon says about a match, for a reader who
// points at it: the concept, the term, whose usage it follows and in
// whose voice, the term's note, its neutral alternative and its source.
func MatchNote(m *Matcher, match *Match) string {
	t, c := m.Term(match.Ref), m.Concept(match.Ref)
	note := []string{c.Name + ": “" + t.Label() + "” — " + UsageName(m.PerspectiveName(match.Ref)) + ", " + VoiceLabel(match.Voice) + "."}
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

// MatchBrief is the short note of a match, for a phone's small tip box
// in class: the concept, the term and whose usage it follows.
func MatchBrief(m *Matcher, match *Match) string {
	return "Lexicon: " + m.Concept(match.Ref).Name + " — “" + m.Term(match.Ref).Label() + "”, " + UsageName(m.PerspectiveName(match.Ref))
}

// UsageName names a perspective as whose usage a wording follows. Many
// perspectives' names already say "usage" ("Restrictionist / Republican
// usage"), and saying it twice reads as a typo in front of a class.
func UsageName(perspective string) string {
	switch {
	case perspective == "":
		return "no perspective"
	case strings.Contains(strings.ToLower(perspective), "usage"):
		return perspective
	}
	return perspective + " usage"
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
