package analysis_test

import (
	"context"
	"errors"
	"testing"

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
	words, err := svc.Distinctive(ctx, append([]framing.Article{focus}, articles...), focus.ID, 0, 5)
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
	if _, err := svc.Distinctive(ctx, articles, 9999, 0, 5); !errors.As(err, &fe) || fe.Code != framing.ENotFound {
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
	_, svc, articles := setup(t)
	m, pairs, err := svc.Alignments(context.Background(), articles)
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
