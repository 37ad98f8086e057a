package store_test

import (
	"context"
	"reflect"
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

func TestShippedLexiconsRoundTripThroughTheDatabase(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	added, err := st.SeedLexicons(ctx, shipped)
	if err != nil || added != len(shipped) {
		t.Fatalf("SeedLexicons = %d, %v; want %d", added, err, len(shipped))
	}
	loaded, err := st.Lexicons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(loaded) != len(shipped) {
		t.Fatalf("loaded %d lexicons, want %d", len(loaded), len(shipped))
	}
	for i := range shipped {
		if loaded[i].ID == 0 || loaded[i].Version != 1 {
			t.Errorf("lexicon %s: id %d version %d", loaded[i].Slug, loaded[i].ID, loaded[i].Version)
		}
		clearIDs(&loaded[i])
		want := shipped[i]
		want.Version = 1
		for ci := range want.Concepts {
			for ti := range want.Concepts[ci].Terms {
				tm := &want.Concepts[ci].Terms[ti]
				tm.Match = tm.MatchMode()
				if tm.Variants == nil {
					tm.Variants = []string{}
				}
			}
		}
		if !reflect.DeepEqual(loaded[i], want) {
			t.Errorf("lexicon %s changed on the way through the database:\n got %+v\nwant %+v", want.Slug, loaded[i], want)
		}
	}
}

func clearIDs(l *framing.Lexicon) {
	l.ID = 0
	for i := range l.Perspectives {
		l.Perspectives[i].ID = 0
	}
	for ci := range l.Concepts {
		l.Concepts[ci].ID = 0
		for ti := range l.Concepts[ci].Terms {
			l.Concepts[ci].Terms[ti].ID = 0
		}
	}
}

func TestSeedingLexiconsTwiceAddsThemOnce(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	key, err := st.LexiconKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	added, err := st.SeedLexicons(ctx, shipped)
	if err != nil || added != 0 {
		t.Fatalf("second seed added %d (%v)", added, err)
	}
	again, err := st.LexiconKey(ctx)
	if err != nil || again != key {
		t.Errorf("lexicon key changed from %q to %q (%v)", key, again, err)
	}
}

func TestAnInvalidLexiconIsRefusedWhole(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	lex := framing.Lexicon{Slug: "bad", Name: "Bad", Concepts: []framing.Concept{{Slug: "c", Name: "C", Terms: []framing.Term{
		{Phrase: "fine", Language: "en", Note: "n", SourceURL: "https://example.org"},
		{Phrase: "no source", Language: "en", Note: "n"},
	}}}}
	if _, err := st.CreateLexicon(ctx, lex); framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("CreateLexicon = %v, want invalid", err)
	}
	lex.Concepts[0].Terms[1] = framing.Term{Phrase: "Fine ", Language: "en", Note: "n", SourceURL: "https://example.org"}
	if _, err := st.CreateLexicon(ctx, lex); framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("CreateLexicon with a duplicate term = %v, want invalid", err)
	}
	// A second lexicon with a taken slug fails in the database, after its
	// first rows were written: none of them may stay.
	lex.Concepts[0].Terms = lex.Concepts[0].Terms[:1]
	if _, err := st.CreateLexicon(ctx, lex); err != nil {
		t.Fatal(err)
	}
	lex.Name = "Another"
	if _, err := st.CreateLexicon(ctx, lex); framing.ErrorCode(err) != framing.EConflict {
		t.Fatalf("CreateLexicon with a taken slug = %v, want conflict", err)
	}
	loaded, err := st.Lexicons(ctx)
	if err != nil || len(loaded) != 1 || loaded[0].Name != "Bad" {
		t.Errorf("after a refused lexicon: %+v (%v)", loaded, err)
	}
}

func TestAnalysesAreKeptPerLexiconKeyAndOldOnesPruned(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "E"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "O", Headline: "H", Language: "en", Body: "Stepanakert is the main city of the region."})
	if err != nil {
		t.Fatal(err)
	}
	matches := []framing.Match{{Span: framing.Span{Start: 0, End: 11}, Surface: "Stepanakert",
		Ref: framing.TermRef{Lexicon: 0, Concept: 1, Term: 0}, Voice: framing.VoiceScare, Sentence: 0}}
	if err := st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "1:1", Article: a, Matches: matches}}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Analyses(ctx, "1:1", []framing.Article{a, {ID: 999}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got[a.ID], matches) || len(got) != 1 {
		t.Errorf("kept analysis = %+v", got)
	}
	if err := st.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "1:2", Article: a}}); err != nil {
		t.Fatal(err)
	}
	old, err := st.Analyses(ctx, "1:1", []framing.Article{a})
	if err != nil || len(old) != 0 {
		t.Errorf("the analysis under the old key was not pruned: %+v (%v)", old, err)
	}
	fresh, err := st.Analyses(ctx, "1:2", []framing.Article{a})
	if err != nil || len(fresh) != 1 || len(fresh[a.ID]) != 0 {
		t.Errorf("an empty analysis must be kept as empty, got %+v (%v)", fresh, err)
	}
}
