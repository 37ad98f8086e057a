package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/framing/textstat"
)

// An invented wire story, a copy of it republished with two edits, and an
// article on the same event written independently.
const (
	wireStory = "The Karst Valley dam on the Silver River opened on Tuesday after six years of construction, " +
		"the national water agency said. The dam holds back a reservoir that is expected to supply drinking water " +
		"to about 400,000 people in the lowland towns. Water Minister Lena Varga cut a ribbon at the crest of the dam " +
		"in front of several hundred guests, among them engineers and families who had been resettled from the flooded valley."
	republishedStory = "The Karst Valley dam on the Silver River opened on Tuesday after six years of building work, " +
		"the national water agency said. The dam holds back a reservoir that is expected to supply drinking water " +
		"to about 400,000 people in the lowland towns. Water Minister Lena Varga cut a ribbon at the crest of the dam " +
		"in front of about three hundred guests, among them engineers and families who had been resettled from the flooded valley."
	independentStory = "Ostravia's newest reservoir is in service. Officials opened the Karst Valley dam on Tuesday, " +
		"ending six years of work. At the ceremony the water minister thanked the families who gave up their homes, " +
		"while some of them said their compensation was still late."
)

// nearDupError is the body of a near-duplicate refusal.
type nearDupError struct {
	errorBody
	DuplicateOf int64   `json:"duplicate_of"`
	Similarity  float64 `json:"similarity"`
}

func (ts *testServer) putJSON(path, body string) reply {
	ts.t.Helper()
	return ts.do(http.MethodPut, path, "application/json", strings.NewReader(body))
}

func (ts *testServer) delete(path string) reply {
	ts.t.Helper()
	return ts.do(http.MethodDelete, path, "", nil)
}

func apiArticlePath(id int64) string { return "/api/articles/" + id64(id) }

// withJSON adds fields to an article's JSON.
func withJSON(a framing.ArticleInput, extra map[string]any) string {
	var m map[string]any
	_ = json.Unmarshal([]byte(articleJSON(a)), &m)
	for k, v := range extra {
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func TestAddingANearDuplicateAnswers409NamingTheArticleUntilAllowed(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "2024-05-07", "")
	wire := ts.addArticle(id, validArticle("Ostravia Wire", "Karst Valley dam opens", wireStory))

	copyIn := validArticle("Lowland Daily", "New dam will water our towns", republishedStory)
	r := ts.postJSON(eventPath(id)+"/articles", articleJSON(copyIn)).wantStatus(http.StatusConflict)
	var e nearDupError
	r.decode(&e)
	if e.Field != "body" || e.DuplicateOf != wire.ID {
		t.Errorf("refusal %+v, want field body and duplicate_of %d", e, wire.ID)
	}
	if e.Similarity < textstat.NearDuplicateSimilarity || e.Similarity >= 1 {
		t.Errorf("similarity %v, want at least %v and below 1", e.Similarity, textstat.NearDuplicateSimilarity)
	}
	if !strings.Contains(e.Error, "Karst Valley dam opens") || !strings.Contains(e.Error, "Ostravia Wire") {
		t.Errorf("message %q does not name the article", e.Error)
	}
	if n := len(ts.eventDetail(id).Articles); n != 1 {
		t.Fatalf("%d articles after the refusal, want 1", n)
	}

	ts.postJSON(eventPath(id)+"/articles", withJSON(copyIn, map[string]any{"allow_near_duplicate": true})).
		wantStatus(http.StatusCreated)
	if n := len(ts.eventDetail(id).Articles); n != 2 {
		t.Errorf("%d articles after allowing, want 2", n)
	}
}

func TestAnIndependentArticleOnTheSameEventIsNotFlagged(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	ts.addArticle(id, validArticle("Hill Courier", "Reservoir in service", independentStory))
	// The same copy in another event is no one's duplicate there.
	other := ts.createEvent("Another event", "", "")
	ts.addArticle(other, validArticle("Lowland Daily", "Dam opens", republishedStory))
}

func TestAnExactDuplicateIsRefusedEvenWhenNearDuplicatesAreAllowed(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	again := validArticle("Lowland Daily", "Dam opens", strings.ToUpper(wireStory))
	r := ts.postJSON(eventPath(id)+"/articles", withJSON(again, map[string]any{"allow_near_duplicate": true}))
	r.wantAPIError(http.StatusConflict, "body")
	var e nearDupError
	r.decode(&e)
	if e.DuplicateOf != 0 || !strings.Contains(e.Error, "already in the event") {
		t.Errorf("exact duplicate answered %+v", e)
	}
}

func TestANearDuplicateWithOtherMistakesHearsAboutTheMistakesFirst(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	bad := validArticle("Lowland Daily", "", republishedStory)
	ts.postJSON(eventPath(id)+"/articles", articleJSON(bad)).wantAPIError(http.StatusUnprocessableEntity, "headline")
}

func TestTheOutletsAPIListsRememberedOutletsWithCountsAndDetails(t *testing.T) {
	ts := newTestServer(t)
	var empty struct {
		Outlets []map[string]any `json:"outlets"`
	}
	ts.get("/api/outlets").wantStatus(http.StatusOK).decode(&empty)
	if empty.Outlets == nil || len(empty.Outlets) != 0 {
		t.Errorf("no outlets: %s, want an empty array", ts.get("/api/outlets").Body)
	}

	id := ts.createEvent("Dam opens", "", "")
	ts.postJSON(eventPath(id)+"/articles", withJSON(validArticle("Ostravia Wire", "Dam opens", wireStory),
		map[string]any{"outlet_country": "Ostravia", "outlet_url": "https://wire.example.org"})).wantStatus(http.StatusCreated)
	ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))

	var got struct {
		Outlets []struct {
			ID                           int64
			Name, Country, Language, URL string
			Articles                     int
		} `json:"outlets"`
	}
	ts.get("/api/outlets").wantStatus(http.StatusOK).decode(&got)
	if len(got.Outlets) != 2 {
		t.Fatalf("outlets %+v, want 2", got.Outlets)
	}
	o := got.Outlets[1]
	if o.Name != "Ostravia Wire" || o.Country != "Ostravia" || o.URL != "https://wire.example.org" || o.Language != "en" || o.Articles != 1 || o.ID == 0 {
		t.Errorf("outlet %+v", o)
	}
	if got.Outlets[0].Name != "Hill Courier" || got.Outlets[0].Country != "" {
		t.Errorf("first outlet %+v", got.Outlets[0])
	}
	// A bad outlet address is refused on its own field.
	ts.postJSON(eventPath(id)+"/articles", withJSON(validArticle("New Outlet", "H", "A text long enough to be an article body."),
		map[string]any{"outlet_url": "wire.example.org"})).wantAPIError(http.StatusUnprocessableEntity, "outlet_url")
}

