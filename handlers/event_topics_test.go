package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
	"framelens/lexicons"
)

// withShippedLexicons seeds the shipped lexicons, as the app does at its
// first start.
func (ts *testServer) withShippedLexicons() *testServer {
	ts.t.Helper()
	shipped, err := lexicons.Shipped()
	if err != nil {
		ts.t.Fatal(err)
	}
	if _, err := ts.Store.SeedLexicons(context.Background(), shipped); err != nil {
		ts.t.Fatal(err)
	}
	return ts
}

type eventLexicons struct {
	Lexicons []struct {
		Slug, Name, Scope string
		Active, Auto      bool
	} `json:"lexicons"`
}

func (ts *testServer) eventLexicons(id int64) (active []string, auto bool) {
	ts.t.Helper()
	var out eventLexicons
	ts.get(eventPath(id) + "/lexicons").wantStatus(http.StatusOK).decode(&out)
	for _, l := range out.Lexicons {
		if l.Scope == framing.ScopeTopic && l.Active {
			active = append(active, l.Slug)
		}
		if l.Scope == framing.ScopeTopic {
			auto = l.Auto
		}
		if l.Scope == framing.ScopeGeneral && !l.Active {
			ts.t.Errorf("general lexicon %s does not apply", l.Slug)
		}
	}
	return active, auto
}

func conceptsOf(ts *testServer, id int64) map[string]bool {
	ts.t.Helper()
	var cmp struct {
		Rows []struct{ Concept string } `json:"rows"`
	}
	ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK).decode(&cmp)
	out := map[string]bool{}
	for _, r := range cmp.Rows {
		out[r.Concept] = true
	}
	return out
}

const ukraineReport = "Russian forces liberated the village near Bakhmut, the Kremlin said. Ukraine's army said the offensive " +
	"near Donetsk was repelled and Kyiv would not cede occupied land."

func TestAnEventIsTaggedOnlyByTheTopicsItsTextsAreAbout(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	id := ts.createEvent("Fighting near Bakhmut", "2023-05-01", "")
	ts.addArticle(id, validArticle("Wire", "Village changes hands", ukraineReport))

	active, auto := ts.eventLexicons(id)
	if len(active) != 1 || active[0] != "russia-ukraine" || !auto {
		t.Fatalf("detected topics %v (auto %v), want russia-ukraine, detected", active, auto)
	}
	// "liberated" and "offensive" are Karabakh wordings too; here they
	// must not say anything about Karabakh.
	for c := range conceptsOf(ts, id) {
		if strings.Contains(c, "2020 territorial") || strings.Contains(c, "September 2023") {
			t.Errorf("a Karabakh concept tags a Ukraine report: %q", c)
		}
	}

	// A person switches Karabakh on instead: the comparison follows at once.
	var out eventLexicons
	ts.do(http.MethodPut, eventPath(id)+"/lexicons", "application/json", strings.NewReader(`{"lexicons":["nagorno-karabakh"]}`)).
		wantStatus(http.StatusOK).decode(&out)
	active, auto = ts.eventLexicons(id)
	if len(active) != 1 || active[0] != "nagorno-karabakh" || auto {
		t.Fatalf("after the choice: %v (auto %v)", active, auto)
	}
	if !conceptsOf(ts, id)["The 2020 territorial changes"] {
		t.Errorf("the chosen Karabakh lexicon does not tag \"liberated\": %v", conceptsOf(ts, id))
	}
	// A choice survives new articles; "auto" hands it back to detection.
	ts.addArticle(id, validArticle("Second wire", "More fighting", "Shelling went on around Kharkiv and Odesa overnight, officials in Kyiv said."))
	if active, _ = ts.eventLexicons(id); len(active) != 1 || active[0] != "nagorno-karabakh" {
		t.Errorf("a new article overrode the person's choice: %v", active)
	}
	ts.do(http.MethodPut, eventPath(id)+"/lexicons", "application/json", strings.NewReader(`{"auto":true}`)).wantStatus(http.StatusOK)
	if active, auto = ts.eventLexicons(id); len(active) != 1 || active[0] != "russia-ukraine" || !auto {
		t.Errorf("back to detection: %v (auto %v)", active, auto)
	}
}

