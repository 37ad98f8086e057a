package store_test

import (
	"context"
	"testing"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/store"
)

// mustJoin adds a student to a session.
func mustJoin(t *testing.T, st *store.Store, sessionID int64, nickname string) classroom.Student {
	t.Helper()
	s, err := st.JoinClassSession(context.Background(), sessionID, nickname, "hash-"+nickname)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCountStudentMarksCountsOneStudentsMarksOnly(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	cs, a := classFixture(t, st)
	anna, ben := mustJoin(t, st, cs.ID, "Anna"), mustJoin(t, st, cs.ID, "Ben")
	for _, sp := range []framing.Span{{Start: 0, End: 4}, {Start: 5, End: 9}} {
		if _, err := st.AddMark(ctx, classroom.Mark{SessionID: cs.ID, StudentID: anna.ID, ArticleID: a.ID, Span: sp,
			Text: a.Body[sp.Start:sp.End]}, 300); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := st.CountStudentMarks(ctx, anna.ID); err != nil || n != 2 {
		t.Errorf("Anna's marks: %d, %v; want 2", n, err)
	}
	if n, err := st.CountStudentMarks(ctx, ben.ID); err != nil || n != 0 {
		t.Errorf("Ben's marks: %d, %v; want 0", n, err)
	}
}

func TestAConceptIsInTheGeneralLexiconsAndTheNamedTopicsOnly(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	term := framing.Term{Phrase: "said", Language: "en", Note: "n", SourceURL: "https://example.org"}
	general, err := st.CreateLexicon(ctx, framing.Lexicon{Slug: "attribution", Name: "Attribution",
		Concepts: []framing.Concept{{Slug: "say", Name: "Say", Terms: []framing.Term{term}}}})
	if err != nil {
		t.Fatal(err)
	}
	term.Phrase = "occupied"
	topic, err := st.CreateLexicon(ctx, framing.Lexicon{Slug: "karabakh", Name: "Karabakh", Scope: framing.ScopeTopic,
		Anchors: []string{"Karabakh"}, Concepts: []framing.Concept{{Slug: "status", Name: "Status", Terms: []framing.Term{term}}}})
	if err != nil {
		t.Fatal(err)
	}
	say, status := general.Concepts[0].ID, topic.Concepts[0].ID
	for _, c := range []struct {
		concept int64
		topics  []string
		want    bool
	}{
		{say, nil, true},
		{say, []string{"karabakh"}, true},
		{status, nil, false},
		{status, []string{"other"}, false},
		{status, []string{"other", "karabakh"}, true},
		{status + say + 100, []string{"karabakh"}, false},
	} {
		got, err := st.ConceptInLexicons(ctx, c.concept, c.topics)
		if err != nil || got != c.want {
			t.Errorf("concept %d with topics %q: %v, %v; want %v", c.concept, c.topics, got, err, c.want)
		}
	}
}
