package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/store"
)

// articleFixture is a store with one event and Reuters's article in it.
func articleFixture(t *testing.T) (*store.Store, framing.Event, framing.Article) {
	t.Helper()
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	return st, ev, mustAddArticle(t, st, ev.ID, articleInput("Reuters", sampleBody))
}

// mustSaveAnalysis keeps a one-match analysis of a under key.
func mustSaveAnalysis(t *testing.T, st *store.Store, key string, a framing.Article) {
	t.Helper()
	m := []framing.Match{{Span: framing.Span{Start: 0, End: 3}, Surface: a.Body[:3]}}
	if err := st.SaveAnalyses(context.Background(), []framing.KeptAnalysis{{Key: key, Article: a, Matches: m}}); err != nil {
		t.Fatalf("SaveAnalyses(%d): %v", a.ID, err)
	}
}

// keptAnalyses is the ids among ids that have an analysis kept under key.
func keptAnalyses(t *testing.T, st *store.Store, key string, ids ...int64) []int64 {
	t.Helper()
	var articles []framing.Article
	for _, id := range ids {
		if a, err := st.Article(context.Background(), id); err == nil {
			articles = append(articles, a)
		}
	}
	got, err := st.Analyses(context.Background(), key, articles)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, id := range ids {
		if _, ok := got[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

func TestArticleLoadsOneArticleOrIsNotFound(t *testing.T) {
	st, _, a := articleFixture(t)
	ctx := context.Background()
	got, err := st.Article(ctx, a.ID)
	if err != nil || got != a {
		t.Errorf("Article(%d) = %+v, %v; want %+v", a.ID, got, err, a)
	}
	_, err = st.Article(ctx, a.ID+1)
	if framing.ErrorCode(err) != framing.ENotFound || !strings.Contains(framing.ErrorMessage(err), "no article") {
		t.Errorf("missing article: %v, want not found", err)
	}
}

func TestUpdateArticleReplacesEveryFieldAndKeepsItsIDAndTime(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()
	in := framing.ArticleInput{Outlet: "  Ostravia  Wire ", Headline: " Dam opens ", Byline: "Staff", URL: "https://example.org/dam",
		Published: "2024-05-07", Language: "EN-GB", Body: "The new dam opened on Tuesday.\r\nIt took six years.", Illustrative: true}
	got, err := st.UpdateArticle(ctx, a.ID, 0, in)
	if err != nil {
		t.Fatal(err)
	}
	want := framing.Article{ID: a.ID, EventID: ev.ID, Outlet: "Ostravia Wire", Headline: "Dam opens", Byline: "Staff",
		URL: "https://example.org/dam", Published: "2024-05-07", Language: "en-gb",
		Body: "The new dam opened on Tuesday.\nIt took six years.", Illustrative: true, CreatedAt: a.CreatedAt}
	if got != want {
		t.Errorf("UpdateArticle returned\n %+v\nwant\n %+v", got, want)
	}
	if list := mustListArticles(t, st, ev.ID); len(list) != 1 || list[0] != want {
		t.Errorf("stored: %+v", list)
	}
}

func TestUpdateArticleRecomputesTheFingerprint(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()
	edited := sampleBody + " Edited."
	if _, err := st.UpdateArticle(ctx, a.ID, 0, articleInput("Reuters", edited)); err != nil {
		t.Fatal(err)
	}
	// The old text is free again, the new one is taken.
	mustAddArticle(t, st, ev.ID, articleInput("TASS", sampleBody))
	_, err := st.AddArticle(ctx, ev.ID, articleInput("TASS", strings.ToUpper(edited)))
	if framing.ErrorCode(err) != framing.EConflict {
		t.Errorf("adding the edited text again: %v, want a conflict", err)
	}
}

func TestUpdateArticleRefusesATextAnotherArticleInTheEventHas(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()
	b := mustAddArticle(t, st, ev.ID, articleInput("TASS", sampleBody+" Other."))
	_, err := st.UpdateArticle(ctx, b.ID, 0, articleInput("TASS", " "+sampleBody))
	if framing.ErrorCode(err) != framing.EConflict || appError(t, err).Field() != "body" {
		t.Fatalf("error %v, want a conflict on body", err)
	}
	if got, _ := st.Article(ctx, b.ID); got != b {
		t.Errorf("a refused edit changed the article: %+v", got)
	}
	// Saving an article with its own text unchanged is no conflict.
	if _, err := st.UpdateArticle(ctx, a.ID, ev.ID, articleInput("Reuters", sampleBody)); err != nil {
		t.Errorf("saving unchanged: %v", err)
	}
}

func TestUpdateArticleDropsItsKeptAnalysesOnly(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()
	b := mustAddArticle(t, st, ev.ID, articleInput("TASS", sampleBody+" Other."))
	mustSaveAnalysis(t, st, "1:1", a)
	mustSaveAnalysis(t, st, "1:1", b)

	if _, err := st.UpdateArticle(ctx, a.ID, 0, articleInput("Reuters", "Edited: "+sampleBody)); err != nil {
		t.Fatal(err)
	}
	if got := keptAnalyses(t, st, "1:1", a.ID, b.ID); !slices.Equal(got, []int64{b.ID}) {
		t.Errorf("analyses kept for %v, want only the unedited article %d", got, b.ID)
	}
	// A page that read the article before the edit saves its analysis of
	// the old text late: it must not be kept.
	mustSaveAnalysis(t, st, "1:1", a)
	if got := keptAnalyses(t, st, "1:1", a.ID); len(got) != 0 {
		t.Error("an analysis of the text before the edit was kept")
	}
	edited, _ := st.Article(ctx, a.ID)
	mustSaveAnalysis(t, st, "1:1", edited)
	if got := keptAnalyses(t, st, "1:1", a.ID); len(got) != 1 {
		t.Error("the analysis of the edited text was not kept")
	}
}

func TestUpdateArticleMovesItToAnotherEvent(t *testing.T) {
	st, from, a := articleFixture(t)
	ctx := context.Background()
	to := mustCreateEvent(t, st, framing.EventInput{Title: "To"})
	mustSaveAnalysis(t, st, "1:1", a)

	moved, err := st.UpdateArticle(ctx, a.ID, to.ID, articleInput("Reuters", sampleBody))
	if err != nil {
		t.Fatal(err)
	}
	if moved.EventID != to.ID || moved.ID != a.ID {
		t.Errorf("moved = %+v, want article %d in event %d", moved, a.ID, to.ID)
	}
	if n := len(mustListArticles(t, st, from.ID)); n != 0 {
		t.Errorf("the old event still has %d articles", n)
	}
	if list := mustListArticles(t, st, to.ID); len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("the new event has %+v", list)
	}
	if got := keptAnalyses(t, st, "1:1", a.ID); len(got) != 0 {
		t.Error("the moved article kept its analysis")
	}
}

func TestMovingIntoAnEventThatHasTheTextIsAConflictAndChangesNothing(t *testing.T) {
	st, _, a := articleFixture(t)
	ctx := context.Background()
	to := mustCreateEvent(t, st, framing.EventInput{Title: "To"})
	mustAddArticle(t, st, to.ID, articleInput("TASS", sampleBody))

	_, err := st.UpdateArticle(ctx, a.ID, to.ID, articleInput("A New Outlet", sampleBody))
	if framing.ErrorCode(err) != framing.EConflict {
		t.Fatalf("error %v, want a conflict", err)
	}
	e := appError(t, err)
	if e.Field() != "event_id" || !strings.Contains(e.Message, "already has this text") {
		t.Errorf("conflict on %q: %q", e.Field(), e.Message)
	}
	if got, _ := st.Article(ctx, a.ID); got != a {
		t.Errorf("a refused move changed the article: %+v", got)
	}
	for _, o := range mustListOutlets(t, st) {
		if o.Name == "A New Outlet" {
			t.Error("a refused move left a new outlet behind")
		}
	}
}

func TestUpdateArticleOfAMissingArticleOrIntoAMissingEventIsNotFound(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()

	_, err := st.UpdateArticle(ctx, a.ID+100, 0, articleInput("Reuters", sampleBody))
	if framing.ErrorCode(err) != framing.ENotFound || !strings.Contains(framing.ErrorMessage(err), "no article") {
		t.Errorf("missing article: %v", err)
	}
	_, err = st.UpdateArticle(ctx, a.ID, ev.ID+100, articleInput("Reuters", sampleBody))
	if framing.ErrorCode(err) != framing.ENotFound || appError(t, err).Field() != "event_id" {
		t.Errorf("missing event: %v, want not found on event_id", err)
	}
	if got, _ := st.Article(ctx, a.ID); got != a {
		t.Errorf("the article changed: %+v", got)
	}
}

func TestUpdateArticleRefusesInvalidInputNamingEveryFieldAndChangesNothing(t *testing.T) {
	st, _, a := articleFixture(t)
	ctx := context.Background()
	_, err := st.UpdateArticle(ctx, a.ID, 0, framing.ArticleInput{Language: "english", Body: "short", URL: "ftp://x",
		OutletURL: "example.org", OutletCountry: strings.Repeat("ж", framing.MaxCountryChars+1)})
	if framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("error %v, want invalid", err)
	}
	want := []string{"outlet", "headline", "url", "language", "body", "outlet_country", "outlet_url"}
	if got := fieldNames(appError(t, err)); !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
	if got, _ := st.Article(ctx, a.ID); got != a {
		t.Errorf("the article changed: %+v", got)
	}
}

func TestDeleteArticleRemovesItAndItsAnalysesButNotItsOutlet(t *testing.T) {
	st, ev, a := articleFixture(t)
	ctx := context.Background()
	b := mustAddArticle(t, st, ev.ID, articleInput("TASS", sampleBody+" Other."))
	mustSaveAnalysis(t, st, "1:1", a)

	if err := st.DeleteArticle(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if list := mustListArticles(t, st, ev.ID); len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("left: %+v, want only article %d", list, b.ID)
	}
	if got := keptAnalyses(t, st, "1:1", a.ID); len(got) != 0 {
		t.Error("the deleted article's analysis is still kept")
	}
	if _, err := st.Article(ctx, a.ID); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("loading the deleted article: %v", err)
	}
	if err := st.DeleteArticle(ctx, a.ID); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("deleting it again: %v, want not found", err)
	}
	outlets := mustListOutlets(t, st)
	if len(outlets) != 2 || outlets[0].Name != "Reuters" || outlets[0].ArticleCount != 0 {
		t.Errorf("outlets %+v, want Reuters still remembered with no articles", outlets)
	}
	// Its text can be added again.
	mustAddArticle(t, st, ev.ID, articleInput("Reuters", sampleBody))
}
