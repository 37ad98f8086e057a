package lexicons

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"framelens/framing"
)

func TestZZThrowaway(t *testing.T) {
	list, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	m, err := framing.Compile(list)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		terms := 0
		for _, c := range l.Concepts {
			terms += len(c.Terms)
		}
		fmt.Printf("COUNT %s concepts=%d terms=%d\n", l.Slug, len(l.Concepts), terms)
	}
	// every phrase/variant finds its own term; report collisions
	for li, l := range list {
		for ci, c := range l.Concepts {
			for ti, term := range c.Terms {
				ref := framing.TermRef{Lexicon: li, Concept: ci, Term: ti}
				for _, form := range append([]string{term.Phrase}, term.Variants...) {
					a := m.Analyze(form)
					found := false
					var others []string
					for _, mt := range a.Matches {
						if mt.Ref == ref && mt.Surface == strings.TrimSpace(form) {
							found = true
						} else if mt.Surface == strings.TrimSpace(form) {
							others = append(others, m.Lexicon(mt.Ref).Slug+"/"+m.Concept(mt.Ref).Slug+"/"+m.Term(mt.Ref).Phrase)
						}
					}
					if !found {
						fmt.Printf("NOTFOUND %s/%s/%s form %q: %v\n", l.Slug, c.Slug, term.Phrase, form, a.Matches)
					}
					if len(others) > 0 {
						fmt.Printf("COLLIDE %s/%s/%s form %q also %v\n", l.Slug, c.Slug, term.Phrase, form, others)
					}
				}
			}
		}
	}
	files, _ := filepath.Glob("../demo/articles/*.txt")
	if extra := os.Getenv("EXTRA"); extra != "" {
		more, _ := filepath.Glob(extra)
		files = append(files, more...)
	}
	sort.Strings(files)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		a := m.Analyze(string(b))
		fmt.Printf("== %s\n", f)
		for _, mt := range a.Matches {
			fmt.Printf("  %-40q %s/%s/%s [%s] %s\n", mt.Surface, m.Lexicon(mt.Ref).Slug, m.Concept(mt.Ref).Slug, m.Term(mt.Ref).Phrase, m.Term(mt.Ref).Perspective, mt.Voice)
		}
	}
}
