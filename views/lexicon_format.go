package views

import (
	"strconv"
	"strings"

	"framelens/framing"
)

type categoryGroup struct {
	Category string
	Concepts []framing.Concept
}

func (g categoryGroup) title() string {
	if g.Category == "" {
		return "Other"
	}
	return strings.ToUpper(g.Category[:1]) + g.Category[1:]
}

func (g categoryGroup) slug() string {
	if g.Category == "" {
		return "other"
	}
	return framing.Slugify(g.Category)
}

// groupByCategory keeps the lexicon's order of categories and concepts.
func groupByCategory(concepts []framing.Concept) []categoryGroup {
	var out []categoryGroup
	index := map[string]int{}
	for _, c := range concepts {
		i, ok := index[c.Category]
		if !ok {
			i = len(out)
			index[c.Category] = i
			out = append(out, categoryGroup{Category: c.Category})
		}
		out[i].Concepts = append(out[i].Concepts, c)
	}
	return out
}

func matchLabel(mode string) string {
	switch mode {
	case framing.MatchWord:
		return "as written, any case"
	case framing.MatchExact:
		return "exact"
	}
	return "word family"
}

func joinVariants(v []string) string {
	return strings.Join(v, " · ")
}

func sourceTitle(t framing.Term) string {
	if t.SourceTitle != "" {
		return t.SourceTitle
	}
	return t.SourceURL
}

func conceptEditURL(lexID, conceptID int64) string {
	return lexiconURL(lexID) + "/concepts/" + strconv.FormatInt(conceptID, 10)
}

func termEditURL(lexID, termID int64) string {
	return lexiconURL(lexID) + "/terms/" + strconv.FormatInt(termID, 10)
}
