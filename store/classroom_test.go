package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/store"
)

// classFixture is a teacher, an event with one article and an open session.
func classFixture(t *testing.T, st *store.Store) (classroom.Session, framing.Article) {
	t.Helper()
	ctx := context.Background()
	u, err := st.CreateUser(ctx, "teacher", "hash", framing.RoleTeacher)
	if err != nil {
		t.Fatal(err)
	}
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	a := mustAddArticle(t, st, ev.ID, articleInput("Reuters", sampleBody))
	codes := []string{"AAAAAA"}
	cs, err := st.CreateClassSession(ctx, classroom.SessionInput{EventID: ev.ID, TeacherID: u.ID, Title: "Lesson",
		Blind: true, ArticleIDs: []int64{a.ID}}, func() (string, error) { return codes[0], nil })
	if err != nil {
		t.Fatal(err)
	}
	return cs, a
}

func TestAJoinCodeIsNotDrawnTwiceWhileItsSessionIsOpen(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	cs, a := classFixture(t, st)
	draws := []string{"AAAAAA", "AAAAAA", "BBBBBB"}
	next := func() (string, error) { c := draws[0]; draws = draws[1:]; return c, nil }
	second, err := st.CreateClassSession(ctx, classroom.SessionInput{EventID: cs.EventID, TeacherID: cs.TeacherID,
		Title: "Again", ArticleIDs: []int64{a.ID}}, next)
	if err != nil || second.Code != "BBBBBB" {
		t.Fatalf("second session: code %q, %v; want the third draw", second.Code, err)
	}
	got, err := st.ClassSessionByCode(ctx, "AAAAAA")
	if err != nil || got.ID != cs.ID || !got.Blind || got.Phase != classroom.PhaseMarking || len(got.ArticleIDs) != 1 {
		t.Fatalf("by code: %+v, %v", got, err)
	}
	if err := st.SetClassPhase(ctx, cs.ID, classroom.PhaseClosed); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ClassSessionByCode(ctx, "AAAAAA"); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("a closed session's code: %v, want not found", err)
	}
}

func TestStudentsMarkOnlyWhileTheSessionIsOpenAndRemoveOnlyTheirOwnMarks(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	cs, a := classFixture(t, st)
	anna, err := st.JoinClassSession(ctx, cs.ID, "Anna", "hash-anna")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.JoinClassSession(ctx, cs.ID, "ANNA", "hash-other"); framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("a second Anna: %v, want conflict", err)
	}
	ben, err := st.JoinClassSession(ctx, cs.ID, "Ben", "hash-ben")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.StudentByToken(ctx, "hash-ben"); err != nil || got.ID != ben.ID || got.SessionID != cs.ID {
		t.Errorf("student by token: %+v, %v", got, err)
	}
	if _, err := st.StudentByToken(ctx, "nobody"); framing.ErrorCode(err) != framing.EUnauthorized {
		t.Errorf("unknown token: %v", err)
	}
	mark := classroom.Mark{SessionID: cs.ID, StudentID: anna.ID, ArticleID: a.ID, Span: framing.Span{Start: 0, End: 4},
		Text: a.Body[:4], Note: "why"}
	m, err := st.AddMark(ctx, mark, 300)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddMark(ctx, mark, 300); framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("the same mark twice: %v, want conflict", err)
	}
	if err := st.DeleteMark(ctx, ben.ID, m.ID); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("Ben removing Anna's mark: %v, want not found", err)
	}
	marks, err := st.SessionMarks(ctx, cs.ID)
	if err != nil || len(marks) != 1 || marks[0].Nickname != "Anna" || marks[0].Note != "why" || marks[0].Text != a.Body[:4] {
		t.Fatalf("session marks: %+v, %v", marks, err)
	}
	if n, err := st.CountStudents(ctx, cs.ID); err != nil || n != 2 {
		t.Errorf("students: %d, %v", n, err)
	}
	if err := st.SetClassPhase(ctx, cs.ID, classroom.PhaseClosed); err != nil {
		t.Fatal(err)
	}
	mark.Span = framing.Span{Start: 5, End: 9}
	if _, err := st.AddMark(ctx, mark, 300); framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("a mark in a closed session: %v, want conflict", err)
	}
	if err := st.DeleteMark(ctx, anna.ID, m.ID); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("removing a mark of a closed session: %v, want refused", err)
	}
	if own, err := st.StudentMarks(ctx, anna.ID); err != nil || len(own) != 1 {
		t.Errorf("Anna's marks after close: %+v, %v", own, err)
	}
}

