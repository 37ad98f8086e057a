package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"framelens/framing"
)

// matchesIn are two matches in text: its first word and its last but one.
func matchesIn(text string) []framing.Match {
	return []framing.Match{
		{Span: framing.Span{Start: 0, End: 4}, Ref: framing.TermRef{Lexicon: 1, Concept: 2, Term: 3}, Voice: framing.VoiceOwn},
		{Span: framing.Span{Start: len(text) - 8, End: len(text) - 1}, Ref: framing.TermRef{Lexicon: 0, Concept: 1, Term: 0},
			Voice: framing.VoiceQuoted, Sentence: 1},
	}
}

func analyses(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	setup := func(t *testing.T) (Store, []framing.Article) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		b := addArticle(t, st, ev.ID, article("Courier", body(2)))
		return st, []framing.Article{a, b}
	}
	kept := func(t *testing.T, st Store, key string, list []framing.Article) map[int64][]framing.Match {
		t.Helper()
		got, err := st.Analyses(ctx, key, list)
		check(t, err)
		return got
	}
	t.Run("KeptPerLexiconKey", func(t *testing.T) {
		st, list := setup(t)
		a, b := list[0], list[1]
		if got := kept(t, st, "1:1", list); len(got) != 0 {
			t.Fatalf("analyses before any was saved: %v", got)
		}
		check(t, st.SaveAnalyses(ctx, nil))
		check(t, st.SaveAnalyses(ctx, []framing.KeptAnalysis{
			{Key: "1:1", Article: a, Matches: matchesIn(a.Body)},
			{Key: "1:1|karabakh", Article: b, Matches: nil},
		}))
		got := kept(t, st, "1:1", list)
		want := matchesIn(a.Body)
		want[0].Surface, want[1].Surface = a.Body[0:4], a.Body[len(a.Body)-8:len(a.Body)-1]
		if len(got) != 1 || !slices.Equal(got[a.ID], want) {
			t.Errorf("under 1:1: %+v, want only article %d's matches with their surfaces %+v", got, a.ID, want)
		}
		// An analysis that found nothing is kept too: the article need not
		// be analysed again.
		if got := kept(t, st, "1:1|karabakh", list); len(got) != 1 || len(got[b.ID]) != 0 {
			t.Errorf("under 1:1|karabakh: %+v, want article %d's empty analysis", got, b.ID)
		} else if _, ok := got[b.ID]; !ok {
			t.Errorf("an analysis with no matches is not kept: %+v", got)
		}
		if got := kept(t, st, "1:2", list); len(got) != 0 {
			t.Errorf("under another key: %+v", got)
		}
		if got := kept(t, st, "1:1", list[1:]); len(got) != 0 {
			t.Errorf("asked for article %d only, got %+v", b.ID, got)
		}
		// Saving again under the same key replaces.
		check(t, st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "1:1", Article: a, Matches: want[:1]}}))
		if got := kept(t, st, "1:1", list); len(got[a.ID]) != 1 {
			t.Errorf("after saving again: %+v", got)
		}
	})
	t.Run("OnlyForTheTextAnalysed", func(t *testing.T) {
		st, list := setup(t)
		a, b := list[0], list[1]
		check(t, st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "k", Article: a, Matches: matchesIn(a.Body)}, {Key: "k", Article: b}}))
		// An edit drops the article's analyses.
		edited, err := st.UpdateArticle(ctx, a.ID, 0, article("Wire", body(3)))
		check(t, err)
		if got := kept(t, st, "k", []framing.Article{edited, b}); len(got) != 1 {
			t.Errorf("after an edit: %+v, want only article %d's", got, b.ID)
		}
		// An analysis of the old text, finished after the edit, is not kept.
		check(t, st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "k", Article: a, Matches: matchesIn(a.Body)}}))
		if got := kept(t, st, "k", []framing.Article{edited}); len(got) != 0 {
			t.Errorf("an analysis of the old text was kept: %+v", got)
		}
		// A removed article's analyses go, and one saved late is not kept.
		check(t, st.DeleteArticle(ctx, b.ID))
		check(t, st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "k", Article: b}}))
		if got := kept(t, st, "k", []framing.Article{b}); len(got) != 0 {
			t.Errorf("a removed article has analyses: %+v", got)
		}
	})
}