func TestChoosingLexiconsRefusesWhatDoesNotExistAndChangesNothing(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	id := ts.createEvent("Fighting near Bakhmut", "2023-05-01", "")
	ts.addArticle(id, validArticle("Wire", "Village changes hands", ukraineReport))
	for _, body := range []string{`{"lexicons":["nagorno-karabakh","atlantis"]}`, `{"lexicons":"x"}`, `{}`, `not json`} {
		r := ts.do(http.MethodPut, eventPath(id)+"/lexicons", "application/json", strings.NewReader(body))
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("%s: status %d", body, r.Status)
		}
	}
	ts.do(http.MethodPut, eventPath(id)+"/lexicons", "application/json", strings.NewReader(`{"lexicons":["atlantis"]}`)).
		wantAPIError(http.StatusUnprocessableEntity, "lexicons")
	if active, auto := ts.eventLexicons(id); len(active) != 1 || active[0] != "russia-ukraine" || !auto {
		t.Errorf("a refused choice changed the topics: %v (auto %v)", active, auto)
	}
	// Hostile lists: too many slugs, a slug far too long or with markup;
	// each is refused before any lookup, and nothing changes.
	many := `{"lexicons":[` + strings.Repeat(`"nagorno-karabakh",`, 200) + `"x"]}`
	long := `{"lexicons":["` + strings.Repeat("a", 100_000) + `"]}`
	markup := `{"lexicons":["<script>alert(1)</script>"]}`
	for _, body := range []string{many, long, markup} {
		r := ts.do(http.MethodPut, eventPath(id)+"/lexicons", "application/json", strings.NewReader(body)).
			wantAPIError(http.StatusUnprocessableEntity, "lexicons")
		if len(r.Error) > 300 {
			t.Errorf("the refusal repeats the input: %d bytes", len(r.Error))
		}
		ts.postJSON("/api/analyze", `{"text":"Some text.","language":"en","lexicons":`+body[len(`{"lexicons":`):]).
			wantAPIError(http.StatusUnprocessableEntity, "lexicons")
	}
	if active, auto := ts.eventLexicons(id); len(active) != 1 || active[0] != "russia-ukraine" || !auto {
		t.Errorf("a refused list changed the topics: %v (auto %v)", active, auto)
	}
	ts.get("/api/events/999/lexicons").wantAPIError(http.StatusNotFound, "")
	ts.do(http.MethodPut, "/api/events/999/lexicons", "application/json", strings.NewReader(`{"lexicons":[]}`)).wantStatus(http.StatusNotFound)
}

func TestTheEventPageShowsAndChangesItsLexiconsWithoutAnAccount(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	id := ts.createEvent("Fighting near Bakhmut", "2023-05-01", "")
	ts.addArticle(id, validArticle("Wire", "Village changes hands", ukraineReport))
	doc := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if got := doc.Find(`[data-testid="active-lexicons"]`).Text(); !strings.Contains(got, "Russia–Ukraine") {
		t.Errorf("active lexicons line: %q", got)
	}
	if _, checked := doc.Find(`[data-testid="lexicon-russia-ukraine"]`).Attr("checked"); !checked {
		t.Error("the detected topic is not ticked")
	}
	if _, checked := doc.Find(`[data-testid="lexicon-nagorno-karabakh"]`).Attr("checked"); checked {
		t.Error("Karabakh is ticked on a Ukraine report")
	}
	r := ts.postForm(pagePath(id)+"/lexicons", url.Values{"lexicon": {"nagorno-karabakh", "israel-palestine"}}).wantStatus(http.StatusSeeOther)
	if loc := r.Header.Get("Location"); !strings.HasPrefix(loc, pagePath(id)+"?saved=lexicons") {
		t.Errorf("redirect to %q", loc)
	}
	doc = ts.get(pagePath(id) + "?saved=lexicons").wantStatus(http.StatusOK).doc()
	if _, checked := doc.Find(`[data-testid="lexicon-nagorno-karabakh"]`).Attr("checked"); !checked {
		t.Error("the chosen topic is not ticked after saving")
	}
	if doc.Find(`[data-testid="saved-notice"]`).Length() == 0 || doc.Find(`[data-testid="auto-lexicons"]`).Length() == 0 {
		t.Error("no confirmation, or no way back to detection")
	}
	ts.postForm(pagePath(id)+"/lexicons", url.Values{"lexicon": {"atlantis"}}).wantErrorPage(http.StatusUnprocessableEntity)
}

