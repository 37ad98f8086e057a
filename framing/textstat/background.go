package textstat

import (
	"hash/maphash"
	"strings"
)

// Background holds the word and bigram frequencies of every stored text,
// the prior of distinctive wording. Words are counted exactly (up to
// maxBackgroundWords distinct ones); bigrams, whose number grows with the
// corpus far faster, go into a count-min sketch: a fixed 8 MiB that may
// count a rare bigram a little high, never low. A slightly heavy prior
// for a rare bigram only makes its z-score more cautious.
type Background struct {
	words          map[string]int
	sketch         [sketchRows][]uint32
	seeds          [sketchRows]maphash.Seed
	Texts          int
	Words, Bigrams int
}

const (
	sketchRows         = 2
	sketchWidth        = 1 << 20
	maxBackgroundWords = 1 << 19
)

// NewBackground returns an empty background.
func NewBackground() *Background {
	b := &Background{words: map[string]int{}}
	for r := range b.sketch {
		b.sketch[r] = make([]uint32, sketchWidth)
		b.seeds[r] = maphash.MakeSeed()
	}
	return b
}

// Add counts one text.
func (b *Background) Add(text string) {
	c := NewTermCounts()
	c.Add(text)
	for form, n := range c.Counts {
		if strings.IndexByte(form, ' ') >= 0 {
			for r := range b.sketch {
				b.sketch[r][maphash.String(b.seeds[r], form)%sketchWidth] += uint32(n)
			}
			continue
		}
		if _, ok := b.words[form]; ok || len(b.words) < maxBackgroundWords {
			b.words[strings.Clone(form)] += n
		}
	}
	b.Texts++
	b.Words += c.Words
	b.Bigrams += c.Bigrams
}

// Count is the (estimated, for bigrams) number of uses of form.
func (b *Background) Count(form string) int {
	if strings.IndexByte(form, ' ') < 0 {
		return b.words[form]
	}
	n := uint32(1<<32 - 1)
	for r := range b.sketch {
		n = min(n, b.sketch[r][maphash.String(b.seeds[r], form)%sketchWidth])
	}
	return int(n)
}

// Total is the number of words, or of bigrams for a bigram.
func (b *Background) Total(form string) int {
	if strings.IndexByte(form, ' ') >= 0 {
		return b.Bigrams
	}
	return b.Words
}

// Without is the background less the counts of some of its texts: "every
// other stored text" when c counts one outlet's.
func (b *Background) Without(c TermCounts) Prior { return backgroundWithout{b, c} }

type backgroundWithout struct {
	b *Background
	c TermCounts
}

func (w backgroundWithout) Count(form string) int {
	return max(0, w.b.Count(form)-w.c.Counts[form])
}

func (w backgroundWithout) Total(form string) int {
	return max(0, w.b.Total(form)-w.c.total(form))
}