// A session past its lifetime accepts neither its code nor marks, and
// its code may be drawn again.
func TestAnExpiredSessionTakesNoJoinsNorMarksAndFreesItsCode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "framelens.db")
	st := openStoreAt(t, path)
	ctx := context.Background()
	cs, a := classFixture(t, st)
	anna, err := st.JoinClassSession(ctx, cs.ID, "Anna", "hash-anna")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openRaw(t, path).Exec(`UPDATE class_sessions SET expires_at = ? WHERE id = ?`,
		time.Now().UTC().Add(-time.Minute), cs.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ClassSessionByCode(ctx, cs.Code); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("an expired session's code: %v, want not found", err)
	}
	_, err = st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: anna.ID, ArticleID: a.ID,
		Span: framing.Span{Start: 0, End: 3}, Text: a.Body[:3]}, 300)
	if framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("a mark in an expired session: %v, want conflict", err)
	}
	again, err := st.CreateClassSession(ctx, classroom.SessionInput{EventID: cs.EventID, TeacherID: cs.TeacherID,
		Title: "Next lesson", ArticleIDs: []int64{a.ID}}, func() (string, error) { return cs.Code, nil })
	if err != nil || again.Code != cs.Code {
		t.Errorf("drawing the expired code again: %q, %v", again.Code, err)
	}
}

// SQLite's NOCASE folds ASCII only: nicknames that differ in the case of
// other letters, or in how an accent is composed, are one student's too.
func TestNicknamesThatDifferOnlyInUnicodeCaseCollide(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	cs, _ := classFixture(t, st)
	for i, pair := range [][2]string{{"ÉVA", "éva"}, {"ΣΟΦΙΑΣ", "σοφιας"}, {"Jörg", "jo\u0308rg"}, {"СЕРГЕЙ", "сергей"}} {
		first, err := classroom.NormalizeNickname(pair[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.JoinClassSession(ctx, cs.ID, first, fmt.Sprintf("hash-%d-a", i)); err != nil {
			t.Fatalf("%s: %v", pair[0], err)
		}
		second, err := classroom.NormalizeNickname(pair[1])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.JoinClassSession(ctx, cs.ID, second, fmt.Sprintf("hash-%d-b", i)); framing.ErrorCode(err) != framing.EConflict {
			t.Errorf("%q after %q: %v, want conflict", pair[1], pair[0], err)
		}
	}
	if _, err := st.JoinClassSession(ctx, cs.ID, "Eva", "hash-eva"); err != nil {
		t.Errorf("Eva is not Éva: %v", err)
	}
}

// The message for a nickname in use names it as the class sees it, not as
// the second student typed it.
func TestANicknameInUseIsNamedAsTheClassSeesIt(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	cs, _ := classFixture(t, st)
	if _, err := st.JoinClassSession(ctx, cs.ID, "Amira", "hash-amira"); err != nil {
		t.Fatal(err)
	}
	_, err := st.JoinClassSession(ctx, cs.ID, "amira", "hash-other")
	if framing.ErrorCode(err) != framing.EConflict || !strings.Contains(err.Error(), `"Amira"`) || strings.Contains(err.Error(), `"amira"`) {
		t.Errorf("second amira: %v, want a conflict naming \"Amira\"", err)
	}
}
