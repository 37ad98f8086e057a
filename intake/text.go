package intake

import (
	"strings"
	"unicode"
)

// extractPlain reads a .txt file: decoded, and otherwise left as written.
func extractPlain(data []byte, contentType string) (Document, error) {
	text, enc, err := DecodeText(data, contentType)
	if err != nil {
		return Document{}, err
	}
	return Document{Text: text, Encoding: enc}, nil
}

// normalizeText gives every format's text one shape: LF line ends, no
// control characters but tab, lines trimmed, paragraphs separated by exactly
// one blank line, nothing before or after.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r == '\uFEFF' || r == '\u00AD' || unicode.IsControl(r):
			return -1 // BOMs, soft hyphens and controls carry no text
		}
		return r
	}, s)

	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimFunc(line, unicode.IsSpace)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// collapseSpaces trims s and turns every run of white space into one space,
// for metadata that must fit on one line.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// dropRepeatedHeadline removes the headline from the start of the text,
// where pages, PDFs and documents repeat it: the article's body starts
// after it.
func dropRepeatedHeadline(text, headline string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	if headline != "" && strings.EqualFold(collapseSpaces(first), collapseSpaces(headline)) {
		return rest
	}
	return text
}
