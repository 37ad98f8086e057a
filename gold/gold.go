package gold

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
)

// Passage is one annotated excerpt.
type Passage struct {
	ID      string    `yaml:"id"`
	Outlet  string    `yaml:"outlet"`
	Side    string    `yaml:"side"`
	URL     string    `yaml:"url"`
	Date    string    `yaml:"date"`
	Topics  []string  `yaml:"topics"`
	Heldout bool      `yaml:"heldout"`
	Text    string    `yaml:"text"`
	Gold    []Wording `yaml:"gold"`
	Not     []Wording `yaml:"not"`
	// File is the topic of the file the passage came from.
	File string `yaml:"-"`
}

// Wording is an annotated span: a gold wording (concept and voice) or one
// that must not be tagged (why).
type Wording struct {
	Span    string `yaml:"span"`
	Nth     int    `yaml:"nth"`
	Concept string `yaml:"concept"`
	Voice   string `yaml:"voice"`
	Why     string `yaml:"why"`
	// Start and End are the span's byte offsets in the passage's text.
	Start, End int `yaml:"-"`
}

// Lexicon is the slug of the lexicon a gold concept belongs to.
func (w Wording) Lexicon() string {
	lex, _, _ := strings.Cut(w.Concept, "/")
	return lex
}

type file struct {
	Topic    string    `yaml:"topic"`
	Passages []Passage `yaml:"passages"`
	Proposed []struct {
		Concept string `yaml:"concept"`
		Name    string `yaml:"name"`
		Note    string `yaml:"note"`
	} `yaml:"proposed_concepts"`
}

// Dir is where the gold set lives, from the module's root. The files are
// read from disk, not embedded, so that no binary carries the passages.
const Dir = "gold/testdata"

// Load reads every passage of the gold set in dir, with its spans placed.
func Load(files fs.FS) ([]Passage, error) {
	names, err := fs.Glob(files, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Passage
	ids := map[string]bool{}
	for _, name := range names {
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return nil, err
		}
		var f file
		if err := yaml.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("gold file %s: %w", path.Base(name), err)
		}
		for _, p := range f.Passages {
			if ids[p.ID] {
				return nil, fmt.Errorf("gold file %s: passage id %q is used twice", path.Base(name), p.ID)
			}
			ids[p.ID] = true
			p.File = f.Topic
			for _, list := range [][]Wording{p.Gold, p.Not} {
				for i := range list {
					if err := place(p.Text, &list[i]); err != nil {
						return nil, fmt.Errorf("gold file %s, passage %s: %w", path.Base(name), p.ID, err)
					}
				}
			}
			p.Gold = outermost(p.Gold)
			out = append(out, p)
		}
	}
	return out, nil
}

// outermost drops gold wordings that lie inside a longer one ("Lugansk" in
// "Lugansk People's Republic"): one span has one label, so the longer
// wording is the one a match can be right about.
func outermost(gold []Wording) []Wording {
	var out []Wording
	for i, g := range gold {
		inside := false
		for j, h := range gold {
			if i != j && h.Start <= g.Start && g.End <= h.End && h.End-h.Start > g.End-g.Start {
				inside = true
			}
		}
		if !inside {
			out = append(out, g)
		}
	}
	return out
}

// place finds a wording's span in the text: its nth occurrence.
func place(text string, w *Wording) error {
	nth := max(w.Nth, 1)
	from := 0
	for k := 1; ; k++ {
		i := strings.Index(text[from:], w.Span)
		if i < 0 || w.Span == "" {
			return fmt.Errorf("span %q (occurrence %d) is not in the text", w.Span, nth)
		}
		if k == nth {
			w.Start, w.End = from+i, from+i+len(w.Span)
			return nil
		}
		from += i + len(w.Span)
	}
}
