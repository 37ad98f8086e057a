package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"framelens/demo"
	"framelens/framing"
)

func article(outlet, body string) framing.ArticleInput {
	return framing.ArticleInput{Outlet: outlet, Headline: "A headline", Language: "en", Body: body}
}

// The same events, articles, outlets, imports, analyses and kept results,
// written to both stores, read back the same: ids, orderings, revisions,
// corpus versions and errors.
func TestEventsArticlesAndOutletsBehaveAsInSQLite(t *testing.T) {
	tw := newTwin(t)
	both(tw, "ListEvents empty", func(s api) ([]framing.EventSummary, error) { return s.ListEvents(ctx) })
	both(tw, "EventsVersion empty", func(s api) (string, error) { return s.EventsVersion(ctx) })
	both(tw, "CorpusVersion empty", func(s api) (int64, error) { return s.CorpusVersion(ctx) })
	fails(tw, "CreateEvent without a title", framing.EInvalid, func(s api) (framing.Event, error) {
		return s.CreateEvent(ctx, framing.EventInput{Title: " "})
	})
	for _, in := range []framing.EventInput{
		{Title: "Summit", Date: "2024-01-02", Description: "Leaders met."},
		{Title: "Earlier", Date: "2023-05-01"},
		{Title: "Same day", Date: "2024-01-02"},
		{Title: "Undated"},
	} {
		both(tw, "CreateEvent "+in.Title, func(s api) (framing.Event, error) { return s.CreateEvent(ctx, in) })
	}
	fails(tw, "Event 99", framing.ENotFound, func(s api) (framing.Event, error) { return s.Event(ctx, 99) })

	add := func(what string, event int64, in framing.ArticleInput) framing.Article {
		t.Helper()
		return both(tw, what, func(s api) (framing.Article, error) { return s.AddArticle(ctx, event, in) })
	}
	first := article("Anadolu Agency", "The two leaders met in Vladivostok on Wednesday.")
	first.OutletCountry = "Türkiye"
	add("first article", 1, first)
	add("second outlet", 1, article("BBC", "Presidents gathered in the port city for talks."))
	// The same outlet under another spelling fills its gaps: every event
	// that names it gets a new revision.
	same := article("anadolu   agency", "A second text from the agency, for another event.")
	same.OutletURL = "https://www.aa.com.tr/"
	add("known outlet", 2, same)
	add("third", 1, article("Reuters", "Talks went on into the evening, officials said."))
	add("fourth", 3, article("BBC", "A text for the event on the same day."))
	fails(tw, "the same text twice", framing.EConflict, func(s api) (framing.Article, error) {
		return s.AddArticle(ctx, 1, article("Other", "The two leaders  met in Vladivostok on Wednesday."))
	})
	fails(tw, "no such event", framing.ENotFound, func(s api) (framing.Article, error) {
		return s.AddArticle(ctx, 99, article("BBC", "Nowhere to go, for there is no such event."))
	})
	fails(tw, "no body", framing.EInvalid, func(s api) (framing.Article, error) { return s.AddArticle(ctx, 1, article("BBC", "")) })
	add("after refusals", 2, article("TASS", "The meeting was described as constructive."))

	both(tw, "Articles 1", func(s api) ([]framing.Article, error) { return s.Articles(ctx, 1) })
	both(tw, "Article 2", func(s api) (framing.Article, error) { return s.Article(ctx, 2) })
	fails(tw, "Article 999", framing.ENotFound, func(s api) (framing.Article, error) { return s.Article(ctx, 999) })
	both(tw, "Outlets", func(s api) ([]framing.Outlet, error) { return s.Outlets(ctx) })
	both(tw, "UpdateOutlet", func(s api) (framing.Outlet, error) {
		return s.UpdateOutlet(ctx, 2, framing.OutletInput{Country: "United Kingdom", Language: "en", URL: "https://www.bbc.com/"})
	})
	fails(tw, "UpdateOutlet 99", framing.ENotFound, func(s api) (framing.Outlet, error) {
		return s.UpdateOutlet(ctx, 99, framing.OutletInput{Country: "X"})
	})
	fails(tw, "UpdateOutlet bad address", framing.EInvalid, func(s api) (framing.Outlet, error) {
		return s.UpdateOutlet(ctx, 2, framing.OutletInput{URL: "javascript:alert(1)"})
	})
	both(tw, "Outlet 1", func(s api) (framing.Outlet, error) { return s.Outlet(ctx, 1) })
	fails(tw, "Outlet 99", framing.ENotFound, func(s api) (framing.Outlet, error) { return s.Outlet(ctx, 99) })

	edit := func(what string, id, event int64, in framing.ArticleInput, code string) {
		t.Helper()
		both(tw, what, func(s api) (framing.Article, error) {
			a, err := s.UpdateArticle(ctx, id, event, in)
			if framing.ErrorCode(err) != code {
				t.Errorf("%s: error %v, want %q", what, err, code)
			}
			return a, err
		})
	}
	edit("edit in place", 2, 0, article("BBC News", "Presidents gathered in the port city for long talks."), "")
	edit("move", 2, 3, article("BBC News", "Presidents gathered in the port city for long talks."), "")
	edit("text another article of the event has", 3, 0, article("Anadolu Agency", "The meeting was described as constructive."), framing.EConflict)
	edit("move onto a text there", 4, 2, article("Reuters", "The meeting was described as constructive."), framing.EConflict)
	edit("its own text again", 5, 0, article("BBC", "A text for the event on the same day."), "")
	edit("move to no event", 4, 99, article("Reuters", "Talks went on into the night."), framing.ENotFound)
	edit("no such article", 99, 0, article("Reuters", "Talks went on into the night."), framing.ENotFound)
	both0(tw, "DeleteArticle 4", func(s api) error { return s.DeleteArticle(ctx, 4) })
	fails(tw, "DeleteArticle again", framing.ENotFound, func(s api) (struct{}, error) { return struct{}{}, s.DeleteArticle(ctx, 4) })

	// An import: good lines, duplicates of the event's texts and of each
	// other, lines refused by the reader, and progress after each.
	type importResult struct {
		Report   framing.ImportReport
		Progress []framing.ImportProgress
	}
	imp := func(what string, event int64, ls ...framing.ImportLine) {
		t.Helper()
		both(tw, what, func(s api) (importResult, error) {
			var r importResult
			var err error
			r.Report, err = s.ImportArticles(ctx, event, lines(ls...), func(p framing.ImportProgress) { r.Progress = append(r.Progress, p) })
			return r, err
		})
	}
	imp("import", 4,
		framing.ImportLine{Input: article("Kommersant", "Line one of the import, a new text.")},
		framing.ImportLine{Input: article("Kommersant", "Line one of the import,  a new text.")},
		framing.ImportLine{Err: framing.FieldErrorf(framing.EInvalid, "headline", "A headline is needed.")},
		framing.ImportLine{Input: article("", "A line without an outlet is refused.")},
		framing.ImportLine{N: 9, Input: article("Izvestia", "Line nine, also new.")},
	)
	imp("import of a text the event has", 4, framing.ImportLine{Input: article("Izvestia", "Line nine, also new.")})
	imp("import stopped by the reader", 4,
		framing.ImportLine{Input: article("Izvestia", "Line one, before the reader failed.")},
		framing.ImportLine{Err: errors.New("unexpected end of file")},
		framing.ImportLine{Input: article("Izvestia", "This line is never read at all.")},
	)
	imp("import into no event", 99, framing.ImportLine{Input: article("Izvestia", "Nowhere to go, for there is no such event.")})

	both(tw, "ListEvents", func(s api) ([]framing.EventSummary, error) { return s.ListEvents(ctx) })
	for id := int64(1); id <= 4; id++ {
		both(tw, "Event revision", func(s api) (framing.Event, error) { return s.Event(ctx, id) })
	}
	both(tw, "EventsVersion", func(s api) (string, error) { return s.EventsVersion(ctx) })
	both(tw, "CorpusVersion", func(s api) (int64, error) { return s.CorpusVersion(ctx) })
	both(tw, "Outlets after edits", func(s api) ([]framing.Outlet, error) { return s.Outlets(ctx) })
	each := func(outlet string) func(api) ([]framing.Article, error) {
		return func(s api) (list []framing.Article, err error) {
			err = s.EachArticle(ctx, outlet, func(a framing.Article) error { list = append(list, a); return nil })
			return list, err
		}
	}
	both(tw, "EachArticle", each(""))
	both(tw, "EachArticle of an outlet", each("bbc  NEWS"))
	stop := errors.New("enough")
	both(tw, "EachArticle stopped", func(s api) (int, error) {
		n := 0
		err := s.EachArticle(ctx, "", func(framing.Article) error { n++; return stop })
		if !errors.Is(err, stop) || err.Error() != stop.Error() {
			t.Errorf("EachArticle returned %v, not fn's error", err)
		}
		return n, nil
	})

	seed := func(s api) (bool, error) {
		ev, articles, err := demo.Event()
		if err != nil {
			return false, err
		}
		return s.SeedEvent(ctx, "demo", ev, articles)
	}
	both(tw, "SeedEvent", seed)
	both(tw, "SeedEvent again", seed)
	both(tw, "ListEvents after the seed", func(s api) ([]framing.EventSummary, error) { return s.ListEvents(ctx) })
	for _, f := range []func(api, context.Context) error{api.Writable, api.IntegrityCheck, api.Ping} {
		both0(tw, "health", func(s api) error { return f(s, ctx) })
	}
}

