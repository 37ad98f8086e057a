package framing

import (
	"slices"
	"strings"
)

// Piece is a run of a text with one set of things over it, and its byte
// offsets into the text: pages render each piece with them, which is how
// a selection in the browser maps back to bytes of the stored text.
type Piece struct {
	Span
	// Text is what the page shows: the text of the span, or the alias of
	// a hidden outlet name.
	Text  string
	Alias bool // a hidden outlet name, always a piece of its own
	// Match is the lexicon's match over the piece, nil for none; Note
	// says what the lexicon says of it and Swatch shows its perspective,
	// when the cover has a lexicon.
	Match  *Match
	Note   string
	Swatch Swatch
	Marked bool // inside one of the cover's marked stretches
	// Students is how many students marked the piece; Heat scales that
	// to the class (0–HeatLevels).
	Students int
	Heat     int
}

// Cover is what lies over a text; its pieces are cut wherever one of
// these starts or ends, except inside a hidden outlet name.
type Cover struct {
	// Matches are the lexicon's matches in text order. Where two cover the
	// same words (one wording in two concepts) the first is shown; one
	// that crosses a line end is not shown.
	Matches []Match
	// Lexicon names the matches' terms for notes (MatchNote, or
	// MatchBrief when Brief), Legend gives their perspectives' swatches;
	// without a lexicon pieces carry neither.
	Lexicon *Matcher
	Legend  Legend
	Brief   bool
	// Marked are stretches to set apart: a student's own marks, the words
	// two sentences differ in.
	Marked []Span
	// Heat is how many students marked which stretches, in text order and
	// not overlapping (classroom.ArticleHeat).
	Heat []HeatPiece
	// Names hides outlets' names behind their aliases.
	Names NameMasker
}

// HeatPiece is a stretch of an article's text and how many students
// marked it; Level (1–5) scales that to the class size for display.
type HeatPiece struct {
	Span
	Students int
	Level    int
}

// HeatLevels is how many shades the heat map has above zero.
const HeatLevels = 5

// Segment cuts a text into its non-blank lines, each into pieces that
// cover every byte of the line, with what lies over each.
func Segment(text string, c Cover) [][]Piece {
	s := c.prepare(text, Span{Start: 0, End: len(text)})
	var out [][]Piece
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, s.pieces(Span{Start: start, End: end}))
		}
		start = end + 1
	}
	return out
}

// SegmentSpan cuts one stretch of a text (a sentence) into pieces, with
// what lies over each.
func SegmentSpan(text string, sp Span, c Cover) []Piece {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return nil
	}
	return c.prepare(text, sp).pieces(sp)
}

// segmenter is a cover made ready for one text: the matches shown, the
// names hidden and every cut, in text order.
type segmenter struct {
	text    string
	cover   Cover
	matches []*Match
	names   []NameSpan
	cuts    []int
	// next* are where the sweep over pieces in text order has got to.
	nextMatch, nextName, nextHeat int
}

// prepare readies the cover for the stretch within of text.
func (c Cover) prepare(text string, within Span) *segmenter {
	s := &segmenter{text: text, cover: c, names: c.Names.Spans(text[within.Start:within.End])}
	for i := range s.names {
		s.names[i].Start += within.Start
		s.names[i].End += within.Start
	}
	end := 0
	for i := range c.Matches {
		m := &c.Matches[i]
		if m.Start < end || m.End > len(text) || m.Start >= m.End || strings.IndexByte(text[m.Start:m.End], '\n') >= 0 {
			continue // overlaps what is shown, or crosses a line
		}
		s.matches = append(s.matches, m)
		end = m.End
	}
	var cuts []int
	add := func(sp Span) { cuts = append(cuts, sp.Start, sp.End) }
	for _, n := range s.names {
		add(n.Span)
	}
	for _, m := range s.matches {
		add(m.Span)
	}
	for _, sp := range c.Marked {
		add(sp)
	}
	for _, h := range c.Heat {
		if h.Students > 0 {
			add(h.Span)
		}
	}
	slices.Sort(cuts)
	k := 0
	for _, cut := range slices.Compact(cuts) {
		for k < len(s.names) && s.names[k].End <= cut {
			k++
		}
		if k < len(s.names) && s.names[k].Start < cut {
			continue // a name is never cut
		}
		s.cuts = append(s.cuts, cut)
	}
	return s
}

// pieces cuts one line or stretch; calls must come in text order.
func (s *segmenter) pieces(line Span) []Piece {
	var out []Piece
	k, _ := slices.BinarySearch(s.cuts, line.Start+1)
	for cur := line.Start; cur < line.End; k++ {
		end := line.End
		if k < len(s.cuts) && s.cuts[k] < line.End {
			end = s.cuts[k]
		}
		if end > cur {
			out = append(out, s.piece(Span{Start: cur, End: end}))
			cur = end
		}
	}
	return out
}

// piece is one span between two cuts and what lies over it.
func (s *segmenter) piece(sp Span) Piece {
	c := s.cover
	p := Piece{Span: sp, Text: s.text[sp.Start:sp.End]}
	for s.nextName < len(s.names) && s.names[s.nextName].End <= sp.Start {
		s.nextName++
	}
	if s.nextName < len(s.names) && s.names[s.nextName].Span == sp {
		p.Text, p.Alias = s.names[s.nextName].Alias, true
	}
	for s.nextMatch < len(s.matches) && s.matches[s.nextMatch].End <= sp.Start {
		s.nextMatch++
	}
	if s.nextMatch < len(s.matches) && overlaps(s.matches[s.nextMatch].Span, sp) {
		p.Match = s.matches[s.nextMatch]
		if c.Lexicon != nil {
			note := MatchNote
			if c.Brief {
				note = MatchBrief
			}
			p.Note = c.Names.Mask(note(c.Lexicon, p.Match))
			p.Swatch = c.Legend.Swatch(c.Lexicon.PerspectiveName(p.Match.Ref))
		}
	}
	for _, m := range c.Marked {
		p.Marked = p.Marked || overlaps(m, sp)
	}
	for s.nextHeat < len(c.Heat) && c.Heat[s.nextHeat].End <= sp.Start {
		s.nextHeat++
	}
	for i := s.nextHeat; i < len(c.Heat) && c.Heat[i].Start < sp.End; i++ {
		if h := c.Heat[i]; overlaps(h.Span, sp) && h.Students > p.Students {
			p.Students, p.Heat = h.Students, h.Level
		}
	}
	return p
}

func overlaps(a, b Span) bool { return a.Start < b.End && b.Start < a.End }

// Texts cuts each compared article's text into pieces with its matches,
// their notes and swatches, for the page that shows them side by side.
func (c Comparison) Texts(m *Matcher, names NameMasker) [][][]Piece {
	out := make([][][]Piece, len(c.Articles))
	for i, a := range c.Articles {
		cover := Cover{Lexicon: m, Legend: c.Legend, Names: names}
		if i < len(c.Matches) {
			cover.Matches = c.Matches[i]
		}
		out[i] = Segment(a.Body, cover)
	}
	return out
}
