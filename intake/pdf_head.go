package intake

import (
	"regexp"
	"slices"
	"strings"
)

// maxHeadlineLines bounds a headline set in large type: more lines of it
// are a heading block or a pull quote, not a headline.
const maxHeadlineLines = 4

// pdfHeadline takes the headline from the top of the first page: the lines
// set in clearly larger type than the text's usual size, joined into one.
// It returns the headline ("" when the page opens with body text) and the
// lines after it, so that the body does not repeat it.
func pdfHeadline(lines []pdfLine) (string, []pdfLine) {
	body := usualSize(lines)
	n := 0
	for n < len(lines) && lines[n].page == lines[0].page && lines[n].size > 1.2*body {
		n++
	}
	if n == 0 || n > maxHeadlineLines || n == len(lines) {
		return "", lines
	}
	var b strings.Builder
	for i, l := range lines[:n] {
		if i > 0 && !strings.HasSuffix(lines[i-1].text, "-") {
			b.WriteByte(' ')
		}
		b.WriteString(l.text)
	}
	return collapseSpaces(b.String()), lines[n:]
}

// usualSize is the type size most of a document's lines are set in.
func usualSize(lines []pdfLine) float64 {
	if len(lines) == 0 {
		return 0
	}
	sizes := make([]float64, len(lines))
	for i, l := range lines {
		sizes[i] = l.size
	}
	slices.Sort(sizes)
	return sizes[len(sizes)/2]
}

// statedDate is a line that states the publication date: "Published 12
// March 2024", "Publication date: 2024-03-12", "Опубликовано: 12.03.2024".
var statedDate = regexp.MustCompile(`(?i)^(?:published|publication date|date of publication|опубликовано|дата публикации)\s*(?::|on|—|-)?\s*(.+)$`)

// maxDateLine is how far down the first page a stated date is looked for:
// under the headline or the byline, not in the text.
const maxDateLine = 4

// pdfStatedDate finds the publication date the document states near its
// top, and returns it with the lines without it. A PDF's own creation
// date is when the file was made (often the day it was downloaded or
// printed), not when the article was published, so it is never taken.
func pdfStatedDate(lines []pdfLine) (string, []pdfLine) {
	for i := 0; i < len(lines) && i < maxDateLine && lines[i].page == lines[0].page; i++ {
		m := statedDate.FindStringSubmatch(lines[i].text)
		if m == nil {
			continue
		}
		if d := normalizeDate(m[1]); d != "" {
			return d, slices.Delete(slices.Clone(lines), i, i+1)
		}
	}
	return "", lines
}
