package framing

import "strings"

// Segment is a piece of a paragraph: plain text, or the text of a match.
type Segment struct {
	Text  string
	Match *Match
}

// Paragraphs splits a text into its non-empty lines, each cut into plain
// and matched segments, for display. Matches must be in order; where two
// cover the same words (one wording in two concepts) the first is shown.
func Paragraphs(text string, matches []Match) [][]Segment {
	var out [][]Segment
	k := 0
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		var para []Segment
		cur := start
		for k < len(matches) && matches[k].Start < end {
			m := &matches[k]
			k++
			if m.Start < cur || m.End > end {
				continue // overlaps what is shown, or crosses the line
			}
			if m.Start > cur {
				para = append(para, Segment{Text: text[cur:m.Start]})
			}
			para = append(para, Segment{Text: text[m.Start:m.End], Match: m})
			cur = m.End
		}
		if cur < end {
			para = append(para, Segment{Text: text[cur:end]})
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, trimSegments(para))
		}
		start = end + 1
	}
	return out
}

// trimSegments drops the spaces at the ends of a paragraph.
func trimSegments(p []Segment) []Segment {
	if len(p) > 0 && p[0].Match == nil {
		p[0].Text = strings.TrimLeft(p[0].Text, " \t\r")
	}
	if n := len(p); n > 0 && p[n-1].Match == nil {
		p[n-1].Text = strings.TrimRight(p[n-1].Text, " \t\r")
	}
	return p
}
