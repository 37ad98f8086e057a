package views

import (
	"strconv"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
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
	Sessions []classroom.Session
	Events   []framing.EventSummary
	Now      time.Time
}

// DashboardView is the teacher's page of a running session.
type DashboardView struct {
	Event   framing.Event
	JoinURL string
	Live    LiveView
}

// LiveView is the part of the dashboard that follows the class live. In a
// blind session before the reveal, outlets' names are aliases already in
// everything it holds (the projected dashboard must not tell).
type LiveView struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Session  classroom.Session
	Articles []framing.ArticleMatches
	// Texts are the articles' texts with the class's heat and, once
	// revealed, the lexicon's matches (classroom.HeatTexts).
	Texts   [][][]framing.Piece
	Results classroom.Results
	// Top is how many wordings the list shows before the reveal.
	Top int
}

// ProjectorView is the big join code and QR code for the wall.
type ProjectorView struct {
	// User is who the page is for: the logged-in user, or nil.
	User     *framing.User
	Session  classroom.Session
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
	Session  classroom.Session
	Student  classroom.Student
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
	Paragraphs   [][]framing.Piece
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

func sessionURL(id int64) string { return "/sessions/" + strconv.FormatInt(id, 10) }

func phaseLabel(p classroom.Phase) string {
	switch p {
	case classroom.PhaseReveal:
		return "Revealed"
	case classroom.PhaseClosed:
		return "Closed"
	}
	return "Marking"
}

func studentsLabel(n int) string { return plural(n, "student", "students") }

func (v LiveView) heatOf(i int) classroom.ArticleHeat {
	if i < len(v.Results.Articles) {
		return v.Results.Articles[i]
	}
	return classroom.ArticleHeat{}
}

func (v LiveView) textOf(i int) [][]framing.Piece {
	if i < len(v.Texts) {
		return v.Texts[i]
	}
	return nil
}

func (v LiveView) top() []classroom.Wording {
	if v.Top > 0 && len(v.Results.Wordings) > v.Top {
		return v.Results.Wordings[:v.Top]
	}
	return v.Results.Wordings
}

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
		out += v.article(id).Outlet
	}
	return out
}

// barWidthOf is a wording's bar on a 0–100 scale of the class.
func (v LiveView) barWidthOf(students int) string {
	n := max(v.Results.Students, 1)
	return strconv.FormatFloat(100*float64(min(students, n))/float64(n), 'f', 1, 64)
}

func heatTitle(n int) string {
	return "marked by " + studentsLabel(n)
}