func TestAnalyzeAppliesTheTopicsAskedForOrThoseTheTextNames(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	type resp struct {
		Matches []struct{ Surface, Lexicon, Concept string } `json:"matches"`
	}
	lexiconOf := func(body, surface string) string {
		var out resp
		ts.postJSON("/api/analyze", body).wantStatus(http.StatusOK).decode(&out)
		for _, m := range out.Matches {
			if m.Surface == surface {
				return m.Lexicon
			}
		}
		return ""
	}
	paris := `{"text":"Paris was liberated in August 1944, and the Allied offensive went on.","language":"en"}`
	if got := lexiconOf(paris, "liberated"); got != "" {
		t.Errorf("Paris 1944: \"liberated\" tagged by %q", got)
	}
	asked := `{"text":"Paris was liberated in August 1944.","language":"en","lexicons":["nagorno-karabakh"]}`
	if got := lexiconOf(asked, "liberated"); got != "nagorno-karabakh" {
		t.Errorf("with the lexicon asked for: %q", got)
	}
	karabakh := `{"text":"Azerbaijan liberated Shusha, in Karabakh, in 2020.","language":"en"}`
	if got := lexiconOf(karabakh, "liberated"); got != "nagorno-karabakh" {
		t.Errorf("a Karabakh text: %q", got)
	}
	ts.postJSON("/api/analyze", `{"text":"Some text here.","language":"en","lexicons":["atlantis"]}`).wantAPIError(http.StatusUnprocessableEntity, "lexicons")
}

func TestTheClassroomOffersOnlyTheConceptsOfTheEventsLexicons(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	id := ts.createEvent("Fighting near Bakhmut", "2023-05-01", "")
	a := ts.addArticle(id, validArticle("Wire", "Village changes hands", ukraineReport))
	var sess classSession
	teacher.postJSON("/api/sessions", `{"event_id":`+id64(id)+`}`).wantStatus(http.StatusCreated).decode(&sess)
	student := ts.withNewBrowser()
	student.postJSON("/api/join", `{"code":"`+sess.Code+`","nickname":"Lena"}`).wantStatus(http.StatusOK)

	lexs, err := ts.Store.Lexicons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	conceptID := map[string]int64{}
	for _, l := range lexs {
		for _, c := range l.Concepts {
			conceptID[l.Slug+"/"+c.Slug] = c.ID
		}
	}
	options := map[string]bool{}
	student.get("/sessions/" + id64(sess.ID) + "/read").wantStatus(http.StatusOK).doc().Find("#mark-concept option").Each(
		func(_ int, o *goquery.Selection) { options[o.AttrOr("value", "")] = true })
	if !options[id64(conceptID["russia-ukraine/held-territory"])] || !options[id64(conceptID["conflict-labels/armed-people"])] {
		t.Errorf("the list lacks the event's own concepts: %v", options)
	}
	if options[id64(conceptID["nagorno-karabakh/changes-2020"])] {
		t.Error("the list offers a Karabakh concept on a Ukraine event")
	}
	mark := func(concept int64) reply {
		i := strings.Index(ukraineReport, "liberated")
		return student.postJSON("/api/sessions/"+id64(sess.ID)+"/marks",
			`{"article_id":`+id64(a.ID)+`,"start":`+strconv.Itoa(i)+`,"end":`+strconv.Itoa(i+9)+`,"concept_id":`+id64(concept)+`}`)
	}
	mark(conceptID["nagorno-karabakh/changes-2020"]).wantAPIError(http.StatusUnprocessableEntity, "concept_id")
	mark(conceptID["russia-ukraine/held-territory"]).wantStatus(http.StatusCreated)
}

