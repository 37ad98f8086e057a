package views

import (
	"fmt"
	"strconv"
	"time"

	"framelens/framing"
)

// SessionForm opens a classroom session on an event.
type SessionForm struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Event    framing.Event
	Articles []framing.Article
	Title    string
	Blind    bool
	Chosen   map[int64]bool // articles ticked; all when nil
	Errors   FieldErrors
}

func (f SessionForm) chosen(id int64) bool { return f.Chosen == nil || f.Chosen[id] }

// SessionsView lists a teacher's sessions and the events to open one on.
type SessionsView struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Sessions []framing.ClassSession
	Events   []framing.EventSummary
	Now      time.Time
}

// DashboardView is the teacher's page of a running session.
type DashboardView struct {
	Event   framing.Event
	JoinURL string
	Live    LiveView
}

// LiveView is the part of the dashboard that follows the class live.
type LiveView struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Session  framing.ClassSession
	Articles []framing.ArticleMatches
	Matcher  *framing.Matcher
	Results  framing.ClassResults
	// Top is how many wordings the list shows before the reveal.
	Top int
	// Names hides outlet names (a blind session before the reveal: the
	// projected dashboard must not tell); its zero value hides nothing.
	Names framing.NameMasker
}

// ProjectorView is the big join code and QR code for the wall.
type ProjectorView struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Session  framing.ClassSession
	JoinURL  string
	Students int
	Marks    int
}

// JoinForm is where a student types the code and a nickname.
type JoinForm struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Code     string
	Nickname string
	Errors   FieldErrors
}

// StudentView is a student's reading and marking page.
type StudentView struct {
	// User is who the page is for: the logged-in user, or nil.
	User *framing.User
	// Blind is a blind session before the reveal: outlet names are
	// aliases already, and the page has no links to the public pages,
	// which name the outlets, nor says which articles are rewrites.
	Blind    bool
	Session  framing.ClassSession
	Student  framing.Student
	Articles []StudentArticle
	Marks    []OwnMark
	Concepts []ConceptGroup
	// Legend names the perspectives of the lexicon's wordings outlined
	// after the reveal.
	Legend []framing.LegendEntry
}

// StudentArticle is one article as a student sees it: in blind sessions
// before the reveal, outlets are "Outlet A"… in the text too.
type StudentArticle struct {
	ID           int64
	Label        string
	Headline     string
	Language     string
	Illustrative bool
	Paragraphs   [][]Piece
}

// OwnMark is one of the student's marks as listed for undoing.
type OwnMark struct {
	ID      int64
	Article string
	Text    string
	Concept string
	Note    string
}

// ConceptGroup is one lexicon's concepts, for the optional concept choice.
type ConceptGroup struct {
	Lexicon  string
	Concepts []framing.Concept
}

// Piece is a run of an article's text that carries its byte offsets, so
// the page can turn a selection back into offsets of the stored text.
type Piece struct {
	framing.Span
	Text     string
	Alias    bool // an outlet's name shown as its alias: selected whole or not at all
	Own      bool // inside one of the student's marks
	Students int  // how many students marked it (dashboard)
	Heat     int
	Match    *framing.Match
	Swatch   framing.Swatch // the match's perspective's swatch
	Tip      string         // what the lexicon says about the match
}

// PieceOptions say what a text's pieces show.
type PieceOptions struct {
	Own     []framing.Mark
	Heat    [][]framing.HeatPiece
	Matches []framing.Match  // shown all but plain verbs of saying (framing.AskedMatches)
	Matcher *framing.Matcher // names the matches' terms
	Legend  framing.Legend   // the session's swatches
	// Names hides outlet names behind their aliases.
	Names framing.NameMasker
}

