package intake

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfLine is one line of a page, as assembled from its chunks.
type pdfLine struct {
	page int
	x, y float64
	size float64
	text string
	endX float64
}

// layoutLines joins a page's chunks into lines: a chunk on the same
// baseline continues the line, with a space where the gap between them is
// wider than letters are set apart.
func layoutLines(chunks []pdfChunk, page int) []pdfLine {
	var lines []pdfLine
	for _, c := range chunks {
		size := max(c.size, 1)
		if n := len(lines); n > 0 {
			cur := &lines[n-1]
			sameLine := abs(c.y-cur.y) < 0.5*size && c.x > cur.x-0.5*size
			if sameLine {
				if c.x-cur.endX > 0.15*size && !endsWithSpace(cur.text) && !startsWithSpace(c.text) {
					cur.text += " "
				}
				cur.text += c.text
				cur.endX = max(cur.endX, c.endX)
				continue
			}
		}
		lines = append(lines, pdfLine{page: page, x: c.x, y: c.y, size: size, text: c.text, endX: c.endX})
	}
	out := lines[:0]
	for _, l := range lines {
		if l.text = collapseSpaces(l.text); l.text != "" {
			out = append(out, l)
		}
	}
	return out
}

var pageNumber = regexp.MustCompile(`(?i)^(?:page\s+|стр\.?\s*|- )?\d{1,4}(?:\s*(?:/|of|из)\s*\d{1,4})?(?: -)?$`)

// dropPageNumbers removes a page number standing alone as a page's first
// or last line: it belongs to the paper, not to the article.
func dropPageNumbers(lines []pdfLine) []pdfLine {
	if n := len(lines); n > 0 && pageNumber.MatchString(lines[n-1].text) {
		lines = lines[:n-1]
	}
	if len(lines) > 0 && pageNumber.MatchString(lines[0].text) {
		lines = lines[1:]
	}
	return lines
}

// layoutParagraphs joins lines into paragraphs. A paragraph ends where the
// space to the next line is clearly wider than the usual line spacing, where
// the type size changes (a heading), where the next line is indented (a
// new paragraph's first line), or at a page's end after a finished
// sentence; the lines inside one are joined with spaces.
func layoutParagraphs(lines []pdfLine) string {
	spacing := usualLineSpacing(lines)
	var b strings.Builder
	for i, l := range lines {
		if i == 0 {
			b.WriteString(l.text)
			continue
		}
		prev := lines[i-1]
		breakHere := false
		if l.page != prev.page {
			breakHere = endsSentence(prev.text)
		} else {
			gap := prev.y - l.y
			limit := 1.5 * l.size
			if spacing > 0 {
				limit = 1.3 * spacing
			}
			// A first line indented past the line before it opens a
			// paragraph, as printed text sets them without space between.
			indented := l.x-prev.x > 0.8*l.size
			breakHere = gap <= 0 || gap > limit || abs(l.size-prev.size) > 0.15*prev.size || indented
		}
		switch {
		case breakHere:
			b.WriteString("\n\n")
		case strings.HasSuffix(prev.text, "-") && len(prev.text) > 1 && !strings.HasSuffix(prev.text, " -"):
			// A word broken at the line end: keep the hyphen, drop the space.
		default:
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// usualLineSpacing is the median distance between consecutive lines of
// the same size on the same page: the spacing inside paragraphs, since
// most line breaks are.
func usualLineSpacing(lines []pdfLine) float64 {
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		if a.page == b.page && abs(a.size-b.size) < 0.15*a.size {
			if gap := a.y - b.y; gap > 0 && gap < 4*b.size {
				gaps = append(gaps, gap)
			}
		}
	}
	if len(gaps) == 0 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;\"”»’)", r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
