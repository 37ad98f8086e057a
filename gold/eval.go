package gold

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"framelens/framing"
)

// Mode says which topic lexicons apply to a passage.
type Mode string

const (
	// Detected applies the topics the passage's own anchors name, as
	// POST /api/analyze does when no lexicons are given: the strict test.
	Detected Mode = "detected"
	// Declared applies the topics the annotator says a person would
	// switch on for an event of this text.
	Declared Mode = "declared"
)

// Counts are what one slice of the gold set scored.
type Counts struct {
	// Gold wordings; those found with their concept; and of those, the
	// ones whose voice was right too.
	Gold, Found, VoiceRight int
	// Matches made; those on a gold wording of their own concept.
	Matches, Correct int
	// NotTagged counts "must not tag" spans that were tagged; CrossTopic,
	// matches of a topic lexicon the passage is not about.
	NotTagged, CrossTopic int
}

// Recall is the share of gold wordings found with their concept.
func (c Counts) Recall() float64 { return ratio(c.Found, c.Gold) }

// Precision is the share of matches that are gold wordings of their
// concept.
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Matches) }

// VoiceAccuracy is the share of found wordings whose voice is right.
func (c Counts) VoiceAccuracy() float64 { return ratio(c.VoiceRight, c.Found) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Found += o.Found
	c.VoiceRight += o.VoiceRight
	c.Matches += o.Matches
	c.Correct += o.Correct
	c.NotTagged += o.NotTagged
	c.CrossTopic += o.CrossTopic
}

// Finding is one error, for reading the misses one by one.
type Finding struct {
	Passage, Kind, Text, Detail string
}

// Report is the score of a set of passages in one mode.
type Report struct {
	Mode     Mode
	Passages int
	Total    Counts
	// ByLexicon counts gold wordings under their concept's lexicon and
	// matches under theirs; ByTopic counts by the passage file's topic.
	ByLexicon map[string]*Counts
	ByTopic   map[string]*Counts
	Findings  []Finding
}

// Evaluate analyses each passage with the lexicons that apply to it in
// mode and scores what was found.
func Evaluate(lexicons []framing.Lexicon, passages []Passage, mode Mode) (Report, error) {
	r := Report{Mode: mode, Passages: len(passages), ByLexicon: map[string]*Counts{}, ByTopic: map[string]*Counts{}}
	detector, err := framing.NewTopicDetector(lexicons)
	if err != nil {
		return r, err
	}
	matchers := map[string]*framing.Matcher{}
	for _, p := range passages {
		topics := p.Topics
		if mode == Detected {
			topics = framing.Prevailing(detector.Evidence(p.Text))
		}
		key := strings.Join(topics, ",")
		m, ok := matchers[key]
		if !ok {
			if m, err = framing.Compile(framing.Scoped(lexicons, topics)); err != nil {
				return r, fmt.Errorf("compile for %s: %w", key, err)
			}
			matchers[key] = m
		}
		r.score(p, m)
	}
	return r, nil
}

func (r *Report) slot(m map[string]*Counts, key string) *Counts {
	if m[key] == nil {
		m[key] = &Counts{}
	}
	return m[key]
}

func overlaps(a, b framing.Span) bool { return a.Start < b.End && b.Start < a.End }

// score adds one passage's counts.
func (r *Report) score(p Passage, m *framing.Matcher) {
	matches := m.Analyze(p.Text).Matches
	concept := func(match framing.Match) string {
		return m.Lexicon(match.Ref).Slug + "/" + m.Concept(match.Ref).Slug
	}
	var total Counts
	for _, g := range p.Gold {
		c := Counts{Gold: 1}
		for _, match := range matches {
			if overlaps(match.Span, framing.Span{Start: g.Start, End: g.End}) && concept(match) == g.Concept {
				c.Found = 1
				if string(match.Voice) == g.Voice {
					c.VoiceRight = 1
				}
				break
			}
		}
		switch {
		case c.Found == 0:
			r.Findings = append(r.Findings, Finding{p.ID, "missed", g.Span, g.Concept})
		case c.VoiceRight == 0:
			r.Findings = append(r.Findings, Finding{p.ID, "voice", g.Span, g.Concept + " should be " + g.Voice})
		}
		r.slot(r.ByLexicon, g.Lexicon()).add(c)
		total.add(c)
	}
	for _, match := range matches {
		c := Counts{Matches: 1}
		for _, g := range p.Gold {
			if overlaps(match.Span, framing.Span{Start: g.Start, End: g.End}) && concept(match) == g.Concept {
				c.Correct = 1
				break
			}
		}
		lex := m.Lexicon(match.Ref)
		if lex.IsTopic() && !slices.Contains(p.Topics, lex.Slug) {
			c.CrossTopic = 1
		}
		// A right match that takes in a must-not word ("so-called" in
		// "so-called Dreamers") is right.
		for _, n := range p.Not {
			if c.Correct == 0 && overlaps(match.Span, framing.Span{Start: n.Start, End: n.End}) {
				c.NotTagged = 1
			}
		}
		if c.Correct == 0 {
			kind := "extra"
			if c.NotTagged == 1 {
				kind = "must-not"
			}
			r.Findings = append(r.Findings, Finding{p.ID, kind, match.Surface, concept(match)})
		}
		r.slot(r.ByLexicon, lex.Slug).add(c)
		total.add(c)
	}
	r.slot(r.ByTopic, p.File).add(total)
	r.Total.add(total)
}

// Select returns the passages of a set: "dev" (used to tune lexicons),
// "heldout" (never used to tune them) or "all".
func Select(passages []Passage, set string) ([]Passage, error) {
	var out []Passage
	for _, p := range passages {
		switch set {
		case "all":
		case "dev":
			if p.Heldout {
				continue
			}
		case "heldout":
			if !p.Heldout {
				continue
			}
		default:
			return nil, fmt.Errorf("unknown set %q: use dev, heldout or all", set)
		}
		out = append(out, p)
	}
	return out, nil
}

// Keys returns a map's keys in order.
func Keys(m map[string]*Counts) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
