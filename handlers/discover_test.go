package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"framelens/framing/textstat"
)

// discoverEvent stores the test lexicon and an event of three articles:
// the first calls the city Northburg and the river "the Greywater", the
// others say Southville and Bluewater.
func discoverEvent(t *testing.T) (*testServer, int64, []storedArticle) {
	ts := newTestServer(t)
	ts.seedLexicon()
	ev := ts.createEvent("Bridge over the river", "2026-05-02", "")
	bodies := []struct{ outlet, body string }{
		{"North Daily", "The new bridge in Northburg opened on Saturday after four years of work. " +
			"Crowds in Northburg cheered as the mayor cut the ribbon over the Greywater. " +
			"Northburg officials said traffic over the Greywater would ease by summer."},
		{"South Post", "The new bridge in Southville opened on Saturday after four years of work. " +
			"Crowds in Southville cheered as the mayor cut the ribbon over the Bluewater. " +
			"Officials said traffic would ease by summer, and shops stayed open late."},
		{"River Times", "A bridge over the Bluewater opened in Southville on Saturday. " +
			"The mayor cut the ribbon before large crowds. Farmers expect shorter trips to market."},
	}
	var stored []storedArticle
	for _, b := range bodies {
		stored = append(stored, ts.addArticle(ev, validArticle(b.outlet, "Bridge opens", b.body)))
	}
	return ts, ev, stored
}

func TestDistinctiveAPIRanksTheWordsOfOneArticle(t *testing.T) {
	ts, ev, arts := discoverEvent(t)
	var got struct {
		ArticleID int64 `json:"article_id"`
		Words     []struct {
			Term        string  `json:"term"`
			Count       int     `json:"count"`
			OthersCount int     `json:"others_count"`
			Z           float64 `json:"z"`
			InLexicon   bool    `json:"in_lexicon"`
		} `json:"words"`
	}
	ts.get(eventPath(ev) + "/distinctive?article=" + id64(arts[0].ID) + "&limit=5&weak=1").wantStatus(http.StatusOK).decode(&got)
	if got.ArticleID != arts[0].ID || len(got.Words) == 0 || len(got.Words) > 5 {
		t.Fatalf("got %+v", got)
	}
	byTerm := map[string]int{}
	for i, w := range got.Words {
		byTerm[w.Term] = i
	}
	nb, ok := byTerm["Northburg"]
	if !ok || got.Words[nb].Count != 3 || got.Words[nb].OthersCount != 0 || !got.Words[nb].InLexicon {
		t.Errorf("Northburg: %+v", got.Words)
	}
	if gw, ok := byTerm["Greywater"]; !ok || got.Words[gw].InLexicon {
		t.Errorf("Greywater should be listed and not in the lexicon: %+v", got.Words)
	}

	ts.get(eventPath(ev)+"/distinctive").wantAPIError(http.StatusUnprocessableEntity, "article")
	ts.get(eventPath(ev)+"/distinctive?article=999999").wantAPIError(http.StatusNotFound, "article")
	ts.get(eventPath(ev)+"/distinctive?article=abc").wantAPIError(http.StatusNotFound, "article")
	for _, bad := range []string{"0", "101", "-3", "x"} {
		ts.get(eventPath(ev)+"/distinctive?article="+id64(arts[0].ID)+"&limit="+bad).wantAPIError(http.StatusUnprocessableEntity, "limit")
	}
	ts.get("/api/events/999999/distinctive?article=1").wantStatus(http.StatusNotFound)
}

func TestOutletDistinctiveAPI(t *testing.T) {
	ts, _, _ := discoverEvent(t)
	var got struct {
		Outlet   string `json:"outlet"`
		Articles int    `json:"articles"`
		Words    []struct {
			Term string `json:"term"`
		} `json:"words"`
	}
	ts.get("/api/outlets/distinctive?outlet=" + url.QueryEscape("north daily") + "&weak=1").wantStatus(http.StatusOK).decode(&got)
	if got.Articles != 1 || len(got.Words) == 0 || got.Words[0].Term != "Northburg" {
		t.Errorf("got %+v", got)
	}
	ts.get("/api/outlets/distinctive").wantAPIError(http.StatusUnprocessableEntity, "outlet")
	ts.get("/api/outlets/distinctive?outlet=Nobody").wantAPIError(http.StatusNotFound, "outlet")
}