// Analyses and event results are kept, pruned and refused alike.
func TestAnalysesAndEventResultsBehaveAsInSQLite(t *testing.T) {
	tw := newTwin(t)
	both(tw, "CreateEvent", func(s api) (framing.Event, error) { return s.CreateEvent(ctx, framing.EventInput{Title: "E"}) })
	body := "They said occupied Stepanakert. Then Khankendi, said officials."
	var arts []framing.Article
	for _, in := range []framing.ArticleInput{article("A", body), article("B", "Another text about Khankendi."), article("C", "A third text, which nobody analysed.")} {
		arts = append(arts, both(tw, "AddArticle", func(s api) (framing.Article, error) { return s.AddArticle(ctx, 1, in) }))
	}
	matches := []framing.Match{
		{Span: framing.Span{Start: 10, End: 18}, Ref: framing.TermRef{Lexicon: 0, Concept: 3, Term: 1}, Voice: framing.VoiceScare},
		{Span: framing.Span{Start: 37, End: 46}, Ref: framing.TermRef{Lexicon: 1, Concept: 0, Term: 2}, Voice: framing.VoiceOwn, Sentence: 1},
	}
	stale := arts[1]
	stale.Body = "A text the article no longer has, long enough for the spans."
	both0(tw, "SaveAnalyses", func(s api) error {
		return s.SaveAnalyses(ctx, []framing.KeptAnalysis{
			{Key: "1:1", Article: arts[0], Matches: matches},
			{Key: "1:1", Article: stale, Matches: matches[:1]},
			{Key: "1:1", Article: arts[2]},
		})
	})
	both0(tw, "SaveAnalyses of none", func(s api) error { return s.SaveAnalyses(ctx, nil) })
	both(tw, "Analyses", func(s api) (map[int64][]framing.Match, error) { return s.Analyses(ctx, "1:1", arts) })
	both(tw, "Analyses of none", func(s api) (map[int64][]framing.Match, error) { return s.Analyses(ctx, "1:1", nil) })
	both(tw, "ArticlesWithoutAnalysis", func(s api) ([]framing.Article, error) { return s.ArticlesWithoutAnalysis(ctx, "1:1", 10) })
	// A key with the event's topics counts for its lexicon key, and
	// replaces the article's analyses under other keys.
	both0(tw, "SaveAnalyses with topics", func(s api) error {
		return s.SaveAnalyses(ctx, []framing.KeptAnalysis{{Key: "1:2|topic", Article: arts[0], Matches: matches[1:]}})
	})
	both(tw, "without, newer key", func(s api) ([]framing.Article, error) { return s.ArticlesWithoutAnalysis(ctx, "1:2", 10) })
	both(tw, "without, limit", func(s api) ([]framing.Article, error) { return s.ArticlesWithoutAnalysis(ctx, "1:1", 1) })
	both(tw, "old key pruned", func(s api) (map[int64][]framing.Match, error) { return s.Analyses(ctx, "1:1", arts) })
	both(tw, "topics key", func(s api) (map[int64][]framing.Match, error) { return s.Analyses(ctx, "1:2|topic", arts) })
	// An edit drops the article's analyses.
	both(tw, "UpdateArticle", func(s api) (framing.Article, error) {
		return s.UpdateArticle(ctx, arts[0].ID, 0, article("A", body+" More."))
	})
	both(tw, "dropped by the edit", func(s api) (map[int64][]framing.Match, error) { return s.Analyses(ctx, "1:2|topic", arts) })

	type result struct {
		Data []byte
		OK   bool
	}
	get := func(event int64, kind, version string) func(api) (result, error) {
		return func(s api) (result, error) {
			d, ok, err := s.EventResult(ctx, event, kind, version)
			return result{d, ok}, err
		}
	}
	both(tw, "EventResult none", get(1, "alignments", "3|1:1"))
	both0(tw, "SaveEventResult", func(s api) error { return s.SaveEventResult(ctx, 1, "alignments", "3|1:1", []byte{0, 1, 2, 255}) })
	both(tw, "EventResult", get(1, "alignments", "3|1:1"))
	both(tw, "EventResult other version", get(1, "alignments", "4|1:1"))
	both0(tw, "SaveEventResult newer", func(s api) error { return s.SaveEventResult(ctx, 1, "alignments", "4|1:1", []byte("new")) })
	both(tw, "EventResult replaced", get(1, "alignments", "3|1:1"))
	both(tw, "EventResult newer", get(1, "alignments", "4|1:1"))
	both0(tw, "SaveEventResult of no event", func(s api) error { return s.SaveEventResult(ctx, 99, "alignments", "1", []byte("x")) })
	both(tw, "EventResult of no event", get(99, "alignments", "1"))
}

