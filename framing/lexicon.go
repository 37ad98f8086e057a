package framing

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"framelens/framing/match"
	"framelens/framing/pattern"
)

// Lexicon is a named set of concepts for one topic, or a general one such as
// attribution verbs.
type Lexicon struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	Language    string
	// Scope is ScopeGeneral (applies to any text) or ScopeTopic (applies
	// only where an event is about the topic).
	Scope string
	// Anchors are names that tell a text is about a topic lexicon's topic
	// (Stepanakert, Lachin, Artsakh); see DetectTopics.
	Anchors []string
	// Version grows with every edit; analyses are kept per version.
	Version      int64
	Perspectives []Perspective
	Concepts     []Concept
}

// Scopes of a lexicon.
const (
	// ScopeGeneral lexicons apply to every text: attribution verbs,
	// labels for armed people, casualty wording.
	ScopeGeneral = "general"
	// ScopeTopic lexicons apply only where an event is about their topic,
	// as its anchors tell or a person chose.
	ScopeTopic = "topic"
)

// IsTopic reports whether the lexicon applies only to its topic.
func (l *Lexicon) IsTopic() bool { return l.Scope == ScopeTopic }

// Perspective is whose usage a term is associated with. It describes usage,
// never judges an outlet.
type Perspective struct {
	ID          int64
	Slug        string
	Name        string
	Description string
	// Color is one of Palette's names; pages show it with a pattern and
	// the name too, never colour alone.
	Color string
}

// Palette is the Okabe–Ito colour-blind-safe palette, by name, in the order
// perspectives without a colour of their own take them.
var Palette = []string{"orange", "sky", "green", "vermillion", "blue", "purple", "yellow", "grey"}

// PerspectiveColor is the colour of the i-th perspective: its own if set,
// else the palette's i-th.
func (l *Lexicon) PerspectiveColor(slug string) string {
	for i, p := range l.Perspectives {
		if p.Slug == slug {
			if p.Color != "" {
				return p.Color
			}
			return Palette[i%len(Palette)]
		}
	}
	return "grey"
}

// Concept is one referent that sides name differently.
type Concept struct {
	ID          int64
	Slug        string
	Name        string
	Category    string
	Description string
	Terms       []Term
}

// Match modes of a term.
const (
	// MatchStem matches any word whose Snowball stem equals the phrase's,
	// ignoring case: "occupied" finds "occupy" and "occupying".
	MatchStem = "stem"
	// MatchWord matches the words as written, ignoring case only; for words
	// whose stem would join unrelated ones ("liberal" and "liberated").
	MatchWord = "word"
	// MatchExact matches the words as written, case included: acronyms and
	// proper names that must not stem.
	MatchExact = "exact"
)

// Term is one wording of a concept.
type Term struct {
	ID     int64
	Phrase string
	// Language is the language whose usage the term documents ("en", "ru").
	Language string
	// Perspective is the slug of one of the lexicon's perspectives, or "".
	Perspective string
	Match       string
	// Variants are other spellings and word-family forms that count as this
	// term: "occupation" for "occupied", "recognised" for "recognized".
	Variants    []string
	Note        string
	Neutral     string
	SourceTitle string
	SourceURL   string
}

// MatchMode is the term's match mode, MatchStem when unset.
func (t Term) MatchMode() string {
	if t.Match == "" {
		return MatchStem
	}
	return t.Match
}

// Perspective returns the perspective with the given slug.
func (l *Lexicon) Perspective(slug string) (Perspective, bool) {
	for _, p := range l.Perspectives {
		if p.Slug == slug {
			return p, true
		}
	}
	return Perspective{}, false
}