func TestAlignmentsAPIPairsSentencesAndMarksTheirTerms(t *testing.T) {
	ts, ev, arts := discoverEvent(t)
	var got struct {
		Pairs []struct {
			Kind       string  `json:"kind"`
			Similarity float64 `json:"similarity"`
			A, B       struct {
				ArticleID int64  `json:"article_id"`
				Sentence  int    `json:"sentence"`
				Text      string `json:"text"`
			}
			Differences []struct {
				A, B   string
				ATerms []struct {
					Term    string `json:"term"`
					Concept string `json:"concept"`
				} `json:"a_terms"`
			} `json:"differences"`
		} `json:"pairs"`
	}
	ts.get(eventPath(ev) + "/alignments").wantStatus(http.StatusOK).decode(&got)
	if len(got.Pairs) == 0 {
		t.Fatal("no pairs")
	}
	first := got.Pairs[0]
	if first.A.ArticleID != arts[0].ID || first.B.ArticleID != arts[1].ID || !strings.HasPrefix(first.A.Text, "The new bridge in Northburg") {
		t.Errorf("best pair: %+v", first)
	}
	terms := ""
	for _, d := range first.Differences {
		for _, term := range d.ATerms {
			terms += term.Concept + ":" + term.Term + " "
		}
	}
	if !strings.Contains(terms, "The main city:Northburg") {
		t.Errorf("differences of the best pair carry %q", terms)
	}
	for i := 1; i < len(got.Pairs); i++ {
		if got.Pairs[i].Kind == got.Pairs[i-1].Kind && got.Pairs[i].Similarity > got.Pairs[i-1].Similarity {
			t.Error("pairs of one kind not best first")
		}
	}
	ts.get("/api/events/999999/alignments").wantStatus(http.StatusNotFound)
}

func TestDiscoveryPagesShowTheListsAndOfferProposalsToLoggedInUsers(t *testing.T) {
	ts, ev, arts := discoverEvent(t)
	doc := ts.get(pagePath(ev) + "/distinctive?article=" + id64(arts[0].ID) + "&weak=1").wantStatus(http.StatusOK).doc()
	if doc.Find(`[data-testid=distinctive] tr[data-term="northburg"]`).Length() != 1 {
		t.Error("Northburg is not listed")
	}
	if doc.Find(`[data-testid=propose]`).Length() != 0 {
		t.Error("a visitor is offered to propose terms")
	}
	if doc.Find(`nav.tabs a[aria-current=page]`).Text() != "Distinctive wording" {
		t.Error("the tab of the page is not marked current")
	}
	ts.get(pagePath(ev) + "/distinctive?article=424242").wantErrorPage(http.StatusNotFound)

	blind := ts.get(pagePath(ev) + "/distinctive?blind=1").wantStatus(http.StatusOK)
	if strings.Contains(blind.Body, "North Daily") || strings.Contains(blind.Body, "South Post") {
		t.Error("blind mode names an outlet")
	}

	teacher := ts.loggedInAs("teacher", "teacher")
	doc = teacher.get(pagePath(ev) + "/distinctive?article=" + id64(arts[0].ID) + "&weak=1").wantStatus(http.StatusOK).doc()
	link, ok := doc.Find(`tr[data-term="greywater"] [data-testid=propose]`).Attr("href")
	if !ok {
		t.Fatal("no proposal link for Greywater")
	}
	form := teacher.get(link).wantStatus(http.StatusOK).doc()
	if v, _ := form.Find(`#f-phrase`).Attr("value"); v != "Greywater" {
		t.Errorf("phrase prefilled with %q", v)
	}
	if v, _ := form.Find(`#f-language`).Attr("value"); v != "en" {
		t.Errorf("language prefilled with %q", v)
	}
	// The sentences Greywater is in also name the city: its concept is suggested.
	if form.Find(`#f-concept option[selected]`).Text() != "The main city" {
		t.Errorf("suggested concept %q", form.Find(`#f-concept option[selected]`).Text())
	}
	if n := form.Find(`[data-testid=propose-contexts] li`).Length(); n != 2 {
		t.Errorf("%d contexts, want the 2 sentences with Greywater", n)
	}

	pairs := teacher.get(pagePath(ev) + "/alignments").wantStatus(http.StatusOK).doc()
	if pairs.Find(`[data-testid=pairs] .pair`).Length() == 0 || pairs.Find(`mark.diff`).Length() == 0 {
		t.Error("no pairs with marked differences on the page")
	}
}

