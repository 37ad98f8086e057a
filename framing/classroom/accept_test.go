package classroom_test

import (
	"context"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

// facts answers AcceptMark from fixed values and records what was asked.
type facts struct {
	article framing.Article
	names   framing.NameMasker
	known   bool
	made    int
	asked   []string
}

func (f *facts) Article(_ context.Context, id int64) (framing.Article, error) {
	f.asked = append(f.asked, "article")
	if id != f.article.ID {
		return framing.Article{}, framing.Errorf(framing.ENotFound, "no article %d", id)
	}
	return f.article, nil
}

func (f *facts) Names(context.Context) (framing.NameMasker, error) {
	f.asked = append(f.asked, "names")
	return f.names, nil
}

func (f *facts) ConceptApplies(context.Context, int64) (bool, error) {
	f.asked = append(f.asked, "concept")
	return f.known, nil
}

func (f *facts) MarksMade(context.Context) (int, error) {
	f.asked = append(f.asked, "count")
	return f.made, nil
}

func TestAMarkIsAcceptedOnlyWhenEveryRuleHolds(t *testing.T) {
	now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
	article := framing.Article{ID: 7, Outlet: "Northern Herald", Body: "The Northern Herald said troops occupied the town."}
	open := classroom.Session{ID: 1, Phase: classroom.PhaseMarking, ArticleIDs: []int64{7}, ExpiresAt: now.Add(time.Hour)}
	closed := open
	closed.Phase = classroom.PhaseClosed
	student := classroom.Student{ID: 3, SessionID: 1, Nickname: "Anna"}
	occupied := classroom.MarkInput{ArticleID: 7, Start: 32, End: 41, ConceptID: 5, Note: " why "}
	cutName := classroom.MarkInput{ArticleID: 7, Start: 4, End: 12}
	for _, c := range []struct {
		name     string
		session  classroom.Session
		in       classroom.MarkInput
		known    bool
		made     int
		wantCode string
		asked    int // how many facts were looked up
	}{
		{"a closed session", closed, occupied, true, 0, framing.EConflict, 0},
		{"an article of another session", open, classroom.MarkInput{ArticleID: 8, Start: 0, End: 3}, true, 0, framing.ENotFound, 0},
		{"a span outside the text", open, classroom.MarkInput{ArticleID: 7, Start: 40, End: 400}, true, 0, framing.EInvalid, 1},
		{"half an outlet's name", open, cutName, true, 0, framing.EInvalid, 2},
		{"a concept of no lexicon of the event", open, occupied, false, 0, framing.EInvalid, 3},
		{"a student with no marks left", open, occupied, true, classroom.MaxMarksPerStudent, framing.EConflict, 4},
		{"a word of the text", open, occupied, true, classroom.MaxMarksPerStudent - 1, "", 4},
	} {
		f := &facts{article: article, names: framing.NewNameMasker([]framing.Article{article}), known: c.known, made: c.made}
		m, err := classroom.AcceptMark(context.Background(), c.session, student, c.in, now, f)
		if framing.ErrorCode(err) != c.wantCode && !(c.wantCode == "" && err == nil) {
			t.Errorf("%s: %v, want code %q", c.name, err, c.wantCode)
		}
		if len(f.asked) != c.asked {
			t.Errorf("%s: asked %q, want %d look-ups", c.name, f.asked, c.asked)
		}
		if c.wantCode == "" && (m.Text != "occupied" || m.Note != "why" || m.StudentID != 3 || m.SessionID != 1 || m.ConceptID != 5) {
			t.Errorf("%s: mark %+v", c.name, m)
		}
	}
}
