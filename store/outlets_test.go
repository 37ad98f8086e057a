package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"framelens/framing"
)

func TestAddArticleRemembersANewOutletsCountryAndAddress(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	in := articleInput("Ostravia Wire", sampleBody)
	in.OutletCountry, in.OutletURL, in.Language = "  Ostravia ", " https://wire.example.org ", "fr"
	mustAddArticle(t, st, ev.ID, in)
	got := mustListOutlets(t, st)
	want := framing.Outlet{ID: got[0].ID, Name: "Ostravia Wire", Country: "Ostravia", Language: "fr",
		URL: "https://wire.example.org", ArticleCount: 1}
	if len(got) != 1 || got[0] != want {
		t.Errorf("outlets %+v, want [%+v]", got, want)
	}
}

func TestALaterArticleFillsAnOutletsGapsButNeverOverwrites(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	first := articleInput("Ostravia Wire", sampleBody+" One.")
	first.OutletCountry = "Ostravia"
	mustAddArticle(t, st, ev.ID, first)

	second := articleInput("ostravia wire", sampleBody+" Two.")
	second.OutletCountry, second.OutletURL, second.Language = "Elsewhere", "https://wire.example.org", "de"
	mustAddArticle(t, st, ev.ID, second)

	got := mustListOutlets(t, st)
	if len(got) != 1 {
		t.Fatalf("outlets %+v, want one", got)
	}
	o := got[0]
	if o.Country != "Ostravia" || o.URL != "https://wire.example.org" || o.Language != "en" || o.ArticleCount != 2 {
		t.Errorf("outlet %+v, want the first country and language kept, the address filled in, 2 articles", o)
	}
}

func TestOutletsCountTheirArticlesInEveryEvent(t *testing.T) {
	st := openTestStore(t)
	e1 := mustCreateEvent(t, st, framing.EventInput{Title: "E1"})
	e2 := mustCreateEvent(t, st, framing.EventInput{Title: "E2"})
	mustAddArticle(t, st, e1.ID, articleInput("Reuters", sampleBody))
	mustAddArticle(t, st, e2.ID, articleInput("Reuters", sampleBody))
	mustAddArticle(t, st, e2.ID, articleInput("TASS", sampleBody+" More."))
	var counts []int
	for _, o := range mustListOutlets(t, st) {
		counts = append(counts, o.ArticleCount)
	}
	if !slices.Equal(counts, []int{2, 1}) {
		t.Errorf("article counts %v, want [2 1] (Reuters, TASS)", counts)
	}
}

func TestUpdateOutletSetsCountryLanguageAndAddress(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	mustAddArticle(t, st, ev.ID, articleInput("Ostravia Wire", sampleBody))
	id := mustListOutlets(t, st)[0].ID

	got, err := st.UpdateOutlet(ctx, id, framing.OutletInput{Country: " Ostravia ", Language: " FR ", URL: "https://wire.example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	want := framing.Outlet{ID: id, Name: "Ostravia Wire", Country: "Ostravia", Language: "fr", URL: "https://wire.example.org/", ArticleCount: 1}
	if got != want {
		t.Errorf("UpdateOutlet = %+v, want %+v", got, want)
	}
	if loaded, err := st.Outlet(ctx, id); err != nil || loaded != want {
		t.Errorf("Outlet = %+v, %v", loaded, err)
	}
	// Every field may be cleared: unknown is allowed.
	cleared, err := st.UpdateOutlet(ctx, id, framing.OutletInput{})
	if err != nil || cleared.Country != "" || cleared.Language != "" || cleared.URL != "" {
		t.Errorf("clearing: %+v, %v", cleared, err)
	}
}

func TestUpdateOutletRefusesBadInputAndMissingOutlets(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	mustAddArticle(t, st, ev.ID, articleInput("Ostravia Wire", sampleBody))
	before := mustListOutlets(t, st)[0]

	_, err := st.UpdateOutlet(ctx, before.ID, framing.OutletInput{Country: strings.Repeat("x", framing.MaxCountryChars+1),
		Language: "english", URL: "javascript:alert(1)"})
	if framing.ErrorCode(err) != framing.EInvalid {
		t.Fatalf("error %v, want invalid", err)
	}
	if got := fieldNames(appError(t, err)); !slices.Equal(got, []string{"country", "language", "url"}) {
		t.Errorf("fields %v", got)
	}
	if after := mustListOutlets(t, st)[0]; after != before {
		t.Errorf("a refused edit changed the outlet: %+v", after)
	}
	if _, err := st.UpdateOutlet(ctx, before.ID+1, framing.OutletInput{}); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("missing outlet: %v, want not found", err)
	}
	if _, err := st.Outlet(ctx, before.ID+1); framing.ErrorCode(err) != framing.ENotFound {
		t.Errorf("loading a missing outlet: %v, want not found", err)
	}
}
