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
		Color: lex.PerspectiveColor(t.Perspective), Voice: string(m.Voice), Tooltip: v.mask(strings.Join(tip, " ")),
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

// outletName is the article's outlet, or its alias in blind mode.
func (v EventView) outletName(a framing.Article) string { return v.Names.Outlet(a.Outlet) }

// mask hides outlet names in a text in blind mode, so a description, an
// article naming its own outlet or a note naming one gives nothing away.
func (v EventView) mask(text string) string { return v.Names.Mask(text) }

// anyIllustrative reports whether some article is an illustrative rewrite.
func (v EventView) anyIllustrative() bool {
	for _, a := range v.Articles {
		if a.Illustrative {
			return true
		}
	}
	return false
}

func (v EventView) profileOf(i int) framing.Profile {
	if p := v.Comparison.Profiles(); i < len(p) {
		return p[i]
	}
	return framing.Profile{}
}

// barSegment is one perspective's part of a profile bar, in percent.
type barSegment struct {
	X, W  string
	Color string
	Title string
}

func barSegments(shares []framing.Share) []barSegment {
	total := framing.Total(shares)
	var out []barSegment
	x := 0.0
	for _, s := range shares {
		w := 100 * float64(s.Count) / float64(total)
		out = append(out, barSegment{
			X: strconv.FormatFloat(x, 'f', 2, 64), W: strconv.FormatFloat(w, 'f', 2, 64),
			Color: s.Color, Title: shareLabel(s),
		})
		x += w
	}
	return out
}

func shareLabel(s framing.Share) string {
	name := s.Perspective
	if name == "" {
		name = "no perspective"
	}
	return strconv.Itoa(s.Count) + " " + name
}

func describeShares(shares []framing.Share) string {
	var parts []string
	for _, s := range shares {
		parts = append(parts, shareLabel(s))
	}
	return strings.Join(parts, " · ")
}
