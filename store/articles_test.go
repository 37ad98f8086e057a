package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"framelens/framing"
)

func TestAddArticleStoresTheNormalizedArticleAndReturnsItWithIDAndTime(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Vladivostok"})
	before := time.Now().UTC().Add(-2 * time.Second)
	a, err := st.AddArticle(context.Background(), ev.ID, framing.ArticleInput{
		Outlet: "  Anadolu   Agency ", Headline: " Putin,  Pashinyan meet ", Byline: " Staff ",
		URL: " https://www.aa.com.tr/en/a ", Published: " 2022-09-07 ", Language: " EN ", Illustrative: true,
		Body: "\r\nНагорный Карабах.\r\nThe leaders met in Vladivostok on Wednesday.\r\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID <= 0 || a.CreatedAt.Before(before) || a.CreatedAt.After(time.Now().Add(2*time.Second)) {
		t.Errorf("ID %d CreatedAt %v: want a positive id and about now", a.ID, a.CreatedAt)
	}
	want := framing.Article{ID: a.ID, EventID: ev.ID, Outlet: "Anadolu Agency", Headline: "Putin, Pashinyan meet",
		Byline: "Staff", URL: "https://www.aa.com.tr/en/a", Published: "2022-09-07", Language: "en", Illustrative: true,
		Body: "Нагорный Карабах.\nThe leaders met in Vladivostok on Wednesday.", CreatedAt: a.CreatedAt}
	if a != want {
		t.Errorf("AddArticle returned\n %+v\nwant\n %+v", a, want)
	}
	stored := mustListArticles(t, st, ev.ID)
	if len(stored) != 1 || stored[0] != a {
		t.Errorf("Articles =\n %+v\nwant\n [%+v]", stored, a)
	}
}

func TestArticlesRoundTripEveryFieldInInsertionOrder(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Round trip"})
	inputs := []framing.ArticleInput{
		{Outlet: "Российская газета", Headline: "Путин и Пашинян встретились во Владивостоке", Byline: "Иван Петров",
			URL: "https://rg.ru/2022/09/07/vstrecha.html", Published: "2022-09-07", Language: "ru",
			Body: "Президенты встретились «на полях» форума.\n\nВторой абзац — с тире и кавычками „так“."},
		{Outlet: "Asbarez", Headline: "Leaders meet", Language: "en-us", Illustrative: true,
			Body: "An illustrative text written to show another usage: “Artsakh”, not a real article."},
		{Outlet: "Azertac", Headline: "Görüş keçirilib", Byline: "", URL: "", Published: "", Language: "az",
			Body: "Prezidentlər Vladivostokda görüşüb. Əlavə mətn burada yazılıb."},
		{Outlet: "Armenpress", Headline: "Հանդիպում Վլադիվոստոկում", Language: "hy", Published: "2022-09-08",
			Body: "Հայաստանի վարչապետը հանդիպեց Ռուսաստանի նախագահին 😀 emoji too."},
	}
	var added []framing.Article
	for _, in := range inputs {
		added = append(added, mustAddArticle(t, st, ev.ID, in))
	}
	got := mustListArticles(t, st, ev.ID)
	if len(got) != len(inputs) {
		t.Fatalf("%d articles stored, want %d", len(got), len(inputs))
	}
	for i, in := range inputs {
		want := in.Article(ev.ID)
		want.ID, want.CreatedAt = added[i].ID, added[i].CreatedAt
		if got[i] != want {
			t.Errorf("article %d came back\n %+v\nwant\n %+v", i+1, got[i], want)
		}
		if i > 0 && got[i].ID <= got[i-1].ID {
			t.Errorf("article %d has id %d, not after %d", i+1, got[i].ID, got[i-1].ID)
		}
	}
}

func TestArticlesOfAnEventWithoutArticlesOrOfNoEventAreEmpty(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Quiet"})
	other := mustCreateEvent(t, st, framing.EventInput{Title: "Busy"})
	mustAddArticle(t, st, other.ID, articleInput("Reuters", sampleBody))
	for _, id := range []int64{ev.ID, other.ID + 100} {
		if list := mustListArticles(t, st, id); len(list) != 0 {
			t.Errorf("Articles(%d) = %+v, want none", id, list)
		}
	}
}

func TestAddArticleRemembersAnOutletOnceWhateverItsCaseAndSpacing(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	other := mustCreateEvent(t, st, framing.EventInput{Title: "F"})
	first := articleInput("Anadolu Agency", sampleBody+" One.")
	first.Language = "tr"
	mustAddArticle(t, st, ev.ID, first)
	mustAddArticle(t, st, ev.ID, articleInput("anadolu  agency", sampleBody+" Two."))
	mustAddArticle(t, st, other.ID, articleInput("\tANADOLU\nAGENCY ", sampleBody+" Three."))

	outlets := mustListOutlets(t, st)
	if len(outlets) != 1 {
		t.Fatalf("Outlets = %+v, want one", outlets)
	}
	o := outlets[0]
	if o.ID <= 0 || o.Name != "Anadolu Agency" || o.Language != "tr" {
		t.Errorf("outlet = %+v, want the first spelling and the first article's language", o)
	}
	for _, id := range []int64{ev.ID, other.ID} {
		for _, a := range mustListArticles(t, st, id) {
			if a.Outlet != "Anadolu Agency" {
				t.Errorf("article %d is by %q, want the remembered spelling", a.ID, a.Outlet)
			}
		}
	}
}

func TestOutletsAreListedByNameRegardlessOfCase(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	for i, name := range []string{"TASS", "asbarez", "Reuters", "Azertac"} {
		mustAddArticle(t, st, ev.ID, articleInput(name, fmt.Sprintf("%s Number %d.", sampleBody, i)))
	}
	var names []string
	for _, o := range mustListOutlets(t, st) {
		names = append(names, o.Name)
	}
	if want := []string{"asbarez", "Azertac", "Reuters", "TASS"}; !slices.Equal(names, want) {
		t.Errorf("Outlets = %q, want %q", names, want)
	}
}

func TestAddArticleRefusesTheSameTextTwiceInOneEvent(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	original := "Нагорный Карабах.\nThe leaders met in Vladivostok on Wednesday."
	mustAddArticle(t, st, ev.ID, articleInput("Reuters", original))

	for _, again := range []string{
		original,
		"нагорный  карабах.\r\n\r\nthe LEADERS met in vladivostok on wednesday.",
		"  НАГОРНЫЙ КАРАБАХ. THE LEADERS MET IN VLADIVOSTOK ON WEDNESDAY.  ",
	} {
		_, err := st.AddArticle(context.Background(), ev.ID, articleInput("Reuters", again))
		if framing.ErrorCode(err) != framing.EConflict {
			t.Errorf("adding %q again: error %v, want code %q", again, err, framing.EConflict)
			continue
		}
		e := appError(t, err)
		if e.Field() != "body" || !slices.Equal(fieldNames(e), []string{"body"}) {
			t.Errorf("conflict fields = %v, want [body]", fieldNames(e))
		}
		if !strings.Contains(framing.ErrorMessage(err), "already in the event") {
			t.Errorf("conflict message %q", framing.ErrorMessage(err))
		}
	}
	if n := len(mustListArticles(t, st, ev.ID)); n != 1 {
		t.Errorf("event has %d articles, want 1", n)
	}
	// A text that differs in more than spacing and case is another article.
	mustAddArticle(t, st, ev.ID, articleInput("Reuters", original+" Updated."))
}

func TestAddArticleAllowsTheSameTextInAnotherEvent(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	other := mustCreateEvent(t, st, framing.EventInput{Title: "F"})
	a := mustAddArticle(t, st, ev.ID, articleInput("Reuters", sampleBody))
	b := mustAddArticle(t, st, other.ID, articleInput("Reuters", sampleBody))
	if a.ID == b.ID {
		t.Errorf("both articles have id %d", a.ID)
	}
	for _, id := range []int64{ev.ID, other.ID} {
		if list := mustListArticles(t, st, id); len(list) != 1 || list[0].Body != sampleBody {
			t.Errorf("event %d articles: %+v", id, list)
		}
	}
}

func TestARefusedArticleLeavesNoNewOutletBehind(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	mustAddArticle(t, st, ev.ID, articleInput("Reuters", sampleBody))
	before := mustListOutlets(t, st)

	_, err := st.AddArticle(ctx, ev.ID, articleInput("A Brand New Outlet", strings.ToUpper(sampleBody)))
	if framing.ErrorCode(err) != framing.EConflict {
		t.Fatalf("duplicate text: error %v, want code %q", err, framing.EConflict)
	}
	if after := mustListOutlets(t, st); !slices.Equal(after, before) {
		t.Errorf("outlets after a refused article:\n %+v\nbefore:\n %+v", after, before)
	}
	// The outlet can still be added properly afterwards, as a new outlet.
	mustAddArticle(t, st, ev.ID, articleInput("A Brand New Outlet", sampleBody+" New."))
	if n := len(mustListOutlets(t, st)); n != len(before)+1 {
		t.Errorf("%d outlets, want %d", n, len(before)+1)
	}
}

func TestAddArticleToAMissingEventIsNotFoundAndStoresNothing(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	missing := ev.ID + 1
	_, err := st.AddArticle(context.Background(), missing, articleInput("Ghost Outlet", sampleBody))
	if framing.ErrorCode(err) != framing.ENotFound {
		t.Fatalf("error %v, want code %q", err, framing.ENotFound)
	}
	if want := fmt.Sprintf("There is no event %d.", missing); framing.ErrorMessage(err) != want {
		t.Errorf("message %q, want %q", framing.ErrorMessage(err), want)
	}
	if outlets := mustListOutlets(t, st); len(outlets) != 0 {
		t.Errorf("an article for no event left outlets behind: %+v", outlets)
	}
	if list := mustListArticles(t, st, missing); len(list) != 0 {
		t.Errorf("articles stored for a missing event: %+v", list)
	}
}

func TestAddArticleRefusesInvalidInputAndStoresNothing(t *testing.T) {
	st := openTestStore(t)
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "E"})
	tests := []struct {
		name   string
		in     framing.ArticleInput
		code   string
		fields []string
	}{
		{"everything missing", framing.ArticleInput{}, framing.EInvalid, []string{"outlet", "headline", "language", "body"}},
		{"short body and bad URL", framing.ArticleInput{Outlet: "New Outlet", Headline: "H", Language: "en", URL: "ftp://x", Body: "Short."},
			framing.EInvalid, []string{"url", "body"}},
		{"body over the limit", framing.ArticleInput{Outlet: "New Outlet", Headline: "H", Language: "en",
			Body: strings.Repeat("a", framing.MaxBodyBytes+1)}, framing.ETooLarge, []string{"body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.AddArticle(context.Background(), ev.ID, tt.in)
			if framing.ErrorCode(err) != tt.code {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			if got := fieldNames(appError(t, err)); !slices.Equal(got, tt.fields) {
				t.Errorf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
	if list := mustListArticles(t, st, ev.ID); len(list) != 0 {
		t.Errorf("invalid articles were stored: %d", len(list))
	}
	if outlets := mustListOutlets(t, st); len(outlets) != 0 {
		t.Errorf("invalid articles left outlets: %+v", outlets)
	}
}

func TestConcurrentWritersToOneEventAllSucceed(t *testing.T) {
	st := openTestStore(t)
	ctx := context.Background()
	ev := mustCreateEvent(t, st, framing.EventInput{Title: "Busy"})
	const writers, perWriter = 8, 10

	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter)
	start := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Every writer names the same outlet, spelled its own way, so the
			// outlet upsert is contended too.
			outlet := "Shared " + strings.Repeat(" ", w) + "Desk"
			if w%2 == 1 {
				outlet = strings.ToUpper(outlet)
			}
			for i := range perWriter {
				body := fmt.Sprintf("%s Writer %d wrote article %d.", sampleBody, w, i)
				if _, err := st.AddArticle(ctx, ev.ID, articleInput(outlet, body)); err != nil {
					errs <- fmt.Errorf("writer %d article %d: %w", w, i, err)
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	list := mustListArticles(t, st, ev.ID)
	if len(list) != writers*perWriter {
		t.Errorf("%d articles stored, want %d", len(list), writers*perWriter)
	}
	bodies := map[string]bool{}
	for _, a := range list {
		bodies[a.Body] = true
	}
	if len(bodies) != writers*perWriter {
		t.Errorf("%d distinct texts stored, want %d", len(bodies), writers*perWriter)
	}
	if outlets := mustListOutlets(t, st); len(outlets) != 1 {
		t.Errorf("outlets = %+v, want the one shared outlet", outlets)
	}
	summary := mustListEvents(t, st)
	if len(summary) != 1 || summary[0].ArticleCount != writers*perWriter {
		t.Errorf("ListEvents = %+v, want one event with %d articles", summary, writers*perWriter)
	}
}