// Validate checks that the lexicon is whole: named, with unique slugs,
// terms that say why they matter and where that is documented, and
// perspectives that exist.
func (l *Lexicon) Validate() error {
	var p Problems
	where := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	if strings.TrimSpace(l.Slug) == "" {
		p.Add("slug", "The lexicon needs a slug.")
	}
	CheckText(&p, "name", "The lexicon's name", strings.TrimSpace(l.Name), true, MaxLexiconNameChars)
	CheckText(&p, "description", "The lexicon's description", l.Description, false, MaxDescriptionChars)
	if l.Language != "" {
		checkLanguage(&p, "language", l.Language)
	}
	switch l.Scope {
	case "", ScopeGeneral: // a lexicon that says nothing applies everywhere, as before scopes
		if len(l.Anchors) > 0 {
			p.Add("anchors", "A general lexicon applies to every text and takes no anchors; make it a topic lexicon or remove them.")
		}
	case ScopeTopic:
		if len(l.Anchors) == 0 {
			p.Add("anchors", "A topic lexicon needs at least one anchor: a name that tells a text is about its topic.")
		}
	default:
		p.Add("scope", "The scope must be %q or %q.", ScopeGeneral, ScopeTopic)
	}
	for i, a := range l.Anchors {
		if len(match.Tokenize(a, nil)) == 0 || utf8.RuneCountInString(a) > MaxPhraseChars || pattern.Is(a) {
			p.Add(where("anchors[%d]", i), "The anchor %q must be a plain name of at most %d characters.", a, MaxPhraseChars)
		}
	}
	perspectives := map[string]bool{}
	for i, ps := range l.Perspectives {
		field := where("perspectives[%d]", i)
		label := fmt.Sprintf("Perspective %d", i+1)
		if ps.Slug == "" || ps.Name == "" || perspectives[ps.Slug] {
			p.Add(field, "Perspective %d needs a unique slug and a name.", i+1)
		}
		CheckText(&p, field, label+"'s name", ps.Name, false, MaxLexiconNameChars)
		CheckText(&p, field, label+"'s description", ps.Description, false, MaxDescriptionChars)
		if ps.Color != "" && !slices.Contains(Palette, ps.Color) {
			p.Add(field, "Perspective %q has colour %q; use one of %s.", ps.Name, ps.Color, strings.Join(Palette, ", "))
		}
		perspectives[ps.Slug] = true
	}
	concepts := map[string]bool{}
	for i, c := range l.Concepts {
		field := where("concepts[%d]", i)
		if c.Slug == "" || c.Name == "" || concepts[c.Slug] {
			p.Add(field, "Concept %d needs a unique slug and a name.", i+1)
		}
		concepts[c.Slug] = true
		CheckText(&p, field, fmt.Sprintf("Concept %d's name", i+1), c.Name, false, MaxLexiconNameChars)
		CheckText(&p, field, fmt.Sprintf("Concept %d's category", i+1), c.Category, false, MaxCategoryChars)
		CheckText(&p, field, fmt.Sprintf("Concept %d's description", i+1), c.Description, false, MaxDescriptionChars)
		if len(c.Terms) == 0 {
			p.Add(field, "Concept %q has no terms.", c.Name)
		}
		phrases := map[string]bool{}
		for j, t := range c.Terms {
			key := t.Language + "\x00" + strings.ToLower(strings.TrimSpace(t.Phrase))
			if phrases[key] {
				p.Add(where("concepts[%d].terms[%d]", i, j), "Concept %q lists the term %q twice.", c.Name, t.Phrase)
			}
			phrases[key] = true
		}
		for j, t := range c.Terms {
			if err := t.Validate(perspectives); err != nil {
				var e *Error
				if errors.As(err, &e) {
					p.Add(where("concepts[%d].terms[%d]", i, j), "Concept %q, term %q: %s", c.Name, t.Phrase, e.Fields[0].Message)
				}
			}
		}
	}
	return p.Err()
}

// ValidateSlugs checks the form of the lexicon's identifiers, which go
// into addresses, file names and page anchors: the lexicon's, its
// perspectives' and its concepts' slugs are lower-case letters, digits and
// hyphens, at most MaxSlugChars. Every lexicon stored or imported is held
// to it, besides Validate.
func (l *Lexicon) ValidateSlugs() error {
	var p Problems
	checkSlug(&p, "slug", "The lexicon", l.Slug)
	for i, ps := range l.Perspectives {
		checkSlug(&p, fmt.Sprintf("perspectives[%d]", i), fmt.Sprintf("Perspective %d", i+1), ps.Slug)
	}
	for i, c := range l.Concepts {
		checkSlug(&p, fmt.Sprintf("concepts[%d]", i), fmt.Sprintf("Concept %d", i+1), c.Slug)
	}
	return p.Err()
}

// Clone returns a deep copy, so that filling in ids on the copy leaves the
// original untouched.
func (l Lexicon) Clone() Lexicon {
	c := l
	c.Perspectives = append([]Perspective(nil), l.Perspectives...)
	c.Anchors = append([]string(nil), l.Anchors...)
	c.Concepts = make([]Concept, len(l.Concepts))
	for i, concept := range l.Concepts {
		concept.Terms = append([]Term(nil), concept.Terms...)
		for j := range concept.Terms {
			concept.Terms[j].Variants = append([]string(nil), concept.Terms[j].Variants...)
		}
		c.Concepts[i] = concept
	}
	return c
}

// maxChars is how long a phrase or variant may be: a pattern stands for
// many wordings, so it may be longer than one.
func maxChars(phrase string) int {
	if pattern.Is(phrase) {
		return MaxPatternChars
	}
	return MaxPhraseChars
}

// Term field limits, in characters; MaxLexiconNameChars is the limit of
// a lexicon's, perspective's or concept's name.
const (
	MaxLexiconNameChars = 200
	MaxCategoryChars    = 60
	MaxPhraseChars      = 200
	MaxPatternChars     = 800
	MaxNoteChars        = 2000
)