func eventResults(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	st := open(t)
	ev := newEvent(t, st, "Summit")
	other := newEvent(t, st, "Other")
	result := func(id int64, kind, version string) ([]byte, bool) {
		t.Helper()
		data, ok, err := st.EventResult(ctx, id, kind, version)
		check(t, err)
		return data, ok
	}
	if data, ok := result(ev.ID, "alignments", "3|1:1"); ok || data != nil {
		t.Fatalf("a result before any was kept: %q", data)
	}
	check(t, st.SaveEventResult(ctx, ev.ID, "alignments", "3|1:1", []byte{0, 1, 2, 255}))
	check(t, st.SaveEventResult(ctx, ev.ID, "distinctive:7", "3|1:1", []byte("words")))
	if data, ok := result(ev.ID, "alignments", "3|1:1"); !ok || string(data) != "\x00\x01\x02\xff" {
		t.Errorf("kept %q, %v; want the bytes saved", data, ok)
	}
	if _, ok := result(ev.ID, "alignments", "4|1:1"); ok {
		t.Error("a result of another version was returned")
	}
	if _, ok := result(other.ID, "alignments", "3|1:1"); ok {
		t.Error("another event's result was returned")
	}
	// A newer version replaces the older one.
	check(t, st.SaveEventResult(ctx, ev.ID, "alignments", "4|1:1", []byte("new")))
	if data, ok := result(ev.ID, "alignments", "4|1:1"); !ok || string(data) != "new" {
		t.Errorf("after a newer version: %q, %v", data, ok)
	}
	if _, ok := result(ev.ID, "alignments", "3|1:1"); ok {
		t.Error("the older version is still kept")
	}
	if data, ok := result(ev.ID, "distinctive:7", "3|1:1"); !ok || string(data) != "words" {
		t.Errorf("another kind: %q, %v", data, ok)
	}
	// Nothing is kept for an event that does not exist.
	check(t, st.SaveEventResult(ctx, 999, "alignments", "1", []byte("x")))
	if _, ok := result(999, "alignments", "1"); ok {
		t.Error("a result was kept for an event that does not exist")
	}
}

func corpus(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("VersionGrowsWithTheTexts", func(t *testing.T) {
		st := open(t)
		v := get(t, st.CorpusVersion)
		grew := func(what string) {
			t.Helper()
			if now := get(t, st.CorpusVersion); now <= v {
				t.Errorf("after %s the corpus version is %d, was %d", what, now, v)
			} else {
				v = now
			}
		}
		ev := newEvent(t, st, "Summit")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		grew("an article added")
		_, err := st.UpdateArticle(ctx, a.ID, 0, article("Wire", body(2)))
		check(t, err)
		grew("a text changed")
		_, err = st.UpdateArticle(ctx, a.ID, 0, article("Courier", body(2)))
		check(t, err)
		grew("an article's outlet changed")
		check(t, st.DeleteArticle(ctx, a.ID))
		grew("an article removed")
		_, err = st.ImportArticles(ctx, ev.ID, lines(article("Wire", body(3))), nil)
		check(t, err)
		grew("an article imported")
		if now := get(t, st.CorpusVersion); now != v {
			t.Errorf("reading changed the corpus version from %d to %d", v, now)
		}
	})
	t.Run("EachArticle", func(t *testing.T) {
		st := open(t)
		ev := newEvent(t, st, "Summit")
		other := newEvent(t, st, "Other")
		a := addArticle(t, st, ev.ID, article("Wire", body(1)))
		b := addArticle(t, st, other.ID, article("Courier", body(2)))
		c := addArticle(t, st, ev.ID, article("wire", body(3)))
		each := func(outlet string) []int64 {
			t.Helper()
			var ids []int64
			check(t, st.EachArticle(ctx, outlet, func(x framing.Article) error {
				if x.Body == "" || x.Outlet == "" {
					t.Errorf("article %+v is not whole", x)
				}
				ids = append(ids, x.ID)
				return nil
			}))
			return ids
		}
		if got := each(""); !slices.Equal(got, []int64{a.ID, b.ID, c.ID}) {
			t.Errorf("every article: %v, want %v in the order stored", got, []int64{a.ID, b.ID, c.ID})
		}
		if got := each("WIRE "); !slices.Equal(got, []int64{a.ID, c.ID}) {
			t.Errorf("the outlet's articles: %v, want %v", got, []int64{a.ID, c.ID})
		}
		if got := each("Nobody"); len(got) != 0 {
			t.Errorf("an unknown outlet's articles: %v", got)
		}
		stop := errors.New("stop")
		n := 0
		err := st.EachArticle(ctx, "", func(framing.Article) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("fn's error: %v after %d calls, want it returned after the first", err, n)
		}
	})
}
