package framing

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"framelens/framing/match"
)

// How many anchors make a text (or an event's texts) about a topic beside
// another: at least MinDistinctAnchors different ones, or one named
// MinAnchorMentions times (see Prevailing for the topic named most).
// Tuned on the gold set (see gold/).
const (
	MinDistinctAnchors = 2
	MinAnchorMentions  = 3
)

// Scoped returns the lexicons that apply where the given topic lexicons
// are active: every general lexicon, and the topic lexicons named, in
// their order. A topic lexicon that is not named never tags a word.
func Scoped(lexicons []Lexicon, topics []string) []Lexicon {
	var out []Lexicon
	for _, l := range lexicons {
		if !l.IsTopic() || slices.Contains(topics, l.Slug) {
			out = append(out, l)
		}
	}
	return out
}

// MaxTopicSlugs bounds a list of lexicon slugs a request may send: far
// more than any deployment has lexicons, far fewer than a hostile list.
const MaxTopicSlugs = 64

// CheckTopicSlugs refuses a list of lexicon slugs that no request needs:
// too many, or one not of a slug's form (checked as a lexicon's own slug
// is, so a hostile one is never named back whole). Whether each slug
// names a lexicon is for the store or the matcher to say.
func CheckTopicSlugs(slugs []string) error {
	if len(slugs) > MaxTopicSlugs {
		return FieldErrorf(EInvalid, "lexicons", "Give at most %d lexicons; %d were sent.", MaxTopicSlugs, len(slugs))
	}
	var p Problems
	for _, slug := range slugs {
		checkSlug(&p, "lexicons", "A lexicon", slug)
	}
	return p.Err()
}

// TopicEvidence is what tells that texts are about a topic: the anchors
// found and how often.
type TopicEvidence struct {
	Slug     string
	Anchors  map[string]int // anchor as the lexicon writes it → mentions
	Mentions int
}

// About reports whether the evidence is enough to switch the topic on.
func (e TopicEvidence) About() bool {
	return len(e.Anchors) >= MinDistinctAnchors || e.Mentions >= MinAnchorMentions
}

// TopicDetector tells, from their anchors, which topic lexicons texts are
// about. It is compiled once per set of lexicons, like a Matcher.
type TopicDetector struct {
	m      *Matcher
	topics []string // lexicon index in m → topic slug
}

// NewTopicDetector compiles the anchors of the topic lexicons among
// lexicons (see anchorTerm for how they match).
func NewTopicDetector(lexicons []Lexicon) (*TopicDetector, error) {
	d := &TopicDetector{}
	var anchorLexicons []Lexicon
	for _, l := range lexicons {
		if !l.IsTopic() || len(l.Anchors) == 0 {
			continue
		}
		c := Concept{Slug: "anchors", Name: "Anchors"}
		for _, a := range l.Anchors {
			c.Terms = append(c.Terms, anchorTerm(a))
		}
		anchorLexicons = append(anchorLexicons, Lexicon{Slug: l.Slug, Scope: ScopeTopic, Concepts: []Concept{c}})
		d.topics = append(d.topics, l.Slug)
	}
	m, err := Compile(anchorLexicons)
	if err != nil {
		return nil, err
	}
	d.m = m
	return d, nil
}

// Evidence returns, for each topic with any anchor in texts, what was
// found, in the lexicons' order.
func (d *TopicDetector) Evidence(texts ...string) []TopicEvidence {
	found := make([]TopicEvidence, len(d.topics))
	for _, text := range texts {
		for _, match := range d.m.Analyze(text).Matches {
			e := &found[match.Ref.Lexicon]
			if e.Anchors == nil {
				e.Anchors = map[string]int{}
			}
			e.Anchors[d.m.Term(match.Ref).Label()]++
			e.Mentions++
		}
	}
	var out []TopicEvidence
	for i, e := range found {
		if e.Mentions > 0 {
			e.Slug = d.topics[i]
			out = append(out, e)
		}
	}
	return out
}

// Detect returns the slugs of the topics texts are about.
func (d *TopicDetector) Detect(texts ...string) []string {
	return Prevailing(d.Evidence(texts...))
}

// Prevailing returns the topics the evidence is enough for: those with
// enough anchors (see About) that are also named at least a quarter as
// often as the most named topic, so that a passing mention ("while Russia
// fights in Ukraine and Kyiv looks on") in a long Karabakh report does not
// switch a second conflict's lexicon on; and the most named topic when no
// other is named as often, since a short text (a headline, a paragraph)
// often names its topic once.
func Prevailing(evidence []TopicEvidence) []string {
	most, tied := 0, 0
	for _, e := range evidence {
		switch {
		case e.Mentions > most:
			most, tied = e.Mentions, 1
		case e.Mentions == most:
			tied++
		}
	}
	var out []string
	for _, e := range evidence {
		if (e.About() && 4*e.Mentions >= most) || (e.Mentions == most && tied == 1) {
			out = append(out, e.Slug)
		}
	}
	return out
}

// General returns the lexicons that apply to every text: those that apply
// where no topic is active.
func General(lexicons []Lexicon) []Lexicon { return Scoped(lexicons, nil) }

// Topics returns the topic lexicons, in their order.
func Topics(lexicons []Lexicon) []Lexicon {
	var out []Lexicon
	for _, l := range lexicons {
		if l.IsTopic() {
			out = append(out, l)
		}
	}
	return out
}

// LexiconState is whether a lexicon applies to an event, and why.
type LexiconState struct {
	Slug, Name, Scope string
	// Active: the lexicon tags the event's texts. General lexicons always
	// do.
	Active bool
	// Auto: the topic's state comes from anchor detection, not from a
	// person's choice.
	Auto bool
}

// LexiconStates lists every lexicon with whether it applies to an event
// whose topics are t, topics first.
func LexiconStates(lexicons []Lexicon, t EventTopics) []LexiconState {
	var topics, general []LexiconState
	for _, l := range lexicons {
		if l.IsTopic() {
			topics = append(topics, LexiconState{Slug: l.Slug, Name: l.Name, Scope: ScopeTopic,
				Active: slices.Contains(t.Slugs, l.Slug), Auto: !t.Chosen})
		} else {
			general = append(general, LexiconState{Slug: l.Slug, Name: l.Name, Scope: ScopeGeneral, Active: true})
		}
	}
	return append(topics, general...)
}

// anchorTerm is how an anchor is matched. Names in Latin script match as
// written, in any case and with a possessive ("Karabakh's"), not by stem:
// a stem would let "renewables" find "renew them". Names in other scripts
// match by stem, so that a Russian name's case forms count.
func anchorTerm(anchor string) Term {
	for _, r := range anchor {
		if r >= utf8.RuneSelf && !unicode.Is(unicode.Latin, r) && !match.IsHyphen(r) && !match.IsApostrophe(r) {
			return Term{Phrase: anchor, Match: MatchStem}
		}
	}
	return Term{Phrase: anchor + "<'s>", Match: MatchWord}
}
