// Package lexicons holds the lexicons Framelens ships, as YAML files that
// people can read and review, embedded in the binary, and the format that
// reads them into framing's types.
package lexicons

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"framelens/framing"
)

//go:embed *.yaml
var files embed.FS

type fileLexicon struct {
	// Order places the lexicon among the shipped ones (lower first; files
	// without one come last, by name), so the main topic is seeded first.
	Order       int    `yaml:"order" json:"-"`
	Slug        string `yaml:"slug" json:"slug"`
	Name        string `yaml:"name" json:"name"`
	Language    string `yaml:"language" json:"language"`
	Description string `yaml:"description" json:"description"`
	// Scope is "general" or "topic"; a file without one is general.
	Scope        string            `yaml:"scope" json:"scope,omitempty"`
	Anchors      []string          `yaml:"anchors" json:"anchors,omitempty"`
	Perspectives []filePerspective `yaml:"perspectives" json:"perspectives"`
	Concepts     []fileConcept     `yaml:"concepts" json:"concepts"`
}

type filePerspective struct {
	Slug        string `yaml:"slug" json:"slug"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
	Color       string `yaml:"color" json:"color"`
}

type fileConcept struct {
	Slug        string     `yaml:"slug" json:"slug"`
	Name        string     `yaml:"name" json:"name"`
	Category    string     `yaml:"category" json:"category"`
	Description string     `yaml:"description" json:"description"`
	Terms       []fileTerm `yaml:"terms" json:"terms"`
}

type fileTerm struct {
	Phrase      string     `yaml:"phrase" json:"phrase"`
	Language    string     `yaml:"language" json:"language"`
	Perspective string     `yaml:"perspective" json:"perspective"`
	Match       string     `yaml:"match" json:"match"`
	Variants    []string   `yaml:"variants" json:"variants,omitempty"`
	Note        string     `yaml:"note" json:"note"`
	Neutral     string     `yaml:"neutral" json:"neutral"`
	Source      fileSource `yaml:"source" json:"source"`
}

type fileSource struct {
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url" json:"url"`
}

// Shipped returns every shipped lexicon, in file name order, validated.
func Shipped() ([]framing.Lexicon, error) {
	names, err := fs.Glob(files, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list shipped lexicons: %w", err)
	}
	sort.Strings(names)
	type ordered struct {
		order int
		lex   framing.Lexicon
	}
	var list []ordered
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read lexicon %s: %w", name, err)
		}
		lex, order, err := parse(data)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", path.Base(name), err)
		}
		if order == 0 {
			order = 1 << 30
		}
		list = append(list, ordered{order, lex})
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].order < list[j].order })
	out := make([]framing.Lexicon, len(list))
	for i, o := range list {
		out[i] = o.lex
	}
	return out, nil
}

// Parse reads one lexicon in the YAML format and validates it. Unknown
// keys are refused, so a misspelt field is an error rather than lost data.
func Parse(data []byte) (framing.Lexicon, error) {
	lex, _, err := parse(data)
	return lex, err
}

func parse(data []byte) (framing.Lexicon, int, error) {
	var f fileLexicon
	if err := yaml.UnmarshalWithOptions(data, &f, yaml.DisallowUnknownField()); err != nil {
		return framing.Lexicon{}, 0, fmt.Errorf("parse YAML: %w", err)
	}
	lex, err := f.lexicon()
	return lex, f.Order, err
}

// lexicon turns the file form into framing's and validates it.
//
// Text is read as every format can write it back, so that a lexicon read
// from one format and exported to another is the same lexicon: line breaks
// are "\n" (CSV reads "\r\n" in a cell as "\n"), and variants are one per
// line, trimmed, without empty ones (as the CSV column holds them).
func (f fileLexicon) lexicon() (framing.Lexicon, error) {
	nl := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
	lex := framing.Lexicon{Slug: nl(f.Slug), Name: nl(f.Name), Language: nl(f.Language), Description: nl(f.Description),
		Scope: strings.TrimSpace(f.Scope), Anchors: variantLines(f.Anchors)}
	if lex.Scope == "" {
		lex.Scope = framing.ScopeGeneral
	}
	for _, p := range f.Perspectives {
		lex.Perspectives = append(lex.Perspectives, framing.Perspective{Slug: nl(p.Slug), Name: nl(p.Name),
			Description: nl(p.Description), Color: nl(p.Color)})
	}
	for _, c := range f.Concepts {
		concept := framing.Concept{Slug: nl(c.Slug), Name: nl(c.Name), Category: nl(c.Category), Description: nl(c.Description)}
		for _, t := range c.Terms {
			t.Phrase, t.Language, t.Perspective, t.Match = nl(t.Phrase), nl(t.Language), nl(t.Perspective), nl(t.Match)
			t.Note, t.Neutral, t.Source.Title, t.Source.URL = nl(t.Note), nl(t.Neutral), nl(t.Source.Title), nl(t.Source.URL)
			t.Variants = variantLines(t.Variants)
			lang := t.Language
			if lang == "" {
				lang = f.Language
			}
			term := framing.Term{
				Phrase: t.Phrase, Language: lang, Perspective: t.Perspective, Match: t.Match,
				Variants: t.Variants, Note: t.Note, Neutral: t.Neutral,
				SourceTitle: t.Source.Title, SourceURL: t.Source.URL,
			}
			// A term that names no mode is stored with the one that applies,
			// as exports write it, so that a file read back is the same.
			term.Match = term.MatchMode()
			concept.Terms = append(concept.Terms, term)
		}
		lex.Concepts = append(lex.Concepts, concept)
	}
	if err := lex.Validate(); err != nil {
		return lex, err
	}
	return lex, nil
}

// variantLines is the variants one per line, trimmed, empty ones left out.
func variantLines(in []string) []string {
	var out []string
	for _, v := range in {
		for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// fromLexicon is the file form of a lexicon, for export.
func fromLexicon(l framing.Lexicon) fileLexicon {
	f := fileLexicon{Slug: l.Slug, Name: l.Name, Language: l.Language, Description: l.Description,
		Scope: l.Scope, Anchors: l.Anchors, Perspectives: []filePerspective{}, Concepts: []fileConcept{}}
	if f.Scope == "" {
		f.Scope = framing.ScopeGeneral
	}
	for _, p := range l.Perspectives {
		f.Perspectives = append(f.Perspectives, filePerspective{Slug: p.Slug, Name: p.Name, Description: p.Description, Color: p.Color})
	}
	for _, c := range l.Concepts {
		fc := fileConcept{Slug: c.Slug, Name: c.Name, Category: c.Category, Description: c.Description, Terms: []fileTerm{}}
		for _, t := range c.Terms {
			fc.Terms = append(fc.Terms, fileTerm{Phrase: t.Phrase, Language: t.Language, Perspective: t.Perspective,
				Match: t.MatchMode(), Variants: t.Variants, Note: t.Note, Neutral: t.Neutral,
				Source: fileSource{Title: t.SourceTitle, URL: t.SourceURL}})
		}
		f.Concepts = append(f.Concepts, fc)
	}
	return f
}
