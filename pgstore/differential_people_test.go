package pgstore_test

import (
	"fmt"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

// Accounts and their sessions behave alike: names taken in any case,
// listed by name, sessions that end.
func TestUsersAndSessionsBehaveAsInSQLite(t *testing.T) {
	tw := newTwin(t)
	both(tw, "CountUsers of none", func(s api) (int, error) { return s.CountUsers(ctx) })
	for _, name := range []string{"admin", "bob", "Carol", "alice"} {
		both(tw, "CreateUser "+name, func(s api) (framing.User, error) { return s.CreateUser(ctx, name, "hash-"+name, "teacher") })
	}
	fails(tw, "CreateUser taken in another case", framing.EConflict, func(s api) (framing.User, error) {
		return s.CreateUser(ctx, "ADMIN", "h", "admin")
	})
	both(tw, "CreateUser after a refusal", func(s api) (framing.User, error) { return s.CreateUser(ctx, "dave", "h", "admin") })
	both(tw, "Users", func(s api) ([]framing.User, error) { return s.Users(ctx) })
	both(tw, "CountUsers", func(s api) (int, error) { return s.CountUsers(ctx) })
	type login struct {
		User framing.User
		Hash string
	}
	both(tw, "UserForLogin in another case", func(s api) (login, error) {
		u, h, err := s.UserForLogin(ctx, "CAROL")
		return login{u, h}, err
	})
	fails(tw, "UserForLogin nobody", framing.ENotFound, func(s api) (login, error) {
		u, h, err := s.UserForLogin(ctx, "nobody")
		return login{u, h}, err
	})
	both0(tw, "CreateSession", func(s api) error { return s.CreateSession(ctx, 2, "live", time.Now().Add(time.Hour)) })
	both0(tw, "CreateSession ended", func(s api) error { return s.CreateSession(ctx, 3, "ended", time.Now().Add(-time.Second)) })
	both(tw, "SessionUser", func(s api) (framing.User, error) { return s.SessionUser(ctx, "live") })
	fails(tw, "SessionUser ended", framing.EUnauthorized, func(s api) (framing.User, error) { return s.SessionUser(ctx, "ended") })
	both0(tw, "DeleteSession", func(s api) error { return s.DeleteSession(ctx, "live") })
	fails(tw, "SessionUser deleted", framing.EUnauthorized, func(s api) (framing.User, error) { return s.SessionUser(ctx, "live") })
}

// codes draws the given join codes in turn.
func codes(list ...string) func() (string, error) {
	i := 0
	return func() (string, error) {
		if i == len(list) {
			return "", fmt.Errorf("no more codes")
		}
		i++
		return list[i-1], nil
	}
}

// A lesson: sessions with codes, students with nicknames, marks within
// the limit, phases, all alike.
func TestClassroomBehavesAsInSQLite(t *testing.T) {
	tw := newTwin(t)
	both(tw, "teacher", func(s api) (framing.User, error) { return s.CreateUser(ctx, "teacher", "h", "teacher") })
	both(tw, "event", func(s api) (framing.Event, error) { return s.CreateEvent(ctx, framing.EventInput{Title: "Summit"}) })
	for _, body := range []string{"The two leaders met in Vladivostok on Wednesday.", "Presidents gathered in the port city for talks."} {
		both(tw, "article", func(s api) (framing.Article, error) { return s.AddArticle(ctx, 1, article("BBC", body)) })
	}
	lex := both(tw, "lexicon", func(s api) (framing.Lexicon, error) { return s.CreateLexicon(ctx, lexicon("custom")) })
	in := classroom.SessionInput{EventID: 1, TeacherID: 1, Title: "Lesson", Blind: true, ArticleIDs: []int64{2, 1}}
	cs := both(tw, "CreateClassSession", func(s api) (classroom.Session, error) {
		return s.CreateClassSession(ctx, in, codes("ABCD2345"))
	})
	// The code is taken while the first session accepts it: the next draw
	// is used.
	both(tw, "CreateClassSession, code taken", func(s api) (classroom.Session, error) {
		return s.CreateClassSession(ctx, classroom.SessionInput{EventID: 1, TeacherID: 1, Title: "Other"}, codes("ABCD2345", "WXYZ6789"))
	})
	both(tw, "CreateClassSession, codes run out", func(s api) (classroom.Session, error) {
		return s.CreateClassSession(ctx, in, codes("ABCD2345"))
	})
	both(tw, "ClassSession", func(s api) (classroom.Session, error) { return s.ClassSession(ctx, cs.ID) })
	fails(tw, "ClassSession 99", framing.ENotFound, func(s api) (classroom.Session, error) { return s.ClassSession(ctx, 99) })
	both(tw, "ClassSessionByCode", func(s api) (classroom.Session, error) { return s.ClassSessionByCode(ctx, "WXYZ6789") })
	fails(tw, "ClassSessionByCode unknown", framing.ENotFound, func(s api) (classroom.Session, error) {
		return s.ClassSessionByCode(ctx, "QQQQ2222")
	})
	both(tw, "TeacherSessions", func(s api) ([]classroom.Session, error) { return s.TeacherSessions(ctx, 1) })

	join := func(what, nickname, token, code string) classroom.Student {
		t.Helper()
		var st classroom.Student
		both(tw, what, func(s api) (classroom.Student, error) {
			var err error
			st, err = s.JoinClassSession(ctx, cs.ID, nickname, token)
			if framing.ErrorCode(err) != code {
				t.Errorf("%s: %v, want %q", what, err, code)
			}
			return st, err
		})
		return st
	}
	amira := join("join", "Amira", "t-amira", "")
	join("nickname in another case", "amira", "t-other", framing.EConflict)
	eva := join("join Éva", "ÉVA", "t-eva", "")
	join("nickname folded beyond ASCII", "éva", "t-eva2", framing.EConflict)
	join("token taken", "Zoe", "t-amira", framing.EConflict)
	join("after refusals", "Zoe", "t-zoe", "")
	both(tw, "StudentByToken", func(s api) (classroom.Student, error) { return s.StudentByToken(ctx, "t-eva") })
	fails(tw, "StudentByToken unknown", framing.EUnauthorized, func(s api) (classroom.Student, error) { return s.StudentByToken(ctx, "nope") })
	both(tw, "CountStudents", func(s api) (int, error) { return s.CountStudents(ctx, cs.ID) })

	mark := func(what string, st classroom.Student, article int64, start, end int, concept int64, limit int, code string) {
		t.Helper()
		m := classroom.Mark{SessionID: cs.ID, StudentID: st.ID, ArticleID: article, Span: framing.Span{Start: start, End: end},
			Text: "text", ConceptID: concept, Note: "a note"}
		both(tw, what, func(s api) (classroom.Mark, error) {
			got, err := s.AddMark(ctx, m, limit)
			if framing.ErrorCode(err) != code {
				t.Errorf("%s: %v, want %q", what, err, code)
			}
			return got, err
		})
	}
	concept := lex.Concepts[0].ID
	mark("mark", amira, 2, 10, 14, concept, 3, "")
	mark("mark without a concept", amira, 1, 4, 12, 0, 3, "")
	mark("the same span", amira, 1, 4, 12, 0, 3, framing.EConflict)
	mark("another student's", eva, 1, 4, 12, concept, 3, "")
	mark("third", amira, 1, 0, 3, 0, 3, "")
	mark("over the limit", amira, 2, 20, 30, 0, 3, framing.EConflict)
	mark("over the limit and the same span", amira, 1, 0, 3, 0, 3, framing.EConflict)
	mark("after refusals", eva, 2, 1, 2, 0, 3, "")
	both(tw, "StudentMarks", func(s api) ([]classroom.Mark, error) { return s.StudentMarks(ctx, amira.ID) })
	both(tw, "SessionMarks", func(s api) ([]classroom.Mark, error) { return s.SessionMarks(ctx, cs.ID) })
	fails(tw, "DeleteMark of another student", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.DeleteMark(ctx, eva.ID, 1)
	})
	both0(tw, "DeleteMark", func(s api) error { return s.DeleteMark(ctx, amira.ID, 1) })
	mark("again below the limit", amira, 2, 20, 30, 0, 3, "")
	// A concept deleted keeps its marks, without it.
	both0(tw, "DeleteConcept", func(s api) error { return s.DeleteConcept(ctx, lex.ID, concept) })
	both(tw, "marks after the concept went", func(s api) ([]classroom.Mark, error) { return s.SessionMarks(ctx, cs.ID) })

	both0(tw, "SetClassPhase reveal", func(s api) error { return s.SetClassPhase(ctx, cs.ID, classroom.PhaseReveal) })
	mark("while revealed", eva, 2, 5, 9, 0, 3, "")
	both0(tw, "SetClassPhase closed", func(s api) error { return s.SetClassPhase(ctx, cs.ID, classroom.PhaseClosed) })
	mark("when closed", eva, 2, 40, 44, 0, 3, framing.EConflict)
	mark("when closed and over the limit", amira, 2, 40, 44, 0, 3, framing.EConflict)
	fails(tw, "DeleteMark when closed", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.DeleteMark(ctx, eva.ID, 4)
	})
	fails(tw, "ClassSessionByCode closed", framing.ENotFound, func(s api) (classroom.Session, error) {
		return s.ClassSessionByCode(ctx, "ABCD2345")
	})
	both(tw, "ClassSession closed", func(s api) (classroom.Session, error) { return s.ClassSession(ctx, cs.ID) })
	both(tw, "marks at the end", func(s api) ([]classroom.Mark, error) { return s.SessionMarks(ctx, cs.ID) })
}