func TestArticleWritesThroughTheAPINeedALogin(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	a := ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	body := articleJSON(validArticle("Changed", "Changed", independentStory))
	ts.putJSON(apiArticlePath(a.ID), body).wantAPIError(http.StatusUnauthorized, "")
	ts.delete(apiArticlePath(a.ID)).wantAPIError(http.StatusUnauthorized, "")
	ts.putJSON("/api/outlets/1", `{"country":"X"}`).wantAPIError(http.StatusUnauthorized, "")
	if got := ts.eventDetail(id).Articles; len(got) != 1 || got[0].Headline != "Dam opens" {
		t.Errorf("articles changed without a login: %+v", got)
	}
	// Reading stays open.
	var read storedArticle
	ts.get(apiArticlePath(a.ID)).wantStatus(http.StatusOK).decode(&read)
	if read.ID != a.ID || read.Body != wireStory || read.EventID != id {
		t.Errorf("GET article = %+v", read)
	}
}

func TestPuttingAnArticleReplacesItsFields(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()

	in := framing.ArticleInput{Outlet: "Hill Courier", Headline: "Reservoir in service", Language: "en-gb",
		Published: "2024-05-08", Byline: "Staff", Body: independentStory}
	var got storedArticle
	editor.putJSON(apiArticlePath(a.ID), articleJSON(in)).wantStatus(http.StatusOK).decode(&got)
	if got.ID != a.ID || got.EventID != id || got.Outlet != "Hill Courier" || got.Headline != "Reservoir in service" ||
		got.Language != "en-gb" || got.URL != "" || got.Body != independentStory {
		t.Errorf("PUT answered %+v", got)
	}
	if stored := ts.eventDetail(id).Articles; len(stored) != 1 || stored[0] != got {
		t.Errorf("stored %+v, want %+v", stored, got)
	}
}

func TestPuttingAnArticleIsRefusedWithTheRightStatusAndField(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	other := ts.createEvent("Other", "", "")
	ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))
	ts.addArticle(other, validArticle("Lowland Daily", "Dam opens", wireStory))

	valid := validArticle("Ostravia Wire", "Dam opens", wireStory)
	tests := []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"missing article", apiArticlePath(a.ID + 100), articleJSON(valid), http.StatusNotFound, ""},
		{"non-numeric id", "/api/articles/abc", articleJSON(valid), http.StatusNotFound, ""},
		{"invalid fields", apiArticlePath(a.ID), articleJSON(validArticle("", "Dam opens", wireStory)), http.StatusUnprocessableEntity, "outlet"},
		{"text of another article in the event", apiArticlePath(a.ID), articleJSON(validArticle("X", "Y", independentStory)), http.StatusConflict, "body"},
		{"move into an event with the same text", apiArticlePath(a.ID), withJSON(valid, map[string]any{"event_id": other}), http.StatusConflict, "event_id"},
		{"move into a missing event", apiArticlePath(a.ID), withJSON(valid, map[string]any{"event_id": other + 100}), http.StatusNotFound, "event_id"},
		{"move into event 0", apiArticlePath(a.ID), withJSON(valid, map[string]any{"event_id": 0}), http.StatusNotFound, "event_id"},
		{"event id as text", apiArticlePath(a.ID), withJSON(valid, map[string]any{"event_id": "2"}), http.StatusBadRequest, "event_id"},
		{"not JSON", apiArticlePath(a.ID), `{"outlet":`, http.StatusBadRequest, ""},
		{"empty body", apiArticlePath(a.ID), ``, http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := editor.putJSON(tt.path, tt.body).wantAPIError(tt.status, tt.field)
			if tt.status == http.StatusConflict && !strings.Contains(e.Error, "already") {
				t.Errorf("conflict message %q", e.Error)
			}
		})
	}
	if got := ts.eventDetail(id).Articles[0]; got.Headline != "Dam opens" || got.Body != wireStory {
		t.Errorf("a refused PUT changed the article: %+v", got)
	}
}

