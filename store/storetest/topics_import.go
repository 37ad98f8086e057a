package storetest

import (
	"context"
	"errors"
	"iter"
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

func topics(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	setup := func(t *testing.T) (Store, framing.Event) {
		st := open(t)
		createLexicon(t, st, sampleLexicon("general"))
		createLexicon(t, st, topicLexicon("karabakh", "Stepanakert"))
		createLexicon(t, st, topicLexicon("donbas", "Donetsk"))
		return st, newEvent(t, st, "Summit")
	}
	topicsOf := func(t *testing.T, st Store, id int64) framing.EventTopics {
		t.Helper()
		got, err := st.EventTopics(ctx, id)
		check(t, err)
		slices.Sort(got.Slugs)
		return got
	}
	t.Run("NewEventHasNone", func(t *testing.T) {
		st, ev := setup(t)
		if got := topicsOf(t, st, ev.ID); len(got.Slugs) != 0 || got.Chosen || got.DetectedFor != "" {
			t.Errorf("a new event's topics: %+v", got)
		}
		_, err := st.EventTopics(ctx, 999)
		wantError(t, err, framing.ENotFound, "")
	})
	t.Run("Chosen", func(t *testing.T) {
		st, ev := setup(t)
		// A general lexicon applies anyway: accepted and not kept.
		check(t, st.ChooseEventTopics(ctx, ev.ID, []string{"karabakh", "general", "donbas"}))
		got := topicsOf(t, st, ev.ID)
		if !slices.Equal(got.Slugs, []string{"donbas", "karabakh"}) || !got.Chosen || got.DetectedFor != "" {
			t.Errorf("chosen topics: %+v", got)
		}
		// An unknown slug changes nothing.
		wantError(t, st.ChooseEventTopics(ctx, ev.ID, []string{"karabakh", "nowhere"}), framing.EInvalid, "lexicons")
		if again := topicsOf(t, st, ev.ID); !slices.Equal(again.Slugs, got.Slugs) {
			t.Errorf("after a refused choice: %+v", again)
		}
		// Detection does not overrule a person's choice.
		check(t, st.SaveDetectedTopics(ctx, ev.ID, nil, "key"))
		if again := topicsOf(t, st, ev.ID); !slices.Equal(again.Slugs, got.Slugs) || !again.Chosen {
			t.Errorf("detection replaced a choice: %+v", again)
		}
		check(t, st.ChooseEventTopics(ctx, ev.ID, nil))
		if again := topicsOf(t, st, ev.ID); len(again.Slugs) != 0 || !again.Chosen {
			t.Errorf("choosing none: %+v", again)
		}
		wantError(t, st.ChooseEventTopics(ctx, 999, []string{"karabakh"}), framing.ENotFound, "")
	})
	t.Run("ResetAndDetected", func(t *testing.T) {
		st, ev := setup(t)
		check(t, st.ChooseEventTopics(ctx, ev.ID, []string{"karabakh"}))
		check(t, st.ResetEventTopics(ctx, ev.ID))
		if got := topicsOf(t, st, ev.ID); len(got.Slugs) != 0 || got.Chosen || got.DetectedFor != "" {
			t.Errorf("after a reset: %+v", got)
		}
		check(t, st.SaveDetectedTopics(ctx, ev.ID, []string{"karabakh"}, "1:1,2:1|r3"))
		if got := topicsOf(t, st, ev.ID); !slices.Equal(got.Slugs, []string{"karabakh"}) || got.Chosen || got.DetectedFor != "1:1,2:1|r3" {
			t.Errorf("detected: %+v", got)
		}
		check(t, st.SaveDetectedTopics(ctx, ev.ID, []string{"donbas"}, "k2"))
		if got := topicsOf(t, st, ev.ID); !slices.Equal(got.Slugs, []string{"donbas"}) || got.DetectedFor != "k2" {
			t.Errorf("detected again: %+v", got)
		}
		wantError(t, st.ResetEventTopics(ctx, 999), framing.ENotFound, "")
		wantError(t, st.SaveDetectedTopics(ctx, 999, nil, "k"), framing.ENotFound, "")
	})
}

// lines are import lines numbered from 1.
func lines(inputs ...framing.ArticleInput) iter.Seq[framing.ImportLine] {
	return func(yield func(framing.ImportLine) bool) {
		for i, in := range inputs {
			if !yield(framing.ImportLine{N: i + 1, Input: in}) {
				return
			}
		}
	}
}

func imports(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("ReportCounts", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		existing := addArticle(t, st, ev.ID, article("Wire", body(1)))
		unreadable := framing.FieldErrorf(framing.ETooLarge, "", "Line too long.")
		file := []framing.ImportLine{
			{N: 2, Input: article("Courier", body(2))},
			{N: 3, Input: article("Courier", body(1))}, // already in the event
			{N: 5, Input: framing.ArticleInput{Outlet: "Herald", Language: "en", Body: body(3)}},
			{N: 6, Input: article("Herald", body(2))}, // same as line 2
			{N: 7, Err: unreadable},
			{N: 9, Input: article("Herald", body(4))},
		}
		var progress []framing.ImportProgress
		report, err := st.ImportArticles(ctx, ev.ID, slices.Values(file), func(p framing.ImportProgress) { progress = append(progress, p) })
		check(t, err)
		if report.Lines != 6 || report.LastLine != 9 || report.Imported != 2 || report.StoppedAt != 0 || len(report.ArticleIDs) != 2 {
			t.Fatalf("report %+v, want 6 lines to line 9, 2 imported", report)
		}
		var refused []int
		var codes []string
		for _, p := range report.Skipped {
			refused, codes = append(refused, p.Line), append(codes, p.Code)
		}
		if !slices.Equal(refused, []int{3, 5, 6, 7}) ||
			!slices.Equal(codes, []string{framing.EConflict, framing.EInvalid, framing.EConflict, framing.ETooLarge}) {
			t.Errorf("refused lines %v with %v", refused, codes)
		}
		if !strings.Contains(report.Skipped[2].Message, "line 2") {
			t.Errorf("a text repeated in the file: %q, want it to name line 2", report.Skipped[2].Message)
		}
		if want := append([]int64{existing.ID}, report.ArticleIDs...); !slices.Equal(articleIDs(t, st, ev.ID), want) {
			t.Errorf("event holds %v, want %v (the imported in file order)", articleIDs(t, st, ev.ID), want)
		}
		last := progress[len(progress)-1]
		if len(progress) != 6 || last != (framing.ImportProgress{Line: 9, Lines: 6, Imported: 2, Refused: 4}) {
			t.Errorf("progress %+v, want one per line ending at %+v", progress, last)
		}
	})
	t.Run("MissingEventBeforeAnyLine", func(t *testing.T) {
		st := open(t)
		read := false
		seq := func(yield func(framing.ImportLine) bool) { read = true }
		_, err := st.ImportArticles(ctx, 999, seq, nil)
		wantError(t, err, framing.ENotFound, "")
		if read {
			t.Error("the lines were read for an event that does not exist")
		}
	})
	t.Run("StopsOnAnUnreadableFile", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		broken := errors.New("read error")
		file := []framing.ImportLine{{N: 1, Input: article("Wire", body(1))}, {N: 2, Err: broken}, {N: 3, Input: article("Wire", body(3))}}
		report, err := st.ImportArticles(ctx, ev.ID, slices.Values(file), nil)
		if !errors.Is(err, broken) || report.StoppedAt != 2 || report.Imported != 1 {
			t.Errorf("report %+v, err %v: want the read error, stopped at line 2 with 1 imported", report, err)
		}
		if n := len(articleIDs(t, st, ev.ID)); n != 1 {
			t.Errorf("%d articles stored, want the 1 before the error", n)
		}
	})
	t.Run("StopsWhenCancelled", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		progress := func(p framing.ImportProgress) {
			if p.Line == 2 {
				cancel()
			}
		}
		report, err := st.ImportArticles(cctx, ev.ID, lines(article("A", body(1)), article("B", body(2)), article("C", body(3))), progress)
		if !errors.Is(err, context.Canceled) || report.StoppedAt != 3 || report.Imported != 2 {
			t.Errorf("report %+v, err %v: want stopped at line 3 with 2 imported", report, err)
		}
		if n := len(articleIDs(t, st, ev.ID)); n != 2 {
			t.Errorf("%d articles stored, want 2", n)
		}
	})
}
