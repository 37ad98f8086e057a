package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A page on another site cannot make a logged-in person's browser change
// anything here: browsers say where a request comes from, and writes from
// elsewhere are refused, forms and API alike.
func TestWritesFromAnotherSiteAreRefused(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", "teacher")
	ev := ts.createEvent("Dam opening", "", "")

	write := func(method, path, contentType, body string, header map[string]string) reply {
		req, err := http.NewRequest(method, user.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", contentType)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		return user.send(req)
	}
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site"}
	otherOrigin := map[string]string{"Origin": "https://evil.example"}
	form := url.Values{"name": {"Renamed"}, "category": {"places"}}.Encode()
	conceptPath := lexPath(lex.ID) + "/concepts/" + id64(lex.Concepts[0].ID)

	for name, h := range map[string]map[string]string{"Sec-Fetch-Site": crossSite, "Origin": otherOrigin} {
		r := write(http.MethodPost, conceptPath, "application/x-www-form-urlencoded", form, h)
		r.wantStatus(http.StatusForbidden)
		if !strings.Contains(r.Body, "another website") {
			t.Errorf("%s: the refusal does not say why", name)
		}
		write(http.MethodPost, eventPath(ev)+"/articles", "application/json", articleJSON(validArticle("Evil", "Forged", damBody)), h).
			wantStatus(http.StatusForbidden)
		write(http.MethodPost, "/logout", "application/x-www-form-urlencoded", "", h).wantStatus(http.StatusForbidden)
	}
	if got := ts.lexicon(lex.ID).Concepts[0].Name; got == "Renamed" {
		t.Fatal("a cross-site form changed the lexicon")
	}
	if n := len(ts.eventDetail(ev).Articles); n != 0 {
		t.Fatalf("a cross-site request added %d articles", n)
	}
	// The same requests from this site, or from a script without a browser's headers, go through.
	write(http.MethodPost, conceptPath, "application/x-www-form-urlencoded", form, map[string]string{"Sec-Fetch-Site": "same-origin"}).
		wantStatus(http.StatusSeeOther)
	write(http.MethodPost, eventPath(ev)+"/articles", "application/json", articleJSON(validArticle("Script", "Fine", damBody)), nil).
		wantStatus(http.StatusCreated)
	// Reading from elsewhere is allowed: links to Framelens must work.
	user.get("/events/" + id64(ev)).wantStatus(http.StatusOK)
}
