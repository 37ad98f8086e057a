package textstat

import (
	"framelens/framing"
	"framelens/framing/match"
)

// FindForm returns the spans where the folded word sequence form ("ethnic
// armenian") occurs in text, matching words by their folded form.
func FindForm(text, form string) []framing.Span {
	var want []string
	var buf []byte
	for _, t := range match.Tokenize(form, nil) {
		buf = match.Fold(buf[:0], form[t.Start:t.End])
		want = append(want, string(buf))
	}
	if len(want) == 0 {
		return nil
	}
	var out []framing.Span
	var window []match.Token // the last len(want) words
	for _, t := range match.Tokenize(text, nil) {
		window = append(window, t)
		if len(window) > len(want) {
			window = window[1:]
		}
		if len(window) < len(want) {
			continue
		}
		ok := true
		for k, w := range window {
			buf = match.Fold(buf[:0], text[w.Start:w.End])
			if string(buf) != want[k] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, framing.Span{Start: window[0].Start, End: window[len(window)-1].End})
		}
	}
	return out
}
