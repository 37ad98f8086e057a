package store_test

import (
	"context"
	"testing"

	"framelens/framing"
)

func TestCorpusVersionGrowsWithEveryStoredTextAndEachArticleReadsThemAll(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	version := func() int64 {
		t.Helper()
		v, err := st.CorpusVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := version()
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Dam opening"})
	if version() != v0 {
		t.Error("creating an event changed the corpus version")
	}
	for _, body := range []string{
		"The new dam on the river opened on Monday after six years of work and many delays.",
		"The mayor opened the dam on Monday; the river town had waited six years for it.",
	} {
		if _, err := st.AddArticle(ctx, ev.ID, framing.ArticleInput{Outlet: "Town Herald", Headline: "Dam", Language: "en", Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	if v := version(); v != v0+2 {
		t.Errorf("after two articles version %d, want %d", v, v0+2)
	}
	var bodies []string
	if err := st.EachArticle(ctx, "", func(a framing.Article) error {
		bodies = append(bodies, a.Body)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || bodies[0][:12] != "The new dam " {
		t.Errorf("EachArticle read %q", bodies)
	}
	var herald int
	if err := st.EachArticle(ctx, "town  HERALD", func(framing.Article) error { herald++; return nil }); err != nil || herald != 2 {
		t.Errorf("articles of Town Herald: %d, %v", herald, err)
	}
	if err := st.EachArticle(ctx, "Other Paper", func(framing.Article) error { t.Error("read an article of another outlet"); return nil }); err != nil {
		t.Error(err)
	}
	stop := context.Canceled
	if err := st.EachArticle(ctx, "", func(framing.Article) error { return stop }); err != stop {
		t.Errorf("EachArticle returned %v, want the callback's error", err)
	}
}
