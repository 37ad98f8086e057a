package analysis_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"framelens/analysis"
	"framelens/framing"
	"framelens/lexicons"
	"framelens/store"
)

// countingStore counts how often analyses are saved, to prove that kept
// analyses are reused.
type countingStore struct {
	*store.Store
	saves   int
	results int // event results kept
}

func (c *countingStore) SaveEventResult(ctx context.Context, eventID int64, kind, version string, data []byte) error {
	c.results++
	return c.Store.SaveEventResult(ctx, eventID, kind, version, data)
}

func (c *countingStore) SaveAnalyses(ctx context.Context, list []framing.KeptAnalysis) error {
	c.saves += len(list)
	return c.Store.SaveAnalyses(ctx, list)
}

func setup(t *testing.T) (*countingStore, *analysis.Service, []framing.Article) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		"Azerbaijan liberated Shusha in 2020, ending the Armenian occupation of the city.",
		"Azerbaijan recaptured Shushi, a city the Karabakh Armenians held since 1992.",
	} {
		if _, err := st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "O " + body[:12], Headline: "H", Language: "en", Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	articles, err := st.Articles(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: st}
	return cs, analysis.New(cs, slog.New(slog.NewTextHandler(io.Discard, nil))), articles
}

func TestTheMatcherIsCompiledOnceAndRebuiltWhenALexiconChanges(t *testing.T) {
	cs, svc, _ := setup(t)
	ctx := context.Background()
	m1, key1, err := svc.Matcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := svc.Matcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m1 != m2 {
		t.Error("the matcher was compiled twice for unchanged lexicons")
	}
	_, err = cs.CreateLexicon(ctx, framing.Lexicon{Slug: "extra", Name: "Extra", Language: "en", Concepts: []framing.Concept{{
		Slug: "c", Name: "C", Terms: []framing.Term{{Phrase: "ceasefire", Language: "en", Note: "n", SourceURL: "https://example.org"}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	m3, key3, err := svc.Matcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m3 == m1 || key3 == key1 {
		t.Fatalf("a new lexicon did not rebuild the matcher (key %q → %q)", key1, key3)
	}
	if len(m3.Analyze("The ceasefire held.").Matches) != 1 {
		t.Error("the rebuilt matcher does not know the new lexicon's term")
	}
}

func TestCompareKeepsAnalysesAndDoesNotRedoThem(t *testing.T) {
	cs, svc, articles := setup(t)
	ctx := context.Background()
	_, cmp, err := svc.Compare(ctx, articles)
	if err != nil {
		t.Fatal(err)
	}
	if cs.saves != 2 {
		t.Fatalf("first comparison saved %d analyses, want 2", cs.saves)
	}
	var row *framing.Row
	for i := range cmp.Rows {
		if cmp.Rows[i].Concept.Slug == "changes-2020" {
			row = &cmp.Rows[i]
		}
	}
	if row == nil || !row.Differs || row.Cells[0].Terms[0].Term.Phrase != "liberated" || row.Cells[1].Terms[0].Term.Phrase != "recaptured" {
		t.Fatalf("changes-2020 row = %+v", row)
	}
	_, again, err := svc.Compare(ctx, articles)
	if err != nil {
		t.Fatal(err)
	}
	if cs.saves != 2 {
		t.Errorf("second comparison analysed again: %d saves", cs.saves)
	}
	if len(again.Rows) != len(cmp.Rows) {
		t.Errorf("kept analyses gave %d rows, fresh ones %d", len(again.Rows), len(cmp.Rows))
	}
}

func TestRefreshReanalysesStoredArticlesInTheBackground(t *testing.T) {
	cs, svc, articles := setup(t)
	defer svc.Close()
	ctx := context.Background()
	_, key, err := svc.Matcher(ctx)
	if err != nil {
		t.Fatal(err)
	}
	topics, err := svc.EventTopics(ctx, articles[0].EventID)
	if err != nil {
		t.Fatal(err)
	}
	svc.Refresh()
	waitFor(t, func() bool {
		kept, err := cs.Analyses(ctx, analysis.ScopeKey(key, topics.Slugs), articles[:2])
		return err == nil && len(kept) == 2
	})
	lexs, err := cs.Lexicons(ctx)
	if err != nil {
		t.Fatal(err)
	}
	term := lexs[0].Concepts[0].Terms[0]
	term.Note += " Edited."
	if err := cs.UpdateTerm(ctx, lexs[0].ID, term); err != nil {
		t.Fatal(err)
	}
	newKey, err := cs.LexiconKey(ctx)
	if err != nil || newKey == key {
		t.Fatalf("an edit did not change the lexicon key (%v)", err)
	}
	svc.Refresh()
	waitFor(t, func() bool {
		kept, err := cs.Analyses(ctx, analysis.ScopeKey(newKey, topics.Slugs), articles[:2])
		return err == nil && len(kept) == 2
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	// A bound for a hung worker, not a speed: a loaded machine takes
	// well under a second.
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("the background re-analysis did not finish within 2 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