func TestProposingNeedsALoginAndAValidConcept(t *testing.T) {
	ts, ev, arts := discoverEvent(t)
	q := "/lexicons/propose?phrase=Greywater&language=en&event=" + id64(ev) + "&article=" + id64(arts[0].ID)
	r := ts.get(q).wantStatus(http.StatusSeeOther)
	if !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
		t.Errorf("redirected to %q", r.Header.Get("Location"))
	}
	teacher := ts.loggedInAs("teacher", "teacher")
	teacher.get("/lexicons/propose?phrase=").wantErrorPage(http.StatusUnprocessableEntity)
	teacher.get(q + "&concept=9999:1").wantErrorPage(http.StatusNotFound)
	teacher.get("/lexicons/propose?phrase=Greywater&event=999999&article=1").wantErrorPage(http.StatusNotFound)
	teacher.get("/lexicons/propose?phrase=Greywater&event=" + id64(ev) + "&article=999999").wantErrorPage(http.StatusNotFound)
	// Without an article, the form still opens, with the concepts to choose from.
	doc := teacher.get("/lexicons/propose?phrase=Greywater").wantStatus(http.StatusOK).doc()
	if doc.Find(`#f-concept option`).Length() < 3 || doc.Find(`#f-phrase`).Length() != 0 {
		t.Error("the chooser should list concepts and wait for one before the term form")
	}
}

func TestTheAlignmentsPageShowsTheClosestPairsOfALargeEventAndTheAPIPagesThem(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Budgets", "", "")
	// Five reports of the same 70 facts, each with its own verb: ten pairs
	// of articles, each keeping its best few pairs of sentences.
	for k, verb := range []string{"approved", "rejected", "postponed", "debated", "amended"} {
		var b strings.Builder
		for i := range 70 {
			town := "Town" + string(rune('a'+i%26)) + string(rune('a'+i/26))
			fmt.Fprintf(&b, "The council of %s %s the school budget of %s on Monday. ", town, verb, town)
		}
		// Near duplicates on purpose: the same report with one word changed.
		body, _ := json.Marshal(map[string]any{"outlet": fmt.Sprintf("Outlet %d", k), "headline": "Budgets", "language": "en",
			"body": b.String(), "allow_near_duplicate": true})
		ts.postJSON(eventPath(ev)+"/articles", string(body)).wantStatus(http.StatusCreated)
	}
	total := 10 * textstat.PairsPerArticlePair
	var api struct {
		Total int               `json:"total"`
		Pairs []json.RawMessage `json:"pairs"`
	}
	ts.get(eventPath(ev) + "/alignments").wantStatus(http.StatusOK).decode(&api)
	if api.Total != total || len(api.Pairs) != 50 {
		t.Fatalf("API gave %d pairs of %d, want the first 50 of %d", len(api.Pairs), api.Total, total)
	}
	ts.get(eventPath(ev) + "/alignments?limit=50&offset=50").wantStatus(http.StatusOK).decode(&api)
	if len(api.Pairs) != total-50 {
		t.Fatalf("the second page has %d pairs, want %d", len(api.Pairs), total-50)
	}
	ts.get(eventPath(ev) + "/alignments?limit=0").wantStatus(http.StatusUnprocessableEntity)
	ts.get(eventPath(ev) + "/alignments?offset=-1").wantStatus(http.StatusUnprocessableEntity)
	doc := ts.get(pagePath(ev) + "/alignments").wantStatus(http.StatusOK).doc()
	if n := doc.Find("[data-testid=pairs] .pair").Length(); n != 60 {
		t.Errorf("page shows %d pairs, want the 60 closest", n)
	}
	if want := fmt.Sprintf("60 closest of %d", total); !strings.Contains(doc.Find("[data-testid=pairs-shown]").Text(), want) {
		t.Errorf("no note that pairs were left out: %q", doc.Find("[data-testid=pairs-shown]").Text())
	}
}

func TestTheOutletWordsPageListsWhatSetsAnOutletApart(t *testing.T) {
	ts, _, _ := discoverEvent(t)
	doc := ts.get("/outlets").wantStatus(http.StatusOK).doc()
	link, ok := doc.Find(`[data-testid=outlet-words]`).First().Attr("href")
	if !ok {
		t.Fatal("the outlets page links to no outlet's words")
	}
	page := ts.get(link + "&weak=1").wantStatus(http.StatusOK).doc()
	if page.Find("h1").Text() == "" || page.Find(`[data-testid=distinctive] tbody tr`).Length() == 0 {
		t.Errorf("outlet words page %q lists nothing", page.Find("h1").Text())
	}
	ts.get("/outlets/words?outlet=north%20daily").wantStatus(http.StatusOK)
	ts.get("/outlets/words?outlet=Nobody").wantErrorPage(http.StatusNotFound)
	ts.get("/outlets/words").wantErrorPage(http.StatusUnprocessableEntity)
}

