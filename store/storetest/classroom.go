package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"framelens/framing"
	"framelens/framing/classroom"
)

// lesson is a store with a teacher, an event of three articles and a
// concept to mark with.
type lesson struct {
	st       Store
	teacher  framing.User
	event    framing.Event
	articles []framing.Article
	concept  int64
}

func newLesson(t *testing.T, st Store) lesson {
	t.Helper()
	teacher, err := st.CreateUser(context.Background(), "teacher", "hash", framing.RoleTeacher)
	check(t, err)
	l := lesson{st: st, teacher: teacher, event: newEvent(t, st, "Summit")}
	for i, outlet := range []string{"Wire", "Courier", "Herald"} {
		l.articles = append(l.articles, addArticle(t, st, l.event.ID, article(outlet, body(i))))
	}
	l.concept = createLexicon(t, st, sampleLexicon("armenia")).Concepts[0].ID
	return l
}

// codes draws the given codes in turn.
func codes(list ...string) func() (string, error) {
	return func() (string, error) {
		if len(list) == 0 {
			return "", errors.New("no more codes")
		}
		c := list[0]
		list = list[1:]
		return c, nil
	}
}

func (l lesson) open(t *testing.T, code string, articles ...int64) classroom.Session {
	t.Helper()
	cs, err := l.st.CreateClassSession(context.Background(), classroom.SessionInput{EventID: l.event.ID, TeacherID: l.teacher.ID,
		Title: "Lesson", ArticleIDs: articles}, codes(code))
	check(t, err)
	return cs
}

func (l lesson) join(t *testing.T, cs classroom.Session, nickname string) classroom.Student {
	t.Helper()
	s, err := l.st.JoinClassSession(context.Background(), cs.ID, nickname, "token-"+nickname+"-"+cs.Code)
	check(t, err)
	return s
}

