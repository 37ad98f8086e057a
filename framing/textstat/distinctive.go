package textstat

import (
	"math"
	"sort"
	"strings"

	"framelens/framing/match"
)

// TermCounts counts the words (unigrams) and pairs of adjacent words
// (bigrams, never across a sentence end) of one or more texts, by folded
// form: "Ethnic Armenian" and "ethnic armenian" are one bigram.
type TermCounts struct {
	Counts  map[string]int
	Words   int // unigram tokens counted
	Bigrams int // bigram tokens counted
	// Surface keeps the first spelling seen of each form, for display.
	Surface map[string]string
}

// NewTermCounts returns empty counts.
func NewTermCounts() TermCounts {
	return TermCounts{Counts: map[string]int{}, Surface: map[string]string{}}
}

// Add counts the words and bigrams of text.
func (c *TermCounts) Add(text string) {
	var buf []byte
	var prev, prevSurface string
	sentences := match.Sentences(text)
	si := 0
	prevSentence := -1
	for _, tok := range match.Tokenize(text, nil) {
		start, end := tok.Start, tok.End
		for si+1 < len(sentences) && sentences[si].End <= start {
			si++
		}
		buf = match.Fold(buf[:0], text[start:end])
		word := string(buf)
		c.add(word, text[start:end])
		c.Words++
		if prev != "" && prevSentence == si {
			c.add(prev+" "+word, prevSurface+" "+text[start:end])
			c.Bigrams++
		}
		prev, prevSurface, prevSentence = word, text[start:end], si
	}
}

func (c *TermCounts) add(form, surface string) {
	if c.Counts[form] == 0 {
		if _, ok := c.Surface[form]; !ok {
			c.Surface[form] = strings.Clone(surface)
		}
	}
	c.Counts[form]++
}

// Merge adds other's counts to c.
func (c *TermCounts) Merge(other TermCounts) {
	for form, n := range other.Counts {
		c.Counts[form] += n
		if _, ok := c.Surface[form]; !ok {
			c.Surface[form] = other.Surface[form]
		}
	}
	c.Words += other.Words
	c.Bigrams += other.Bigrams
}

// total is the number of tokens of the order (1 or 2) of form.
func (c *TermCounts) total(form string) int {
	if strings.Contains(form, " ") {
		return c.Bigrams
	}
	return c.Words
}

// Count is how often form was counted.
func (c TermCounts) Count(form string) int { return c.Counts[form] }

// Total is the number of tokens of form's order (words or bigrams).
func (c TermCounts) Total(form string) int { return c.total(form) }

// Without returns c less other's counts, for "everyone but this outlet"
// when other was counted from part of the texts c was.
func (c TermCounts) Without(other TermCounts) TermCounts {
	out := TermCounts{Counts: make(map[string]int, len(c.Counts)), Surface: c.Surface,
		Words: c.Words - other.Words, Bigrams: c.Bigrams - other.Bigrams}
	for form, n := range c.Counts {
		if n -= other.Counts[form]; n > 0 {
			out.Counts[form] = n
		}
	}
	return out
}

// Prior is where the background frequencies of the prior come from: the
// counts of every stored text.
type Prior interface {
	Count(form string) int
	Total(form string) int
}

// LogOdds is the weighted log-odds ratio with an informative Dirichlet
// prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words") of a term used
// yi times in ni tokens of one text and yj times in nj tokens of the
// others; aw is the term's prior count and a0 the prior's total. It
// returns the log-odds difference and its z-score.
func LogOdds(yi, ni, yj, nj int, aw, a0 float64) (delta, z float64) {
	fi, fj := float64(yi)+aw, float64(yj)+aw
	delta = math.Log(fi/(float64(ni)+a0-fi)) - math.Log(fj/(float64(nj)+a0-fj))
	return delta, delta / math.Sqrt(1/fi+1/fj)
}

// Distinctive is a word or bigram one text uses more than the others.
type Distinctive struct {
	Term        string // as first spelled in the text
	Form        string // folded
	Count       int    // uses in the text
	OthersCount int    // uses in the other texts
	Delta, Z    float64
	InLexicon   bool // a lexicon term already finds it whole (set by the caller, who has the matcher)
}

// ClearZ is the z-score past which a difference is clear: chance alone
// gives one that large less than one time in twenty. Lists show only
// clear differences unless a reader asks for weaker ones too.
const ClearZ = 1.96

// DistinctiveTerms ranks the terms of focus by how much more it uses them
// than others, by z-score, best first, at most limit, and only those whose
// z-score is above minZ (ClearZ, or 0 for weak differences too). A term
// the focus uses less than the others (z ≤ 0) is never listed, whatever
// minZ: it is not distinctive of the focus. A term the focus
// uses once is listed only when its difference is clear (z ≥ 1.96): short
// articles are full of words used once, and a list of them says nothing. background holds
// every stored text and sets the prior: a term's prior count is its share
// of the background times priorWeight, the prior's total weight. Stop
// words, and bigrams that begin or end with one, are counted but not
// listed.
func DistinctiveTerms(focus TermCounts, others, background Prior, priorWeight, minZ float64, limit int) []Distinctive {
	var out []Distinctive
	for form, yi := range focus.Counts {
		if isStopForm(form) {
			continue
		}
		bgTotal := float64(background.Total(form))
		bg := float64(background.Count(form))
		if bgTotal == 0 || bg == 0 {
			// The background should hold every text; be safe if it does not.
			bg, bgTotal = float64(yi+others.Count(form)), float64(focus.total(form)+others.Total(form))
		}
		aw := priorWeight * bg / bgTotal
		yj := others.Count(form)
		delta, z := LogOdds(yi, focus.total(form), yj, others.Total(form), aw, priorWeight)
		if yi < 2 && z < ClearZ {
			continue // a word used once is noise unless the difference is clear
		}
		if z <= max(minZ, 0) {
			continue
		}
		out = append(out, Distinctive{Term: focus.Surface[form], Form: form, Count: yi, OthersCount: yj, Delta: delta, Z: z})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Z != out[b].Z {
			return out[a].Z > out[b].Z
		}
		return out[a].Form < out[b].Form
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// isStopForm reports a stop word, a number, or a bigram that begins or
// ends with one: "of Artsakh" says less than "Artsakh".
func isStopForm(form string) bool {
	first, last := form, form
	if i := strings.IndexByte(form, ' '); i >= 0 {
		first, last = form[:i], form[i+1:]
	}
	return stopWords[first] || stopWords[last] || isNumber(first) || isNumber(last)
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// PriorWeight is the prior's total weight for a background of words
// words in texts texts: as much as one average text. A heavier prior would
// drown a short article's own choices; a lighter one would let a word used
// once rank high by chance.
func PriorWeight(words, texts int) float64 {
	if texts <= 0 || words == 0 {
		return 1
	}
	return float64(words) / float64(texts)
}