// Three short articles: no word's difference is clear, so the page lists
// none by default and says plainly that the event is too small to tell;
// weak differences come on request, and a negative one never.
func TestDistinctiveWordsAreClearOnesOnlyAndASmallEventIsSaidToBeTooSmall(t *testing.T) {
	ts, ev, arts := discoverEvent(t)
	type words struct {
		Words []struct {
			Term string  `json:"term"`
			Z    float64 `json:"z"`
		} `json:"words"`
	}
	var clear, weak words
	ts.get(eventPath(ev) + "/distinctive?article=" + id64(arts[0].ID)).wantStatus(http.StatusOK).decode(&clear)
	for _, w := range clear.Words {
		if w.Z <= 1.96 {
			t.Errorf("listed by default: %+v", w)
		}
	}
	ts.get(eventPath(ev) + "/distinctive?article=" + id64(arts[0].ID) + "&weak=1&limit=100").wantStatus(http.StatusOK).decode(&weak)
	if len(weak.Words) == 0 {
		t.Fatal("no weak difference either")
	}
	for _, w := range weak.Words {
		if w.Z <= 0 {
			t.Errorf("a word the article uses less than the others is listed: %+v", w)
		}
	}
	doc := ts.get(pagePath(ev) + "/distinctive?article=" + id64(arts[0].ID)).wantStatus(http.StatusOK).doc()
	if doc.Find(`[data-testid=distinctive] tbody tr`).Length() != len(clear.Words) {
		t.Errorf("the page lists %d words, the API %d", doc.Find(`[data-testid=distinctive] tbody tr`).Length(), len(clear.Words))
	}
	small := doc.Find(`[data-testid=too-small]`)
	if len(clear.Words) == 0 && (!strings.Contains(small.Text(), "Too small to tell") || !strings.Contains(small.Text(), "Add more articles")) {
		t.Errorf("the page does not say the event is too small: %q", small.Text())
	}
	if href, _ := small.Find("a").Attr("href"); !strings.HasPrefix(href, "/outlets/words?outlet=") {
		t.Errorf("no way to one outlet's words: %q", href)
	}
	if href, _ := doc.Find(`[data-testid=show-weak]`).Attr("href"); !strings.Contains(href, "weak=1") {
		t.Errorf("no way to the weak differences: %q", href)
	}
}

// On the demo event the pairs whose differing words are terms of one
// concept come first; pairs that differ only in names, numbers or dates
// are folded away at the end of the page.
func TestAlignmentsRankTermsOfOneConceptFirstAndFoldIncidentalPairs(t *testing.T) {
	srv, st := newSeededServer(t)
	ts := &testServer{t: t, URL: srv.URL, Store: st, Client: newBrowser(t)}
	var got struct {
		Pairs []struct {
			Kind string `json:"kind"`
		} `json:"pairs"`
	}
	ts.get("/api/events/1/alignments").wantStatus(http.StatusOK).decode(&got)
	rank := map[string]int{"lexicon": 0, "words": 1, "incidental": 2}
	if len(got.Pairs) == 0 || got.Pairs[0].Kind != "lexicon" {
		t.Fatalf("pairs %+v, want a pair of one concept's terms first", got.Pairs)
	}
	for i := 1; i < len(got.Pairs); i++ {
		if rank[got.Pairs[i].Kind] < rank[got.Pairs[i-1].Kind] {
			t.Errorf("pair %d is %s after a %s pair", i, got.Pairs[i].Kind, got.Pairs[i-1].Kind)
		}
	}
	doc := ts.get("/events/1/alignments").wantStatus(http.StatusOK).doc()
	if k, _ := doc.Find(`[data-testid=pairs] > [data-testid=pair]`).First().Attr("data-kind"); k != "lexicon" {
		t.Errorf("the page's first pair is %q", k)
	}
	if doc.Find(`[data-testid=pairs] > [data-kind=incidental]`).Length() != 0 {
		t.Error("a pair that differs only in names is in the main list")
	}
	if n := doc.Find(`[data-testid=incidental-pairs] [data-kind=incidental]`).Length(); n > 0 && !strings.Contains(doc.Find(`[data-testid=incidental-pairs] summary`).Text(), "only in names, numbers or dates") {
		t.Errorf("%d folded pairs without a summary that says why", n)
	}
}
