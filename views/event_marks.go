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
	Swatch      framing.Swatch
	Voice       string
	Tooltip     string
}

// mark is how a piece of text the lexicon matched is highlighted.
func (v EventView) mark(p framing.Piece) mark {
	t, c := v.Matcher.Term(p.Match.Ref), v.Matcher.Concept(p.Match.Ref)
	persp := v.Matcher.PerspectiveName(p.Match.Ref)
	if persp == "" {
		persp = "no perspective"
	}
	return mark{
		ConceptID: strconv.FormatInt(c.ID, 10), Concept: c.Name, Perspective: t.Perspective, PerspName: persp,
		Swatch: p.Swatch, Voice: string(p.Match.Voice), Tooltip: p.Note,
	}
}

// differing are the concept rows where the articles chose differently;
// attribution has a section of its own.
func (v EventView) differing() []framing.Row {
	var out []framing.Row
	for _, r := range v.Comparison.Rows {
		if r.Differs && !r.IsAttribution() {
			out = append(out, r)
		}
	}
	return out
}

func (v EventView) agreeing() []framing.Row {
	var out []framing.Row
	for _, r := range v.Comparison.Rows {
		if !r.Differs && !r.IsAttribution() {
			out = append(out, r)
		}
	}
	return out
}

// attribution are the rows of how the articles attribute words.
func (v EventView) attribution() []framing.Row {
	var out []framing.Row
	for _, r := range v.Comparison.Rows {
		if r.IsAttribution() {
			out = append(out, r)
		}
	}
	return out
}

// swatch is the page's swatch of a term's perspective.
func (v EventView) swatch(u framing.TermUse) framing.Swatch {
	return v.Comparison.Legend.Swatch(u.Perspective)
}

func (v EventView) textOf(i int) [][]framing.Piece {
	if i < len(v.Texts) {
		return v.Texts[i]
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

// legendOf lists, once each, the perspectives of the wordings in rows,
// with the page's swatches: the legend of one section.
func (v EventView) legendOf(rows []framing.Row) []framing.LegendEntry {
	used := map[string]bool{}
	for _, r := range rows {
		for _, cell := range r.Cells {
			for _, u := range cell.Terms {
				name := u.Perspective
				if name == "" {
					name = framing.NoPerspective
				}
				used[name] = true
			}
		}
	}
	return v.Comparison.Legend.Only(used)
}

// namingRows are the concept rows, differing or not.
func (v EventView) namingRows() []framing.Row {
	return append(v.differing(), v.agreeing()...)
}

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
	X, W   string
	Swatch framing.Swatch
	Title  string
}

func barSegments(shares []framing.Share) []barSegment {
	total := framing.Total(shares)
	var out []barSegment
	x := 0.0
	for _, s := range shares {
		w := 100 * float64(s.Count) / float64(total)
		out = append(out, barSegment{
			X: strconv.FormatFloat(x, 'f', 2, 64), W: strconv.FormatFloat(w, 'f', 2, 64),
			Swatch: s.Swatch, Title: shareLabel(s),
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

// speakerWords is how many words around a verb of saying are shown:
// enough for "Prime Minister Nikol Pashinyan".
const speakerWords = 4

// speaker is the words that name who is said to have spoken: those before
// the verb in its sentence ("Putin underlined"), or, when the verb opens
// its clause, those after it ("…," stressed Pashinyan).
func speaker(o framing.Occurrence) (before, after string) {
	b := o.Context.Before
	if i := strings.LastIndexAny(b, ".!?\"”»\n"); i >= 0 {
		b = b[i+1:]
	}
	words := strings.Fields(b)
	if len(words) > 0 {
		return strings.Join(words[max(0, len(words)-speakerWords):], " "), ""
	}
	a := o.Context.After
	if i := strings.IndexAny(a, ".!?\"“«\n"); i >= 0 {
		a = a[:i]
	}
	words = strings.Fields(a)
	return "", strings.Join(words[:min(len(words), speakerWords)], " ")
}
