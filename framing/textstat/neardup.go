package textstat

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"

	"framelens/framing"
	"framelens/framing/match"
)

// Near-duplicate detection finds a text that is another one republished
// with small changes: the same wire story under a new headline, a sentence
// or two edited, a paragraph cut or added. Texts are compared as sets of
// word shingles (runs of ShingleWords consecutive folded words), exactly,
// without MinHash sampling: an event holds tens of articles, not millions,
// and an exact count needs no tuning.
//
// The measure is the overlap coefficient |A∩B| / min(|A|, |B|): the share
// of the shorter text's shingles that the other one has. Jaccard would
// miss the commonest republication, a cut-down copy: in the tests a copy
// of the first two paragraphs of a four-paragraph story scores 1.00 here
// and 0.48 by Jaccard, and a copy with a local paragraph added 0.77 here
// and 0.60 by Jaccard.
const (
	// ShingleWords is the length of a shingle. Five words make a shared
	// name or date ("the Karst Valley dam on") too short to count alone,
	// while an edit still spoils only the five shingles around it. In the
	// tests, four-word shingles scored an independently written article on
	// the same event 0.11 against 0.07 with five.
	ShingleWords = 5

	// NearDuplicateSimilarity is the overlap at or above which a text is
	// flagged. The test stories score 0.77 to 1.00 for copies (republished
	// with words changed in two sentences: 0.92; cut to half: 1.00; local
	// paragraphs added and a sentence cut: 0.77) and 0.07 to 0.15 for
	// independent articles on the same event (one in its own words: 0.07;
	// one that quotes the same two sentences, 27 words: 0.15). 0.5 sits in
	// the middle of that gap, so a copy can lose another third of its
	// shared wording and still be flagged.
	NearDuplicateSimilarity = 0.5

	// minShingles is the fewest shingles the shorter text needs before any
	// overlap is trusted: under about 14 words two texts agree by chance
	// too easily. Such short texts are only ever refused as exact copies.
	minShingles = 10
)

// Shingles is the set of a text's word shingles, hashed and sorted.
type Shingles []uint64

// ShinglesOf folds the words of text (case, apostrophes) and hashes every
// run of ShingleWords of them. Punctuation, spacing and line breaks do not
// count. A text of fewer words than a shingle has none.
func ShinglesOf(text string) Shingles {
	tokens := match.Tokenize(text, nil)
	if len(tokens) < ShingleWords {
		return nil
	}
	words := make([][]byte, len(tokens))
	for i, t := range tokens {
		words[i] = match.Fold(nil, text[t.Start:t.End])
	}
	out := make(Shingles, 0, len(words)-ShingleWords+1)
	for i := 0; i+ShingleWords <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+ShingleWords] {
			h.Write(w)
			h.Write([]byte{0}) // keeps "ab c" and "a bc" apart
		}
		out = append(out, h.Sum64())
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Overlap is the share of the smaller set's shingles that the other set
// has, from 0 to 1. It is 0 when either text is too short to judge.
func (s Shingles) Overlap(other Shingles) float64 {
	smaller := min(len(s), len(other))
	if smaller < minShingles {
		return 0
	}
	shared := 0
	for i, j := 0, 0; i < len(s) && j < len(other); {
		switch {
		case s[i] == other[j]:
			shared++
			i++
			j++
		case s[i] < other[j]:
			i++
		default:
			j++
		}
	}
	return float64(shared) / float64(smaller)
}

// Similarity is the overlap of two texts' shingles.
func Similarity(a, b string) float64 {
	return ShinglesOf(a).Overlap(ShinglesOf(b))
}

// NearDuplicate is an article that a new text nearly repeats.
type NearDuplicate struct {
	Article    framing.Article
	Similarity float64
}

// FindNearDuplicate returns the article among candidates that body most
// nearly repeats, if any reaches NearDuplicateSimilarity. The article with
// id skipID (the one being edited; 0 for none) and exact copies are left
// out: an exact copy is refused outright, not warned about.
func FindNearDuplicate(body string, candidates []framing.Article, skipID int64) (NearDuplicate, bool) {
	mine := ShinglesOf(body)
	if len(mine) < minShingles {
		return NearDuplicate{}, false
	}
	fp := framing.Fingerprint(body)
	var best NearDuplicate
	for _, a := range candidates {
		if a.ID == skipID && skipID != 0 || framing.Fingerprint(a.Body) == fp {
			continue
		}
		if sim := mine.Overlap(ShinglesOf(a.Body)); sim > best.Similarity {
			best = NearDuplicate{Article: a, Similarity: sim}
		}
	}
	return best, best.Similarity >= NearDuplicateSimilarity
}

// Percent is the similarity as a whole percentage, rounded down so that a
// near copy never reads as "100%".
func (d NearDuplicate) Percent() int {
	return int(math.Floor(d.Similarity * 100))
}

// NearDuplicateError refuses a text that nearly repeats an article already
// in the event, until the person says it is a different article. It is a
// conflict about the "body" field.
type NearDuplicateError struct {
	NearDuplicate
	err *framing.Error
}

// Err is the refusal of a text because of d.
func (d NearDuplicate) Err() *NearDuplicateError {
	a := d.Article
	msg := fmt.Sprintf("This text is very like “%s” by %s, already in this event (article %d): %d%% of the wording is the same. Save it only if it is a different article.",
		a.Headline, a.Outlet, a.ID, d.Percent())
	return &NearDuplicateError{NearDuplicate: d, err: framing.FieldErrorf(framing.EConflict, "body", "%s", msg)}
}

func (e *NearDuplicateError) Error() string { return e.err.Error() }

// Unwrap makes the refusal an *Error too, so it maps to a status like any
// other conflict.
func (e *NearDuplicateError) Unwrap() error { return e.err }
