package views

import (
	"strconv"
	"strings"

	"framelens/framing"
)

// mark is what a highlighted wording shows and carries.
type mark struct {
	ConceptID   string
	Concept     string
	Perspective string // slug
	PerspName   string
	Color       string
	Voice       string
	Tooltip     string
}

func (v EventView) mark(m *framing.Match) mark {
	t, c, lex := v.Matcher.Term(m.Ref), v.Matcher.Concept(m.Ref), v.Matcher.Lexicon(m.Ref)
	persp := v.Matcher.PerspectiveName(m.Ref)
	if persp == "" {
		persp = "no perspective"
	}
	tip := []string{c.Name + ": “" + t.Phrase + "” — " + persp + " usage, " + voiceLabel(string(m.Voice)) + "."}
	if t.Note != "" {
		tip = append(tip, t.Note)
	}
	if t.Neutral != "" {
		tip = append(tip, "Neutral alternative: "+t.Neutral+".")
	}
	if t.SourceTitle != "" {
		tip = append(tip, "Source: "+t.SourceTitle+".")
	}
	return mark{
		ConceptID: strconv.FormatInt(c.ID, 10), Concept: c.Name, Perspective: t.Perspective, PerspName: persp,
		Color: lex.PerspectiveColor(t.Perspective), Voice: string(m.Voice), Tooltip: strings.Join(tip, " "),
	}
}

func voiceLabel(voice string) string {
	switch voice {
	case string(framing.VoiceQuoted):
		return "in a quotation"
	case string(framing.VoiceScare):
		return "in scare quotes"
	}
	return "in the outlet's own words"
}

func (v EventView) differing() []framing.Row {
	var out []framing.Row
	for _, r := range v.Comparison.Rows {
		if r.Differs {
			out = append(out, r)
		}
	}
	return out
}

func (v EventView) agreeing() []framing.Row {
	var out []framing.Row
	for _, r := range v.Comparison.Rows {
		if !r.Differs {
			out = append(out, r)
		}
	}
	return out
}

func (v EventView) matchesOf(i int) []framing.Match {
	if i < len(v.Comparison.Matches) {
		return v.Comparison.Matches[i]
	}
	return nil
}

func voiceCounts(u framing.TermUse) string {
	var parts []string
	if u.Voices.Quoted > 0 {
		parts = append(parts, strconv.Itoa(u.Voices.Quoted)+" quoted")
	}
	if u.Voices.Scare > 0 {
		parts = append(parts, strconv.Itoa(u.Voices.Scare)+" in scare quotes")
	}
	return strings.Join(parts, ", ")
}

// usedPerspectives lists, once each, the perspectives of the wordings the
// comparison shows, for the legend.
func (v EventView) usedPerspectives() []mark {
	var out []mark
	seen := map[string]bool{}
	for _, r := range v.Comparison.Rows {
		for _, cell := range r.Cells {
			for _, u := range cell.Terms {
				key := r.Lexicon.Slug + "/" + u.Term.Perspective
				if seen[key] {
					continue
				}
				seen[key] = true
				name := u.Perspective
				if name == "" {
					name = "No perspective"
				}
				out = append(out, mark{PerspName: name, Color: r.Lexicon.PerspectiveColor(u.Term.Perspective)})
			}
		}
	}
	return out
}
