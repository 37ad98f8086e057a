package framing

// Swatch is how a page draws one perspective: a colour of Palette and a
// texture of Textures. No two perspectives on a page share both, so they
// stay apart for readers who cannot tell the colours apart and on paper
// in black and white.
type Swatch struct {
	Color   string
	Texture string
}

// Textures are the patterns a swatch or a marked wording is filled with,
// in the order of Palette: each colour has its own texture on a page of
// at most len(Palette) perspectives.
var Textures = []string{"diag-down", "diag-up", "solid", "rows", "columns", "dots", "cross", "light"}

// NoPerspective names the perspective of terms that have none.
const NoPerspective = "No perspective"

// LegendEntry is one perspective of a page with its swatch.
type LegendEntry struct {
	Perspective string // display name
	Swatch      Swatch
}

// Legend gives every perspective on one page its swatch: one entry per
// perspective name (the "International wire style" of three lexicons is
// one entry), and no two entries with the same colour and texture. Its
// zero value draws every perspective grey.
type Legend struct {
	Entries []LegendEntry
	index   map[string]int
}

// Swatch is the swatch of a perspective by display name ("" for none).
func (l Legend) Swatch(perspective string) Swatch {
	if perspective == "" {
		perspective = NoPerspective
	}
	if i, ok := l.index[perspective]; ok {
		return l.Entries[i].Swatch
	}
	return Swatch{Color: "grey", Texture: "light"}
}

// Only is the legend's entries for the given perspectives, in legend
// order: the part of the page's legend that one section shows.
func (l Legend) Only(perspectives map[string]bool) []LegendEntry {
	var out []LegendEntry
	for _, e := range l.Entries {
		if perspectives[e.Perspective] {
			out = append(out, e)
		}
	}
	return out
}

// legendBuilder collects a page's perspectives in the order the page
// shows them, each with the colour its lexicon gives it.
type legendBuilder struct {
	names     []string
	preferred map[string]string
}

func (b *legendBuilder) add(name, color string) {
	if name == "" {
		name = NoPerspective
	}
	if b.preferred == nil {
		b.preferred = map[string]string{}
	}
	if _, ok := b.preferred[name]; ok {
		return
	}
	b.preferred[name] = color
	b.names = append(b.names, name)
}

// addRef adds the perspective of a matched term.
func (b *legendBuilder) addRef(m *Matcher, r TermRef) {
	b.add(m.PerspectiveName(r), m.Lexicon(r).PerspectiveColor(m.Term(r).Perspective))
}

// build assigns the swatches, deterministically: first every perspective
// whose lexicon colour no earlier perspective claimed keeps it (so a
// page of one lexicon looks as its lexicon page does); then the others
// take the first colour nobody has, and once every colour is taken, the
// least used colour with a texture it does not have yet.
func (b *legendBuilder) build() Legend {
	l := Legend{Entries: make([]LegendEntry, len(b.names)), index: map[string]int{}}
	uses := map[string]int{}
	for i, name := range b.names {
		l.index[name] = i
		l.Entries[i].Perspective = name
		if c := b.preferred[name]; paletteIndex(c) >= 0 && uses[c] == 0 {
			l.Entries[i].Swatch = Swatch{Color: c, Texture: Textures[paletteIndex(c)]}
			uses[c]++
		}
	}
	for i := range l.Entries {
		if l.Entries[i].Swatch.Color != "" {
			continue
		}
		best := 0
		for k, c := range Palette {
			if uses[c] < uses[Palette[best]] {
				best = k
			}
		}
		c := Palette[best]
		// The k-th reuse of a colour shifts its texture k places: a
		// pair (colour, texture) is never drawn twice on a page of up
		// to len(Palette)² perspectives.
		l.Entries[i].Swatch = Swatch{Color: c, Texture: Textures[(best+uses[c])%len(Textures)]}
		uses[c]++
	}
	return l
}

func paletteIndex(color string) int {
	for i, c := range Palette {
		if c == color {
			return i
		}
	}
	return -1
}

// MatchesLegend is the legend of a page that shows these matches, in the
// order given.
func MatchesLegend(m *Matcher, matches ...[]Match) Legend {
	var b legendBuilder
	for _, ms := range matches {
		for _, match := range ms {
			b.addRef(m, match.Ref)
		}
	}
	return b.build()
}

// LexiconLegend is the legend of a lexicon's own page: its perspectives
// in their order.
func LexiconLegend(l *Lexicon) Legend {
	var b legendBuilder
	for _, p := range l.Perspectives {
		b.add(p.Name, l.PerspectiveColor(p.Slug))
	}
	return b.build()
}