func classSessions(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("Sessions", func(t *testing.T) {
		l := newLesson(t, open(t))
		st := l.st
		a := l.articles
		before := time.Now()
		cs, err := st.CreateClassSession(ctx, classroom.SessionInput{EventID: l.event.ID, TeacherID: l.teacher.ID,
			Title: "Lesson one", Blind: true, ArticleIDs: []int64{a[2].ID, a[0].ID}}, codes("ABCD1234"))
		check(t, err)
		if cs.ID == 0 || cs.Code != "ABCD1234" || cs.Phase != classroom.PhaseMarking || !cs.Blind || cs.LastArticleID != a[2].ID ||
			cs.ExpiresAt.Before(before.Add(classroom.SessionLifetime-time.Minute)) || cs.ExpiresAt.After(time.Now().Add(classroom.SessionLifetime+time.Minute)) {
			t.Errorf("opened %+v: want the code, marking, blind, the newest article id and a lifetime ahead", cs)
		}
		got, err := st.ClassSession(ctx, cs.ID)
		check(t, err)
		if got.Title != "Lesson one" || got.EventID != l.event.ID || got.TeacherID != l.teacher.ID || !slices.Equal(got.ArticleIDs, []int64{a[2].ID, a[0].ID}) ||
			got.LastArticleID != a[2].ID || !got.Blind || got.Code != "ABCD1234" {
			t.Errorf("loaded %+v, want the articles in the order chosen", got)
		}
		if !got.ExpiresAt.Equal(cs.ExpiresAt) && got.ExpiresAt.Sub(cs.ExpiresAt).Abs() > time.Second {
			t.Errorf("expires %v, opened with %v", got.ExpiresAt, cs.ExpiresAt)
		}
		_, err = st.ClassSession(ctx, 999)
		wantError(t, err, framing.ENotFound, "")

		byCode, err := st.ClassSessionByCode(ctx, "ABCD1234")
		check(t, err)
		if byCode.ID != cs.ID || len(byCode.ArticleIDs) != 2 {
			t.Errorf("by code: %+v", byCode)
		}
		_, err = st.ClassSessionByCode(ctx, "ZZZZ9999")
		wantError(t, err, framing.ENotFound, "code")

		// A code in use is drawn again; once closed it is free.
		second, err := st.CreateClassSession(ctx, classroom.SessionInput{EventID: l.event.ID, TeacherID: l.teacher.ID, Title: "Two"},
			codes("ABCD1234", "EFGH5678"))
		check(t, err)
		if second.Code != "EFGH5678" {
			t.Errorf("second session's code %q, want the code not in use", second.Code)
		}
		check(t, st.SetClassPhase(ctx, cs.ID, classroom.PhaseReveal))
		if got, _ := st.ClassSession(ctx, cs.ID); got.Phase != classroom.PhaseReveal {
			t.Errorf("phase %q, want reveal", got.Phase)
		}
		check(t, st.SetClassPhase(ctx, cs.ID, classroom.PhaseClosed))
		_, err = st.ClassSessionByCode(ctx, "ABCD1234")
		wantError(t, err, framing.ENotFound, "code")
		third := l.open(t, "ABCD1234")
		if byCode, err := st.ClassSessionByCode(ctx, "ABCD1234"); err != nil || byCode.ID != third.ID {
			t.Errorf("the reused code finds %+v, %v; want session %d", byCode, err, third.ID)
		}
		_, err = st.CreateClassSession(ctx, classroom.SessionInput{EventID: l.event.ID, TeacherID: l.teacher.ID, Title: "Four"},
			codes("EFGH5678"))
		if err == nil {
			t.Error("a session opened with no free code")
		}

		other, err := st.CreateUser(ctx, "other", "hash", framing.RoleTeacher)
		check(t, err)
		mine, err := st.TeacherSessions(ctx, l.teacher.ID)
		check(t, err)
		var ids []int64
		for _, s := range mine {
			ids = append(ids, s.ID)
		}
		if !slices.Equal(ids, []int64{third.ID, second.ID, cs.ID}) {
			t.Errorf("teacher's sessions %v, want newest first %v", ids, []int64{third.ID, second.ID, cs.ID})
		}
		if theirs, err := st.TeacherSessions(ctx, other.ID); err != nil || len(theirs) != 0 {
			t.Errorf("another teacher's sessions: %v, %v", theirs, err)
		}
	})
	t.Run("Students", func(t *testing.T) {
		l := newLesson(t, open(t))
		st := l.st
		cs := l.open(t, "ABCD1234")
		other := l.open(t, "EFGH5678")
		eva, err := st.JoinClassSession(ctx, cs.ID, "ÉVA", "token-1")
		check(t, err)
		if eva.ID == 0 || eva.SessionID != cs.ID || eva.Nickname != "ÉVA" || eva.JoinedAt.IsZero() {
			t.Errorf("joined %+v", eva)
		}
		// Nicknames are one in a session whatever their case, in any script.
		for _, same := range []string{"éva", "E\u0301va"} {
			_, err = st.JoinClassSession(ctx, cs.ID, same, "token-"+same)
			wantError(t, err, framing.EConflict, "nickname")
			if !strings.Contains(err.Error(), "ÉVA") {
				t.Errorf("the refusal %q does not name the nickname in use", err)
			}
		}
		l.join(t, cs, "σοφια")
		_, err = st.JoinClassSession(ctx, cs.ID, "ΣΟΦΙΑ", "token-x")
		wantError(t, err, framing.EConflict, "nickname")
		l.join(t, other, "éva")
		if n, err := st.CountStudents(ctx, cs.ID); err != nil || n != 2 {
			t.Errorf("CountStudents = %d, %v; want 2", n, err)
		}
		got, err := st.StudentByToken(ctx, "token-1")
		check(t, err)
		if got.ID != eva.ID || got.SessionID != cs.ID || got.Nickname != "ÉVA" {
			t.Errorf("by token: %+v", got)
		}
		_, err = st.StudentByToken(ctx, "token-none")
		wantError(t, err, framing.EUnauthorized, "")
	})
}

