package classroom

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"framelens/framing"
	"framelens/framing/match"
)

// Mark is one student's marking of a wording they find loaded: a byte span
// of an article's stored text, with an optional concept and note.
type Mark struct {
	ID        int64
	SessionID int64
	StudentID int64
	Nickname  string
	ArticleID int64
	framing.Span
	// Text is the marked wording as it stood when marked, so that a later
	// edit of the article does not change what the student chose.
	Text      string
	ConceptID int64 // 0 for "just loaded"
	Note      string
	CreatedAt time.Time
}

// MarkInput is what a student submits.
type MarkInput struct {
	ArticleID int64
	Start     int
	End       int
	ConceptID int64
	Note      string
}

// Limits of a mark: a wording or a phrase, not a paragraph; a note is a
// short remark typed on a phone.
const (
	MaxMarkChars     = 200
	MaxMarkNoteChars = 280
)

// Check validates a mark against the article's stored text and returns
// the span with the spaces at its ends left out: a selection on a phone
// often takes the space after a word with it.
func (in MarkInput) Check(body string) (framing.Span, error) {
	var p framing.Problems
	framing.CheckText(&p, "note", "The note", in.Note, false, MaxMarkNoteChars)
	switch {
	case in.Start < 0 || in.End > len(body):
		p.Add("start", "The marked text is outside the article (%d–%d of %d bytes).", in.Start, in.End, len(body))
	case in.Start >= in.End:
		p.Add("start", "Select at least one word to mark.")
	case !boundary(body, in.Start) || !boundary(body, in.End):
		p.Add("start", "The marked text does not start and end on whole characters.")
	}
	if err := p.Err(); err != nil {
		return framing.Span{}, err
	}
	sp := trimSpan(body, framing.Span{Start: in.Start, End: in.End})
	switch {
	case sp.Start >= sp.End:
		p.Add("start", "Select at least one word to mark, not only spaces.")
	case utf8.RuneCountInString(body[sp.Start:sp.End]) > MaxMarkChars:
		p.Add("start", "Mark a word or phrase of up to %d characters, not a whole passage.", MaxMarkChars)
	}
	return sp, p.Err()
}

// boundary reports whether byte offset i of s starts a character (or is
// the end of s).
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// trimSpan leaves out the spaces at a span's ends.
func trimSpan(s string, sp framing.Span) framing.Span {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(s[sp.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		sp.Start += n
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(s[:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.End -= n
	}
	return sp
}

// WordingKey is how marks of the same wording are grouped: folded case,
// apostrophes, hyphens and spacing evened out, surrounding punctuation
// dropped ("Occupied," and "occupied" are one wording).
func WordingKey(text string) string {
	folded := strings.Map(func(r rune) rune {
		if match.IsHyphen(r) {
			return ' '
		}
		return r
	}, string(match.Fold(nil, text)))
	folded = strings.TrimFunc(folded, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	return strings.Join(strings.Fields(folded), " ")
}