// The schema's version is each store's own.
func TestSchemaVersion(t *testing.T) {
	tw := newTwin(t)
	if v, err := tw.pg.SchemaVersion(ctx); err != nil || v < 2 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}

// An event full of articles refuses one more alike, in an import and
// alone.
func TestAFullEventRefusesMoreArticlesAsInSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 2,000 articles twice")
	}
	tw := newTwin(t)
	both(tw, "CreateEvent", func(s api) (framing.Event, error) { return s.CreateEvent(ctx, framing.EventInput{Title: "Full"}) })
	var ls []framing.ImportLine
	for i := range framing.MaxArticlesPerEvent + 1 {
		ls = append(ls, framing.ImportLine{Input: article("Wire", fmt.Sprintf("Report number %d of the wire, in full.", i))})
	}
	both(tw, "ImportArticles past the limit", func(s api) (framing.ImportReport, error) {
		r, err := s.ImportArticles(ctx, 1, lines(ls...), nil)
		r.ArticleIDs = r.ArticleIDs[len(r.ArticleIDs)-3:] // the ids are compared; the last few say enough
		return r, err
	})
	fails(tw, "AddArticle to a full event", framing.EInvalid, func(s api) (framing.Article, error) {
		return s.AddArticle(ctx, 1, article("Wire", "One report too many for the event."))
	})
}
