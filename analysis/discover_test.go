package analysis_test

import (
	"context"
	"errors"
	"testing"

	"framelens/analysis"
	"framelens/framing"
)

func TestTheBackgroundIsCountedOncePerCorpusVersion(t *testing.T) {
	cs, svc, articles := setup(t)
	ctx := context.Background()
	b1, err := svc.Background(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := svc.Background(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b1 != b2 || b1.Texts != 2 {
		t.Fatalf("background recounted for an unchanged corpus, or wrong: %d texts", b1.Texts)
	}
	body := "Azerbaijan took Shusha in 2020; Armenians call the city Shushi and the region Artsakh, Artsakh again."
	if _, err := cs.AddArticle(ctx, articles[0].EventID, framing.ArticleInput{Outlet: "Third", Headline: "H", Language: "en", Body: body}); err != nil {
		t.Fatal(err)
	}
	b3, err := svc.Background(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b3 == b1 || b3.Texts != 3 || b3.Count("artsakh") != 2 {
		t.Errorf("after a new article: %d texts, artsakh %d", b3.Texts, b3.Count("artsakh"))
	}
}

func TestDistinctiveWordsOfAnArticleAndOfAnOutlet(t *testing.T) {
	cs, svc, articles := setup(t)
	ctx := context.Background()
	// A focus article that says "liberated" three times where the others never do.
	focus := framing.Article{ID: -1, Body: "Azerbaijan liberated Shusha. The army liberated villages. Officials said they liberated the road."}
	ev, err := cs.Event(ctx, articles[0].EventID)
	if err != nil {
		t.Fatal(err)
	}
	words, err := svc.Distinctive(ctx, ev, append([]framing.Article{focus}, articles...), focus.ID, 0, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(words) == 0 || len(words) > 5 {
		t.Fatalf("got %d words", len(words))
	}
	inLexicon := map[string]bool{}
	for _, w := range words {
		inLexicon[w.Form] = w.InLexicon
	}
	// "liberated" is a shipped term; the first article alone uses it.
	if v, ok := inLexicon["liberated"]; !ok || !v {
		t.Errorf("liberated: listed %v, in lexicon %v; words %+v", ok, v, words)
	}
	var fe *framing.Error
	if _, err := svc.Distinctive(ctx, ev, articles, 9999, 0, 5); !errors.As(err, &fe) || fe.Code != framing.ENotFound {
		t.Errorf("unknown article: %v", err)
	}

	second := "Shushi again: the Karabakh Armenians of Shushi left Shushi in 2020, a city recaptured by Azerbaijan."
	if _, err := cs.AddArticle(ctx, articles[1].EventID, framing.ArticleInput{Outlet: articles[1].Outlet, Headline: "H2", Language: "en", Body: second}); err != nil {
		t.Fatal(err)
	}
	outletWords, n, err := svc.OutletDistinctive(ctx, articles[1].Outlet, 0, 10)
	if err != nil || n != 2 || len(outletWords) == 0 || outletWords[0].Term != "Shushi" {
		t.Fatalf("outlet words: %d articles, %+v, %v", n, outletWords, err)
	}
	if _, _, err := svc.OutletDistinctive(ctx, "No Such Outlet", 0, 10); !errors.As(err, &fe) || fe.Code != framing.ENotFound {
		t.Errorf("unknown outlet: %v", err)
	}
}

func TestAlignmentsMarkTheLexiconTermsThatDiffer(t *testing.T) {
	cs, svc, articles := setup(t)
	ev, err := cs.Event(context.Background(), articles[0].EventID)
	if err != nil {
		t.Fatal(err)
	}
	m, pairs, err := svc.Alignments(context.Background(), ev, articles)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 1 {
		t.Fatalf("got %d pairs, want the two sentences about Shusha", len(pairs))
	}
	var terms []string
	for _, d := range pairs[0].Differences {
		for _, r := range d.ATerms {
			terms = append(terms, m.Term(r).Phrase)
		}
	}
	if len(terms) == 0 {
		t.Errorf("no lexicon term marked in %+v", pairs[0].Differences)
	}
}

func TestAlignmentsAreKeptPerEventRevisionAndACancelledOneStopsAndKeepsNothing(t *testing.T) {
	cs, svc, articles := setup(t)
	ctx := context.Background()
	ev, err := cs.Event(ctx, articles[0].EventID)
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := svc.Alignments(cancelled, ev, articles); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled alignment: %v, want context.Canceled", err)
	}
	if cs.results != 0 {
		t.Fatalf("a cancelled alignment kept %d results", cs.results)
	}
	_, first, err := svc.Alignments(ctx, ev, articles)
	if err != nil {
		t.Fatal(err)
	}
	if cs.results != 1 {
		t.Fatalf("the alignments were kept %d times, want once", cs.results)
	}
	// Read back from the store, with the texts cut from the articles.
	_, again, err := svc.Alignments(ctx, ev, articles)
	if err != nil || len(again) != len(first) || again[0].A.Text != first[0].A.Text || again[0].Differences[0].B != first[0].Differences[0].B {
		t.Fatalf("kept alignments read back as %+v, %v; computed %+v", again, err, first)
	}
	if cs.results != 1 {
		t.Fatal("the kept alignments were computed again")
	}
}

func TestHeavyWorkBeyondTheLimitIsRefusedAsBusy(t *testing.T) {
	_, svc, _ := setup(t)
	var nest func(depth int) error
	nest = func(depth int) error {
		return svc.Heavy(func() error {
			if depth == analysis.MaxHeavy {
				t.Fatal("more heavy work ran at once than the limit")
			}
			return nest(depth + 1)
		})
	}
	if err := nest(0); framing.ErrorCode(err) != framing.EBusy {
		t.Fatalf("heavy work beyond the limit: %v, want EBusy", err)
	}
	if err := svc.Heavy(func() error { return nil }); err != nil {
		t.Fatalf("the slots were not given back: %v", err)
	}
}