func TestTheLexiconPageShowsScopeAnchorsAndWhatAPatternFinds(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	lex := ts.seedLexicon()
	pattern := framing.Term{Phrase: "{anti|counter}-terror{ist|} {measures|operation}", Language: "en", Perspective: "north",
		Note: "A pattern.", SourceURL: "https://example.org/p"}
	if _, err := ts.Store.CreateTerm(context.Background(), lex.ID, lex.Concepts[0].ID, pattern); err != nil {
		t.Fatal(err)
	}
	d := ts.get(lexPath(lex.ID)).wantStatus(http.StatusOK).doc()
	if got := textOf(d.Find("[data-testid=lexicon-scope]")); !strings.Contains(got, "every text") {
		t.Errorf("scope line of a general lexicon: %q", got)
	}
	if d.Find(".term__phrase .pattern").Length() < 2 {
		t.Error("the pattern's groups are not set apart")
	}
	forms := d.Find("[data-testid=term-forms] li")
	if forms.Length() != 8 || !strings.Contains(textOf(d.Find("[data-testid=term-forms] summary")), "8 wordings") {
		t.Errorf("the pattern lists %d wordings", forms.Length())
	}
	lexs, _ := ts.Store.Lexicons(context.Background())
	for _, l := range lexs {
		if l.Slug == "nagorno-karabakh" {
			got := textOf(ts.get(lexPath(l.ID)).wantStatus(http.StatusOK).doc().Find("[data-testid=lexicon-scope]"))
			if !strings.Contains(got, "Topic") || !strings.Contains(got, "Stepanakert") {
				t.Errorf("scope line of a topic lexicon: %q", got)
			}
		}
	}
}

func TestTheLexiconsPageGroupsByScopeAndFindsAWordingInAnyLexicon(t *testing.T) {
	ts := newTestServer(t).withShippedLexicons()
	d := ts.get("/lexicons").wantStatus(http.StatusOK).doc()
	if d.Find("[data-testid=topic-lexicons] [data-testid=lexicon-item]").Length() < 3 ||
		d.Find("[data-testid=general-lexicons] [data-testid=lexicon-item]").Length() < 2 {
		t.Errorf("topics %d, general %d", d.Find("[data-testid=topic-lexicons] li").Length(), d.Find("[data-testid=general-lexicons] li").Length())
	}
	if strings.Contains(textOf(d.Find("[data-testid=topic-lexicons]")), "Attribution verbs") {
		t.Error("a general lexicon is listed among the topics")
	}
	// "counter-terror" is written inside a pattern; the search finds the
	// forms a pattern stands for too.
	d = ts.get("/lexicons?q=" + url.QueryEscape("counter-terror")).wantStatus(http.StatusOK).doc()
	hits := d.Find("[data-testid=wording-hit]")
	if hits.Length() == 0 || !strings.Contains(textOf(hits), "Nagorno-Karabakh") {
		t.Errorf("hits for counter-terror: %q", textOf(hits))
	}
	href := attrOf(hits.First().Find("a"), "href")
	if !strings.HasPrefix(href, "/lexicons/") || !strings.Contains(href, "#term-") {
		t.Errorf("a hit links to %q", href)
	}
	for _, q := range []string{"zzzqqq", strings.Repeat("é", 300), "<script>alert(1)</script>"} {
		r := ts.get("/lexicons?q=" + url.QueryEscape(q)).wantStatus(http.StatusOK)
		if strings.Contains(r.Body, "<script>alert(1)") {
			t.Error("the query is rendered as markup")
		}
		if !strings.Contains(textOf(r.doc().Find("[data-testid=wording-hits]")), "No lexicon has a wording") {
			t.Errorf("%q: no empty answer", q[:min(10, len(q))])
		}
	}
}
