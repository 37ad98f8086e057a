package classroom

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"framelens/framing"
)

// Phase is where a classroom session stands. It only moves forward:
// marking, then reveal, then closed.
type Phase string

// Phases of a classroom session.
const (
	// PhaseMarking: students read and mark what they find loaded; the
	// lexicon's matches (and, in blind mode, the outlets) stay hidden.
	PhaseMarking Phase = "marking"
	// PhaseReveal: the lexicon's matches appear beside the class's marks
	// and blind sessions name the outlets; students may still mark.
	PhaseReveal Phase = "reveal"
	// PhaseClosed: read-only; results stay for export.
	PhaseClosed Phase = "closed"
)

// ParsePhase reads a phase name.
func ParsePhase(s string) (Phase, error) {
	switch p := Phase(strings.TrimSpace(s)); p {
	case PhaseMarking, PhaseReveal, PhaseClosed:
		return p, nil
	}
	return "", framing.FieldErrorf(framing.EInvalid, "phase", "The phase must be marking, reveal or closed.")
}

func (p Phase) rank() int {
	switch p {
	case PhaseReveal:
		return 1
	case PhaseClosed:
		return 2
	}
	return 0
}

// CanMoveTo reports whether a session may go from p to next: forward only,
// because a class that saw the outlets cannot unsee them.
func (p Phase) CanMoveTo(next Phase) bool { return next.rank() >= p.rank() }

// Revealed is true once the lexicon and the outlets may be shown.
func (p Phase) Revealed() bool { return p.rank() >= 1 }

// SessionLifetime is how long a session accepts its join code: a lesson,
// with room to spare; a code read aloud today means nothing tomorrow.
const SessionLifetime = 24 * time.Hour

// Session is one lesson on one event: a teacher, a join code, the
// articles the class reads and the phase it is in.
type Session struct {
	ID         int64
	EventID    int64
	TeacherID  int64
	Title      string
	Blind      bool
	Code       string // the join code, without its dash
	Phase      Phase
	ArticleIDs []int64 // in reading order
	CreatedAt  time.Time
	ExpiresAt  time.Time
	// LastArticleID is the newest article id when the session opened: the
	// outlets a blind session hides are those of its event's articles up to it.
	LastArticleID int64
}

// Open reports whether students may still join and mark at time now.
func (s Session) Open(now time.Time) bool {
	return s.Phase != PhaseClosed && now.Before(s.ExpiresAt)
}

// MaskOutlets reports whether outlet names must stay hidden from students.
func (s Session) MaskOutlets() bool { return s.Blind && !s.Phase.Revealed() }

// SessionInput is what a teacher submits to open a session.
type SessionInput struct {
	EventID    int64
	TeacherID  int64
	Title      string
	Blind      bool
	ArticleIDs []int64
}

// MaxSessionTitleChars bounds a session's title.
const MaxSessionTitleChars = 200

// Normalize trims the title, falling back to eventTitle, and checks that
// the chosen articles belong to the event (all of them when none is
// chosen).
func (in *SessionInput) Normalize(eventTitle string, articles []framing.Article) error {
	var p framing.Problems
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	if in.Title == "" {
		in.Title = eventTitle
	}
	framing.CheckText(&p, "title", "The title", in.Title, true, MaxSessionTitleChars)
	inEvent := map[int64]bool{}
	for _, a := range articles {
		inEvent[a.ID] = true
	}
	if len(in.ArticleIDs) == 0 {
		for _, a := range articles {
			in.ArticleIDs = append(in.ArticleIDs, a.ID)
		}
	}
	seen := map[int64]bool{}
	var ids []int64
	for _, id := range in.ArticleIDs {
		if !inEvent[id] {
			p.Add("article_ids", "Article %d is not part of this event.", id)
			continue
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	in.ArticleIDs = ids
	if len(ids) == 0 {
		p.Add("article_ids", "The event has no articles yet: add at least one before opening a session.")
	}
	return p.Err()
}

// Join codes are read aloud and typed on phones: six characters of an
// alphabet without the look-alikes 0/O and 1/I/l, about 887 million codes.
const (
	JoinCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	JoinCodeLength   = 6
)

// NewJoinCode draws a join code from crypto/rand.
func NewJoinCode() (string, error) {
	b := make([]byte, JoinCodeLength)
	out := make([]byte, JoinCodeLength)
	// Rejection sampling keeps every character equally likely.
	limit := byte(256 - 256%len(JoinCodeAlphabet))
	for i := 0; i < JoinCodeLength; {
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("draw join code: %w", err)
		}
		for _, c := range b {
			if c < limit && i < JoinCodeLength {
				out[i] = JoinCodeAlphabet[int(c)%len(JoinCodeAlphabet)]
				i++
			}
		}
	}
	return string(out), nil
}

// ParseJoinCode reads a code as a person types it: any case, with or
// without the dash and spaces. It reports false for anything that cannot
// be a code.
func ParseJoinCode(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || unicode.IsSpace(r):
			continue
		case b.Len() >= JoinCodeLength:
			return "", false
		}
		r = unicode.ToUpper(r)
		if r > unicode.MaxASCII || !strings.ContainsRune(JoinCodeAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != JoinCodeLength {
		return "", false
	}
	return b.String(), true
}

// FormatJoinCode groups a code for reading aloud: "K7M-4QX".
func FormatJoinCode(code string) string {
	if len(code) != JoinCodeLength {
		return code
	}
	return code[:3] + "-" + code[3:]
}

// Student is one person in a session, known only by a nickname.
type Student struct {
	ID        int64
	SessionID int64
	Nickname  string
	JoinedAt  time.Time
}

func invisible(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

// MaxNicknameChars bounds a nickname: enough for "Anna K.", short enough
// for a dashboard.
const MaxNicknameChars = 24

// NicknameKey is what tells nicknames apart in a session: two nicknames
// with one key are one student's to the teacher ("ÉVA" and "éva", "ΣΟΦΙΑ"
// and "σοφιας"). It is the nickname with Unicode case folding, in NFC, so
// that letters composed or decomposed count once.
func NicknameKey(nickname string) string {
	return norm.NFC.String(cases.Fold().String(norm.NFC.String(nickname)))
}

// NormalizeNickname trims and checks a nickname. Two students may not
// share one in a session (the store refuses the second): the teacher must
// be able to tell them apart.
func NormalizeNickname(s string) (string, error) {
	var p framing.Problems
	if !utf8.ValidString(s) {
		p.Add("nickname", "The nickname is not valid UTF-8 text.")
		return "", p.Err()
	}
	s = norm.NFC.String(strings.Join(strings.Fields(s), " "))
	switch {
	case s == "":
		p.Add("nickname", "Choose a nickname the teacher will recognise (no need for your full name).")
	case utf8.RuneCountInString(s) > MaxNicknameChars:
		p.Add("nickname", "The nickname is %s long; use at most %d.", framing.Plural(utf8.RuneCountInString(s), "character", "characters"), MaxNicknameChars)
	case strings.IndexFunc(s, invisible) >= 0:
		// Control and format characters (zero-width spaces, direction
		// overrides) would let "Anna" and "Anna\u200b" look like one
		// student, or turn a name around on the dashboard.
		p.Add("nickname", "The nickname contains invisible or control characters; use letters, digits and spaces.")
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0:
		p.Add("nickname", "A nickname needs at least one letter or digit.")
	}
	return s, p.Err()
}
