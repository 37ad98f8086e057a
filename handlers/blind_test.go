package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

// blindLexicon has a note that names an outlet by its short name, as the
// shipped lexicons do ("Anadolu and other Turkish outlets use it").
func blindLexicon() framing.Lexicon {
	return framing.Lexicon{Slug: "blind-test", Name: "Blind test", Language: "en",
		Perspectives: []framing.Perspective{{Slug: "az", Name: "Azerbaijani official", Color: "blue"}},
		Concepts: []framing.Concept{{Slug: "city", Name: "The main city", Category: "places", Terms: []framing.Term{
			{Phrase: "Khankendi", Language: "en", Perspective: "az", Match: framing.MatchWord,
				Note: "Anadolu and other Turkish outlets use it; so does RIA Novosti.", SourceURL: "https://example.org/k"}}}},
	}
}

// In blind mode no outlet's name shows: one masker, the longest name
// first ("RIA Novosti" is not "Outlet A Novosti"), in the description, the
// text and the lexicon's notes; and no badge tells the real article from
// the illustrative rewrites.
func TestBlindModeHidesEveryOutletNameAndWhichArticleIsReal(t *testing.T) {
	ts := newTestServer(t)
	if _, err := ts.Store.CreateLexicon(context.Background(), blindLexicon()); err != nil {
		t.Fatal(err)
	}
	ev := ts.createEvent("Meeting", "", "RIA Novosti and RIA both covered it, as did Anadolu Agency.")
	ts.addArticle(ev, validArticle("RIA", "RIA: leaders meet", "RIA reports that leaders met in Khankendi on Monday."))
	ts.addArticle(ev, validArticle("RIA Novosti", "Leaders meet", "RIA Novosti reports that leaders met in Khankendi today."))
	ts.addArticle(ev, validArticle("Anadolu Agency", "Leaders meet again", "Anadolu reports that the leaders met in Khankendi."))
	rewrite := validArticle("Rewrite desk", "A rewrite", "A rewrite says that the leaders met in the city of Khankendi.")
	rewrite.Illustrative = true
	ts.addArticle(ev, rewrite)

	doc := ts.get(pagePath(ev) + "?blind=1").wantStatus(http.StatusOK).doc()
	html, _ := doc.Html()
	for _, leak := range []string{"RIA", "Novosti", "Anadolu", "Rewrite desk"} {
		if strings.Contains(html, leak) {
			i := strings.Index(html, leak)
			t.Errorf("the blind page shows %q: …%s…", leak, html[max(0, i-80):min(len(html), i+80)])
		}
	}
	if tip, _ := doc.Find("mark.m[title]").First().Attr("title"); !strings.Contains(tip, "Outlet C and other Turkish outlets use it; so does Outlet B.") {
		t.Errorf("tooltip %q", tip)
	}
	if doc.Find(".badge--illustrative").Length() != 0 {
		t.Error("the blind page marks which article is an illustrative rewrite, and so which are real")
	}
	if doc.Find("[data-testid=blind-illustrative]").Length() != 1 {
		t.Error("the blind page does not say that some articles may be rewrites")
	}
	open := ts.get(pagePath(ev)).wantStatus(http.StatusOK).doc()
	if open.Find(".badge--illustrative").Length() != 1 || !strings.Contains(open.Text(), "RIA Novosti") {
		t.Error("the revealed page does not name the outlets and the rewrite")
	}
}

// A student in a blind session finds no way from their page to the public
// pages, which name the outlets, until the reveal.
func TestAStudentsBlindPageLeadsNowhereUntilTheReveal(t *testing.T) {
	f := newClassFixture(t)
	anna := f.student("Anna")
	read := "/sessions/" + id64(f.session.ID) + "/read"
	links := func() []string {
		var out []string
		anna.get(read).wantStatus(http.StatusOK).doc().Find("a[href]").Each(func(_ int, a *goquery.Selection) {
			if href, _ := a.Attr("href"); !strings.HasPrefix(href, "#") {
				out = append(out, href)
			}
		})
		return out
	}
	if got := links(); len(got) != 0 {
		t.Errorf("before the reveal the student's page links to %q", got)
	}
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusOK)
	if got := links(); len(got) == 0 {
		t.Error("after the reveal the student's page still has no navigation")
	}
}