func marks(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("AddListDelete", func(t *testing.T) {
		l := newLesson(t, open(t))
		st, a := l.st, l.articles
		cs := l.open(t, "ABCD1234")
		amira, ben := l.join(t, cs, "Amira"), l.join(t, cs, "Ben")
		mark := func(s classroom.Student, article framing.Article, start, end int, concept int64) classroom.Mark {
			t.Helper()
			m, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: s.ID, ArticleID: article.ID,
				Span: framing.Span{Start: start, End: end}, Text: article.Body[start:end], ConceptID: concept, Note: "why"}, 10)
			check(t, err)
			return m
		}
		m1 := mark(amira, a[1], 10, 14, l.concept)
		m2 := mark(ben, a[0], 0, 4, 0)
		m3 := mark(amira, a[0], 20, 25, 0)
		m4 := mark(amira, a[0], 5, 9, 0)
		if m1.ID == 0 || m1.CreatedAt.IsZero() || m1.ConceptID != l.concept {
			t.Errorf("added %+v", m1)
		}
		_, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: amira.ID, ArticleID: a[1].ID, Span: framing.Span{Start: 10, End: 14}, Text: "x"}, 10)
		wantError(t, err, framing.EConflict, "start")

		all, err := st.SessionMarks(ctx, cs.ID)
		check(t, err)
		if got := markIDs(all); !slices.Equal(got, []int64{m1.ID, m2.ID, m3.ID, m4.ID}) {
			t.Errorf("session marks %v, want oldest first", got)
		}
		if all[0].Nickname != "Amira" || all[1].Nickname != "Ben" || all[0].Text != a[1].Body[10:14] || all[0].Note != "why" || all[1].ConceptID != 0 {
			t.Errorf("session marks %+v, want nicknames and fields as added", all)
		}
		own, err := st.StudentMarks(ctx, amira.ID)
		check(t, err)
		// In text order: by article, then by where they start.
		want := []int64{m4.ID, m3.ID, m1.ID}
		if a[1].ID < a[0].ID {
			want = []int64{m1.ID, m4.ID, m3.ID}
		}
		if got := markIDs(own); !slices.Equal(got, want) {
			t.Errorf("student marks %v, want %v", got, want)
		}
		wantError(t, st.DeleteMark(ctx, ben.ID, m1.ID), framing.ENotFound, "")
		check(t, st.DeleteMark(ctx, amira.ID, m1.ID))
		wantError(t, st.DeleteMark(ctx, amira.ID, m1.ID), framing.ENotFound, "")
		if own, _ := st.StudentMarks(ctx, amira.ID); len(own) != 2 {
			t.Errorf("%d marks after deleting one, want 2", len(own))
		}
	})
	t.Run("CountAndConcepts", func(t *testing.T) {
		l := newLesson(t, open(t))
		st, a := l.st, l.articles
		cs := l.open(t, "COUNT123")
		amira, ben := l.join(t, cs, "Amira"), l.join(t, cs, "Ben")
		for i := range 3 {
			_, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: amira.ID, ArticleID: a[0].ID,
				Span: framing.Span{Start: i * 5, End: i*5 + 4}, Text: a[0].Body[i*5 : i*5+4]}, 10)
			check(t, err)
		}
		for s, want := range map[int64]int{amira.ID: 3, ben.ID: 0, 1 << 40: 0} {
			if n, err := st.CountStudentMarks(ctx, s); err != nil || n != want {
				t.Errorf("CountStudentMarks(%d) = %d, %v; want %d", s, n, err, want)
			}
		}
		topic := createLexicon(t, st, topicLexicon("karabakh", "Stepanakert")).Concepts[0].ID
		for _, c := range []struct {
			concept int64
			topics  []string
			want    bool
		}{
			{l.concept, nil, true},              // a general lexicon's concept applies to any event
			{topic, nil, false},                 // a topic's only where the topic is chosen
			{topic, []string{"karabakh"}, true}, //
			{topic, []string{"gaza", "ukraine"}, false},
			{1 << 40, []string{"karabakh"}, false}, // no such concept
		} {
			if in, err := st.ConceptInLexicons(ctx, c.concept, c.topics); err != nil || in != c.want {
				t.Errorf("ConceptInLexicons(%d, %q) = %v, %v; want %v", c.concept, c.topics, in, err, c.want)
			}
		}
	})
	t.Run("Limit", func(t *testing.T) {
		l := newLesson(t, open(t))
		st, a := l.st, l.articles[0]
		cs := l.open(t, "ABCD1234")
		s := l.join(t, cs, "Amira")
		// Many marks at once never slip past the limit.
		const limit, tries = 3, 12
		var wg sync.WaitGroup
		errs := make([]error, tries)
		for i := range tries {
			wg.Go(func() {
				_, errs[i] = st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: s.ID, ArticleID: a.ID,
					Span: framing.Span{Start: i, End: i + 1}, Text: a.Body[i : i+1]}, limit)
			})
		}
		wg.Wait()
		added := 0
		for _, err := range errs {
			if err == nil {
				added++
				continue
			}
			wantError(t, err, framing.EConflict, "")
		}
		if own, _ := st.StudentMarks(ctx, s.ID); added != limit || len(own) != limit {
			t.Errorf("%d marks added, %d stored; want the limit, %d", added, len(own), limit)
		}
	})
	t.Run("ClosedSessionTakesNone", func(t *testing.T) {
		l := newLesson(t, open(t))
		st, a := l.st, l.articles[0]
		cs := l.open(t, "ABCD1234")
		s := l.join(t, cs, "Amira")
		m, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: s.ID, ArticleID: a.ID, Span: framing.Span{Start: 0, End: 4}, Text: a.Body[:4]}, 10)
		check(t, err)
		check(t, st.SetClassPhase(ctx, cs.ID, classroom.PhaseClosed))
		_, err = st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: s.ID, ArticleID: a.ID, Span: framing.Span{Start: 5, End: 9}, Text: a.Body[5:9]}, 10)
		wantError(t, err, framing.EConflict, "")
		wantError(t, st.DeleteMark(ctx, s.ID, m.ID), framing.ENotFound, "")
		if own, _ := st.StudentMarks(ctx, s.ID); len(own) != 1 {
			t.Errorf("%d marks in the closed session, want 1", len(own))
		}
	})
	t.Run("WhatTheyPointAtGoes", func(t *testing.T) {
		l := newLesson(t, open(t))
		st, a := l.st, l.articles
		cs := l.open(t, "ABCD1234", a[0].ID, a[1].ID)
		s := l.join(t, cs, "Amira")
		for _, x := range a[:2] {
			_, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: s.ID, ArticleID: x.ID, Span: framing.Span{Start: 0, End: 4},
				Text: x.Body[:4], ConceptID: l.concept}, 10)
			check(t, err)
		}
		// A deleted concept leaves its marks as "just loaded".
		lex, err := st.Lexicons(ctx)
		check(t, err)
		check(t, st.DeleteConcept(ctx, lex[0].ID, l.concept))
		// A deleted article takes its marks and its place in the session.
		check(t, st.DeleteArticle(ctx, a[0].ID))
		own, err := st.StudentMarks(ctx, s.ID)
		check(t, err)
		if len(own) != 1 || own[0].ArticleID != a[1].ID || own[0].ConceptID != 0 {
			t.Errorf("marks %+v, want the one on article %d with no concept", own, a[1].ID)
		}
		if got, _ := st.ClassSession(ctx, cs.ID); !slices.Equal(got.ArticleIDs, []int64{a[1].ID}) {
			t.Errorf("session articles %v, want %v", got.ArticleIDs, []int64{a[1].ID})
		}
	})
}

func markIDs(list []classroom.Mark) []int64 {
	var ids []int64
	for _, m := range list {
		ids = append(ids, m.ID)
	}
	return ids
}
