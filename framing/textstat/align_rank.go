package textstat

import (
	"unicode"
	"unicode/utf8"
)

// PairKind says what the differing words of an aligned pair are, which is
// how pairs are ranked: a wording choice the lexicon documents first,
// then other differing words, and last the pairs that differ only in
// names, numbers and dates, which pages fold away.
type PairKind int

const (
	// PairLexicon: one side's differing words hold a lexicon term and the
	// other side's a different term of the same concept ("occupied"
	// against "controlled by ethnic Armenian forces").
	PairLexicon PairKind = iota
	// PairWords: content words differ.
	PairWords
	// PairIncidental: only names, numbers and dates differ ("Nikol
	// Pashinyan" against "Pashinyan", "on Wednesday" against nothing).
	PairIncidental
)

// String names the kind in the API.
func (k PairKind) String() string {
	switch k {
	case PairLexicon:
		return "lexicon"
	case PairWords:
		return "words"
	}
	return "incidental"
}

// kindOf ranks a pair by its differences. The terms of one concept may
// sit in different stretches: "the Armenian military occupied" left out
// of one sentence, "controlled by ethnic Armenian forces" added to the
// other.
func kindOf(diffs []Difference) PairKind {
	incidental := true
	for _, d := range diffs {
		incidental = incidental && d.Incidental
	}
	for _, da := range diffs {
		for _, a := range da.ATerms {
			for _, db := range diffs {
				for _, b := range db.BTerms {
					if a.Lexicon == b.Lexicon && a.Concept == b.Concept && a.Term != b.Term {
						return PairLexicon
					}
				}
			}
		}
	}
	if incidental {
		return PairIncidental
	}
	return PairWords
}

// incidental reports whether every content word of words[from:to] is a
// name, a number or a date: such a difference is no choice of wording.
// A capitalised word is a name unless it opens the sentence and the
// event's texts also write it in lower case ("Officials said").
func incidental(text string, words []alignWord, from, to int, lower map[string]bool) bool {
	for i := from; i < to; i++ {
		w := words[i]
		if w.key == "" {
			continue
		}
		if isNumber(w.form) || hasDigit(w.form) || dateWords[w.form] || numberWords[w.form] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[w.span.Start:w.span.End])
		if unicode.IsUpper(r) && (i > 0 || !lower[w.form]) {
			continue
		}
		return false
	}
	return true
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	return false
}

// dateWords and numberWords are the folded words of dates and numbers
// that news copy spells out.
var dateWords = foldedWords(`monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
today yesterday tomorrow tonight morning afternoon evening night day days week weeks weekend
month months year years earlier later ago`)

var numberWords = foldedWords(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen
fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
hundred hundreds thousand thousands million millions billion billions dozen dozens half
first second third fourth fifth sixth seventh eighth ninth tenth percent`)

func foldedWords(s string) map[string]bool {
	out := map[string]bool{}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' {
			if start >= 0 {
				out[s[start:i]] = true
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}