// Pieces cuts an article's text at every boundary the options need and
// marks what each piece lies in. Cuts inside a masked outlet name are
// dropped, so a name is always one piece.
func Pieces(body string, o PieceOptions) [][]Piece {
	names := o.Names.Spans(body)
	var heat []framing.HeatPiece
	for _, para := range o.Heat {
		heat = append(heat, para...)
	}
	var cuts []int
	add := func(sp framing.Span) { cuts = append(cuts, sp.Start, sp.End) }
	for _, n := range names {
		add(n.Span)
	}
	for _, m := range o.Own {
		add(m.Span)
	}
	for _, h := range heat {
		if h.Students > 0 {
			add(h.Span)
		}
	}
	if o.Matcher != nil {
		o.Matches = framing.AskedMatches(o.Matcher, o.Matches)
	}
	for _, m := range o.Matches {
		add(m.Span)
	}
	kept := cuts[:0]
	for _, c := range cuts {
		inside := false
		for _, n := range names {
			inside = inside || (c > n.Start && c < n.End)
		}
		if !inside {
			kept = append(kept, c)
		}
	}
	var out [][]Piece
	for _, para := range framing.Pieces(body, kept) {
		var row []Piece
		for _, sp := range para {
			p := Piece{Span: sp, Text: body[sp.Start:sp.End]}
			for _, n := range names {
				if n.Start == sp.Start && n.End == sp.End {
					p.Text, p.Alias = n.Alias, true
				}
			}
			for _, m := range o.Own {
				p.Own = p.Own || overlaps(m.Span, sp)
			}
			for _, h := range heat {
				if overlaps(h.Span, sp) && h.Students > p.Students {
					p.Students, p.Heat = h.Students, h.Level
				}
			}
			for i := range o.Matches {
				if p.Match == nil && overlaps(o.Matches[i].Span, sp) && o.Matcher != nil {
					p.Match = &o.Matches[i]
					p.Swatch, p.Tip = o.Legend.Swatch(o.Matcher.PerspectiveName(p.Match.Ref)), lexiconTip(o.Matcher, p.Match)
				}
			}
			row = append(row, p)
		}
		out = append(out, row)
	}
	return out
}

func overlaps(a, b framing.Span) bool { return a.Start < b.End && b.Start < a.End }

func sessionURL(id int64) string { return "/sessions/" + strconv.FormatInt(id, 10) }

func phaseLabel(p framing.Phase) string {
	switch p {
	case framing.PhaseReveal:
		return "Revealed"
	case framing.PhaseClosed:
		return "Closed"
	}
	return "Marking"
}

func studentsLabel(n int) string { return plural(n, "student", "students") }

// articleLabel is an article's outlet, or its alias while a blind session
// hides outlets.
func (v LiveView) articleLabel(a framing.Article) string {
	return v.Names.Outlet(a.Outlet)
}

func (v LiveView) heatOf(i int) framing.ArticleHeat {
	if i < len(v.Results.Articles) {
		return v.Results.Articles[i]
	}
	return framing.ArticleHeat{}
}

// pieces is an article's text with the class's heat and, once revealed,
// the lexicon's matches.
func (v LiveView) pieces(i int) [][]Piece {
	am := v.Articles[i]
	o := PieceOptions{Heat: v.heatOf(i).Paragraphs, Names: v.Names}
	if v.Session.Phase.Revealed() {
		o.Matches, o.Matcher, o.Legend = am.Matches, v.Matcher, v.Results.Legend
	}
	return Pieces(am.Article.Body, o)
}

func (v LiveView) top() []framing.Wording {
	if v.Top > 0 && len(v.Results.Wordings) > v.Top {
		return v.Results.Wordings[:v.Top]
	}
	return v.Results.Wordings
}

func (v LiveView) maskText(s string) string { return v.Names.Mask(s) }

func (v LiveView) article(id int64) framing.Article {
	for _, am := range v.Articles {
		if am.Article.ID == id {
			return am.Article
		}
	}
	return framing.Article{}
}

func (v LiveView) outlets(ids []int64) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += v.articleLabel(v.article(id))
	}
	return out
}

// barWidthOf is a wording's bar on a 0–100 scale of the class.
func (v LiveView) barWidthOf(students int) string {
	n := max(v.Results.Students, 1)
	return strconv.FormatFloat(100*float64(min(students, n))/float64(n), 'f', 1, 64)
}

func lexiconTip(mt *framing.Matcher, m *framing.Match) string {
	c, t := mt.Concept(m.Ref), mt.Term(m.Ref)
	persp := mt.PerspectiveName(m.Ref)
	if persp == "" {
		persp = "no perspective"
	}
	return fmt.Sprintf("Lexicon: %s — “%s”, %s usage", c.Name, t.Label(), persp)
}

func heatTitle(n int) string {
	return "marked by " + studentsLabel(n)
}