func TestPuttingAnArticleWithAnEventIDMovesIt(t *testing.T) {
	ts := newTestServer(t)
	editor, from, a := ts.damStory()
	to := ts.createEvent("To", "", "")
	var moved storedArticle
	editor.putJSON(apiArticlePath(a.ID), withJSON(validArticle("Ostravia Wire", "Dam opens", wireStory), map[string]any{"event_id": to})).
		wantStatus(http.StatusOK).decode(&moved)
	if moved.EventID != to || moved.ID != a.ID {
		t.Errorf("moved = %+v", moved)
	}
	if n := len(ts.eventDetail(from).Articles); n != 0 {
		t.Errorf("the old event still has %d articles", n)
	}
	if got := ts.eventDetail(to).Articles; len(got) != 1 || got[0].ID != a.ID {
		t.Errorf("the new event has %+v", got)
	}
}

func TestAnEditedArticleIsComparedByItsNewText(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	editor := ts.loggedInAs("editor", framing.RoleTeacher)
	id := ts.createEvent("Leaders meet", "", "")
	a := ts.addArticle(id, validArticle("Asbarez", "Leaders meet", "The leaders met in Northburg on Wednesday morning."))
	before := ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK).Body // keeps the analysis
	if !strings.Contains(before, "Northburg") {
		t.Fatalf("the comparison before the edit does not find Northburg: %s", before)
	}
	editor.putJSON(apiArticlePath(a.ID), articleJSON(validArticle("Asbarez", "Leaders meet",
		"The leaders met in Southville on Wednesday morning."))).wantStatus(http.StatusOK)
	after := ts.get(eventPath(id) + "/comparison").wantStatus(http.StatusOK).Body
	if strings.Contains(after, "Northburg") || !strings.Contains(after, "Southville") {
		t.Errorf("the comparison after the edit still uses the old text: %s", after)
	}
}

func TestDeletingAnArticleAnswers204ThenNotFound(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	b := ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))

	r := editor.delete(apiArticlePath(a.ID)).wantStatus(http.StatusNoContent)
	if r.Body != "" {
		t.Errorf("204 with a body: %q", r.Body)
	}
	if got := ts.eventDetail(id).Articles; len(got) != 1 || got[0].ID != b.ID {
		t.Errorf("left %+v, want only %d", got, b.ID)
	}
	editor.delete(apiArticlePath(a.ID)).wantAPIError(http.StatusNotFound, "")
	editor.get(apiArticlePath(a.ID)).wantAPIError(http.StatusNotFound, "")
	editor.delete("/api/articles/-1").wantAPIError(http.StatusNotFound, "")
}

func TestPuttingAnOutletSetsItsDetailsOrExplainsWhyNot(t *testing.T) {
	ts := newTestServer(t)
	editor := ts.loggedInAs("editor", framing.RoleTeacher)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	var list struct {
		Outlets []struct{ ID int64 } `json:"outlets"`
	}
	ts.get("/api/outlets").decode(&list)
	path := "/api/outlets/" + id64(list.Outlets[0].ID)

	var got struct {
		Name, Country, Language, URL string
		Articles                     int
	}
	editor.putJSON(path, `{"country":" Ostravia ","language":"FR","url":"https://wire.example.org"}`).wantStatus(http.StatusOK).decode(&got)
	if got.Name != "Ostravia Wire" || got.Country != "Ostravia" || got.Language != "fr" || got.URL != "https://wire.example.org" || got.Articles != 1 {
		t.Errorf("PUT outlet answered %+v", got)
	}
	editor.putJSON(path, `{"url":"javascript:alert(1)"}`).wantAPIError(http.StatusUnprocessableEntity, "url")
	editor.putJSON(path, `{"language":"english"}`).wantAPIError(http.StatusUnprocessableEntity, "language")
	editor.putJSON("/api/outlets/999", `{}`).wantAPIError(http.StatusNotFound, "")
	editor.putJSON("/api/outlets/x", `{}`).wantAPIError(http.StatusNotFound, "")
	editor.putJSON(path, `[1]`).wantAPIError(http.StatusBadRequest, "")
}