// Normalize trims a term's fields and drops empty or repeated variants.
func (t *Term) Normalize() {
	t.Phrase = collapseSpaces(t.Phrase)
	t.Language = strings.ToLower(strings.TrimSpace(t.Language))
	t.Perspective = strings.TrimSpace(t.Perspective)
	t.Match = strings.TrimSpace(t.Match)
	t.Note = strings.TrimSpace(t.Note)
	t.Neutral = collapseSpaces(t.Neutral)
	t.SourceTitle = collapseSpaces(t.SourceTitle)
	t.SourceURL = strings.TrimSpace(t.SourceURL)
	seen := map[string]bool{strings.ToLower(t.Phrase): true}
	var variants []string
	for _, v := range t.Variants {
		v = collapseSpaces(v)
		if v != "" && !seen[strings.ToLower(v)] {
			seen[strings.ToLower(v)] = true
			variants = append(variants, v)
		}
	}
	t.Variants = variants
}

// Validate checks one term against the perspectives its lexicon has: the
// phrase has words, the language and match mode are known, and it says
// why it matters and where that is documented.
func (t Term) Validate(perspectives map[string]bool) error {
	var p Problems
	CheckText(&p, "phrase", "The phrase", t.Phrase, true, maxChars(t.Phrase))
	if forms, err := pattern.Expand(t.Phrase); t.Phrase != "" && err != nil {
		p.Add("phrase", "%s.", capitalize(err.Error()))
	} else if t.Phrase != "" && len(match.Tokenize(forms[0], nil)) == 0 {
		p.Add("phrase", "The phrase has no words.")
	}
	checkLanguage(&p, "language", t.Language)
	if t.Perspective != "" && !perspectives[t.Perspective] {
		p.Add("perspective", "Unknown perspective %q.", t.Perspective)
	}
	if t.Match != "" && t.Match != MatchStem && t.Match != MatchWord && t.Match != MatchExact {
		p.Add("match", "Match must be stem, word or exact.")
	}
	for _, v := range t.Variants {
		if _, err := pattern.Expand(v); err != nil {
			p.Add("variants", "The variant %q: %s.", v, err)
		} else if len(match.Tokenize(v, nil)) == 0 || utf8.RuneCountInString(v) > maxChars(v) {
			p.Add("variants", "The variant %q has no words or is too long.", v)
		}
	}
	if forms, err := t.forms(); err == nil && len(forms) > pattern.MaxForms {
		p.Add("variants", "The phrase and its variants stand for %d wordings; at most %d are allowed.", len(forms), pattern.MaxForms)
	}
	CheckText(&p, "note", "The note", t.Note, true, MaxNoteChars)
	CheckText(&p, "neutral", "The neutral alternative", t.Neutral, false, MaxPhraseChars)
	CheckText(&p, "source_title", "The source title", t.SourceTitle, false, MaxPhraseChars)
	if t.SourceURL == "" {
		p.Add("source_url", "Give the address of a public source: a style guide, glossary or documented usage.")
	} else if u, err := url.Parse(t.SourceURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.Add("source_url", "The source must be an http:// or https:// address.")
	}
	return p.Err()
}

// Normalize trims a concept's fields and derives its slug from its name
// when it has none.
func (c *Concept) Normalize() {
	c.Name = collapseSpaces(c.Name)
	c.Category = strings.ToLower(collapseSpaces(c.Category))
	c.Description = strings.TrimSpace(c.Description)
	c.Slug = strings.TrimSpace(c.Slug)
	if c.Slug == "" {
		c.Slug = Slugify(c.Name)
	}
}

// ValidateFields checks a concept's own fields (not its terms).
func (c Concept) ValidateFields() error {
	var p Problems
	CheckText(&p, "name", "The name", c.Name, true, MaxLexiconNameChars)
	CheckText(&p, "category", "The category", c.Category, false, MaxCategoryChars)
	CheckText(&p, "description", "The description", c.Description, false, MaxDescriptionChars)
	switch {
	case c.Slug == "" && c.Name != "":
		p.Add("name", "The name needs at least one letter or digit.")
	case c.Slug != "":
		checkSlug(&p, "slug", "The concept", c.Slug)
	}
	return p.Err()
}

// Slugify makes a URL-safe identifier from a name: "Name of the region" →
// "name-of-the-region". Letters of any script are kept.
func Slugify(name string) string {
	var words []string
	for _, t := range match.Tokenize(name, nil) {
		words = append(words, strings.ToLower(name[t.Start:t.End]))
	}
	s := strings.ReplaceAll(strings.Join(words, "-"), "'", "")
	for utf8.RuneCountInString(s) > MaxSlugChars {
		cut := strings.LastIndexByte(s, '-')
		if cut <= 0 { // one long word: cut it at a character
			cut = len(string([]rune(s)[:MaxSlugChars]))
		}
		s = s[:cut]
	}
	return s
}
