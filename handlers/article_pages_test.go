package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

func articlePagePath(eventID, articleID int64) string {
	return pagePath(eventID) + "/articles/" + id64(articleID)
}

// damForm is the add/edit form filled with an article about the dam.
func damForm(outlet, body string) url.Values {
	return url.Values{
		"outlet": {outlet}, "headline": {"New dam will water our towns"}, "url": {"https://example.org/dam"},
		"published": {"2024-05-07"}, "language": {"en"}, "byline": {"Staff"}, "body": {body},
	}
}

// checkKept fails when a form shown again lost any typed value.
func checkKept(t *testing.T, d *goquery.Document, typed url.Values) {
	t.Helper()
	for _, f := range []string{"outlet", "headline", "url", "published", "language", "byline", "outlet_country", "outlet_url"} {
		if got := attrOf(d.Find("#f-"+f), "value"); got != typed.Get(f) {
			t.Errorf("%s kept as %q, typed %q", f, got, typed.Get(f))
		}
	}
	if got := d.Find("#f-body").Text(); got != typed.Get("body") {
		t.Errorf("body kept as %q", got)
	}
}

func TestTheArticleFormAsksBeforeSavingANearDuplicateAndSavesOnceConfirmed(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	wire := ts.addArticle(id, validArticle("Ostravia Wire", "Karst Valley dam opens", wireStory))

	typed := damForm("Lowland Daily", republishedStory)
	typed.Set("outlet_country", "Ostravia")
	d := ts.postForm(pagePath(id)+"/articles", typed).wantStatus(http.StatusConflict).doc()
	warning := d.Find("[data-testid=near-duplicate]")
	if warning.Length() != 1 {
		t.Fatalf("no near-duplicate warning: %.500s", textOf(d.Find("main")))
	}
	if got := textOf(warning); !strings.Contains(got, "“Karst Valley dam opens”") || !strings.Contains(got, "Ostravia Wire") {
		t.Errorf("the warning does not name the article: %q", got)
	}
	if attrOf(warning.Find("a"), "href") != pagePath(id)+"#article-"+id64(wire.ID) {
		t.Errorf("the warning links to %q", attrOf(warning.Find("a"), "href"))
	}
	if got := textOf(warning.Find("[data-testid=similarity]")); !strings.HasSuffix(got, "% of the wording is the same") || strings.HasPrefix(got, "100") {
		t.Errorf("similarity shown as %q", got)
	}
	box := d.Find(`form input[type=checkbox][name=allow_near_duplicate]`)
	if box.Length() != 1 {
		t.Fatal("no save-anyway box inside the form")
	}
	if _, checked := box.Attr("checked"); checked {
		t.Error("the save-anyway box is ticked before the person ticked it")
	}
	if d.Find(".error-summary").Length() != 0 {
		t.Error("a near duplicate is shown as a mistake in the form")
	}
	checkKept(t, d, typed)
	if n := len(ts.eventDetail(id).Articles); n != 1 {
		t.Fatalf("%d articles before confirming, want 1", n)
	}

	typed.Set("allow_near_duplicate", "1")
	r := ts.postForm(pagePath(id)+"/articles", typed).wantStatus(http.StatusSeeOther)
	ev := ts.eventDetail(id)
	if len(ev.Articles) != 2 || ev.Articles[1].Outlet != "Lowland Daily" {
		t.Fatalf("after confirming: %+v", ev.Articles)
	}
	if want := pagePath(id) + "#article-" + id64(ev.Articles[1].ID); r.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", r.Header.Get("Location"), want)
	}
}

func TestTheArticleFormRefusesAnExactCopyEvenWhenToldToSaveAnyway(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	typed := damForm("Lowland Daily", wireStory)
	typed.Set("allow_near_duplicate", "1")
	d := ts.postForm(pagePath(id)+"/articles", typed).wantStatus(http.StatusConflict).doc()
	if got := textOf(d.Find("#f-body-error")); !strings.Contains(got, "already in the event") {
		t.Errorf("#f-body-error = %q", got)
	}
	if d.Find("[data-testid=near-duplicate]").Length() != 0 {
		t.Error("an exact copy is offered to be saved anyway")
	}
}

func TestTheArticleFormOffersKnownOutletsAndRemembersANewOnesDetails(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	d := ts.get(pagePath(id) + "/articles/new").wantStatus(http.StatusOK).doc()
	for _, f := range []string{"outlet_country", "outlet_url"} {
		if d.Find(`form input[name="`+f+`"]`).Length() != 1 {
			t.Errorf("no %s field", f)
		}
	}
	if _, open := d.Find("details.outlet-details").Attr("open"); open {
		t.Error("the new outlet's details are open on an empty form")
	}

	typed := damForm("Ostravia Wire", wireStory)
	typed.Set("outlet_country", "Ostravia")
	typed.Set("outlet_url", "https://wire.example.org")
	ts.postForm(pagePath(id)+"/articles", typed).wantStatus(http.StatusSeeOther)

	d = ts.get(pagePath(id) + "/articles/new").wantStatus(http.StatusOK).doc()
	opt := d.Find(`datalist#outlets option[value="Ostravia Wire"]`)
	if opt.Length() != 1 || !strings.Contains(textOf(opt), "Ostravia") {
		t.Errorf("the outlet is not offered with its country: %q", textOf(d.Find("datalist#outlets")))
	}
	var cells []string
	ts.get("/outlets").wantStatus(http.StatusOK).doc().Find("[data-testid=outlet]").Children().Each(func(_ int, c *goquery.Selection) {
		cells = append(cells, textOf(c))
	})
	if got := strings.Join(cells, "|"); got != "Ostravia Wire|Ostravia|en|https://wire.example.org|1|Its wording: Ostravia Wire" {
		t.Errorf("outlets page row = %q", got)
	}

	bad := damForm("Another Outlet", independentStory)
	bad.Set("outlet_url", "wire.example.org")
	d = ts.postForm(pagePath(id)+"/articles", bad).wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find("#f-outlet_url-error").Length() != 1 {
		t.Error("no message next to the outlet's website")
	}
	if _, open := d.Find("details.outlet-details").Attr("open"); !open {
		t.Error("the details holding the mistake are closed")
	}
	checkKept(t, d, bad)
}

func TestEveryArticleEditRouteSendsAVisitorToLogInAndChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	a := ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	form := damForm("Changed", independentStory)
	form.Set("confirm", "yes")
	p := articlePagePath(id, a.ID)
	for _, r := range []struct{ method, path string }{
		{"GET", p + "/edit"}, {"POST", p + "/edit"}, {"GET", p + "/delete"}, {"POST", p + "/delete"},
	} {
		var got reply
		if r.method == "GET" {
			got = ts.get(r.path)
		} else {
			got = ts.postForm(r.path, form)
		}
		if got.Status != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s %s without login: %d to %q", r.method, r.path, got.Status, got.Header.Get("Location"))
		}
	}
	if got := ts.eventDetail(id).Articles; len(got) != 1 || got[0].Headline != "Dam opens" {
		t.Errorf("changed without a login: %+v", got)
	}
	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if d.Find("[data-testid=edit-article]").Length() != 0 {
		t.Error("a visitor sees edit links")
	}
}

func TestALoggedInUserFindsAnEditLinkOnEachArticleExceptInBlindMode(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	b := ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))
	d := editor.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	for _, art := range []storedArticle{a, b} {
		link := d.Find("#article-" + id64(art.ID) + " [data-testid=edit-article]")
		if attrOf(link, "href") != articlePagePath(id, art.ID)+"/edit" {
			t.Errorf("article %d edit link %q", art.ID, attrOf(link, "href"))
		}
	}
	if editor.get(pagePath(id)+"?blind=1").doc().Find("[data-testid=edit-article]").Length() != 0 {
		t.Error("blind mode shows edit links, which name the headline")
	}
}

func TestTheEditFormShowsTheArticleAndSavesChanges(t *testing.T) {
	ts := newTestServer(t)
	editor := ts.loggedInAs("editor", framing.RoleTeacher)
	id := ts.createEvent("Dam opens", "2024-05-07", "")
	other := ts.createEvent("Other event", "", "")
	in := validArticle("Ostravia Wire", "Dam opens", wireStory)
	in.Byline, in.Illustrative = "Staff", true
	a := ts.addArticle(id, in)

	d := editor.get(articlePagePath(id, a.ID) + "/edit").wantStatus(http.StatusOK).doc()
	form := d.Find(`form[method="post"][action="` + articlePagePath(id, a.ID) + `/edit"]`)
	if form.Length() != 1 {
		t.Fatal("no form posting to the edit address")
	}
	for f, want := range map[string]string{"outlet": "Ostravia Wire", "headline": "Dam opens", "byline": "Staff",
		"published": "2022-09-07", "language": "en", "url": in.URL} {
		if got := attrOf(d.Find("#f-"+f), "value"); got != want {
			t.Errorf("%s shown as %q, want %q", f, got, want)
		}
	}
	if d.Find("#f-body").Text() != wireStory {
		t.Error("the body is not in the form")
	}
	if _, ok := d.Find("#f-illustrative").Attr("checked"); !ok {
		t.Error("the illustrative box is not ticked")
	}
	var options []string
	d.Find("select#f-event_id option").Each(func(_ int, o *goquery.Selection) { options = append(options, attrOf(o, "value")) })
	if strings.Join(options, ",") != id64(id)+","+id64(other) {
		t.Errorf("event choices %v", options)
	}
	if attrOf(d.Find("select#f-event_id option[selected]"), "value") != id64(id) {
		t.Error("the article's own event is not the one chosen")
	}
	if d.Find(`form[action="`+articlePagePath(id, a.ID)+`/delete"] button`).Length() != 1 {
		t.Error("no delete button")
	}

	changed := damForm("Hill Courier", independentStory)
	changed.Set("event_id", id64(id))
	r := editor.postForm(articlePagePath(id, a.ID)+"/edit", changed).wantStatus(http.StatusSeeOther)
	if want := pagePath(id) + "?saved=article#article-" + id64(a.ID); r.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", r.Header.Get("Location"), want)
	}
	got := ts.eventDetail(id).Articles
	if len(got) != 1 || got[0].Outlet != "Hill Courier" || got[0].Body != independentStory || got[0].Illustrative {
		t.Errorf("stored after the edit: %+v", got)
	}
	page := editor.get(pagePath(id) + "?saved=article").doc()
	if !strings.Contains(textOf(page.Find("[data-testid=saved-notice]")), "Article saved") {
		t.Error("the event page does not confirm the edit")
	}
}

func TestTheEditFormKeepsTypedInputOnEveryRefusal(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	other := ts.createEvent("Other event", "", "")
	ts.addArticle(other, validArticle("Lowland Daily", "Dam", republishedStory))

	tests := []struct {
		name, field, eventID, body, headline string
		status                               int
	}{
		{"invalid fields", "headline", id64(id), wireStory, "", http.StatusUnprocessableEntity},
		{"move into an event with the same text", "event_id", id64(other), republishedStory, "Moved", http.StatusConflict},
		{"move into a missing event", "event_id", id64(other + 100), wireStory, "Moved", http.StatusNotFound},
		{"an event that is not a number", "event_id", "abc", wireStory, "Moved", http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			typed := damForm("Typed Outlet", tt.body)
			typed.Set("headline", tt.headline)
			typed.Set("event_id", tt.eventID)
			d := editor.postForm(articlePagePath(id, a.ID)+"/edit", typed).wantStatus(tt.status).doc()
			if d.Find(`.error-summary a[href="#f-`+tt.field+`"]`).Length() != 1 || d.Find("#f-"+tt.field+"-error").Length() != 1 {
				t.Errorf("no message on %s: %q", tt.field, textOf(d.Find(".error-summary")))
			}
			checkKept(t, d, typed)
		})
	}
	if got := ts.eventDetail(id).Articles; len(got) != 1 || got[0].Headline != "Dam opens" {
		t.Errorf("a refused edit changed the article: %+v", got)
	}
}

func TestTheEditFormMovesAnArticleToTheChosenEvent(t *testing.T) {
	ts := newTestServer(t)
	editor, from, a := ts.damStory()
	to := ts.createEvent("To", "", "")
	form := damForm("Ostravia Wire", wireStory)
	form.Set("event_id", id64(to))
	r := editor.postForm(articlePagePath(from, a.ID)+"/edit", form).wantStatus(http.StatusSeeOther)
	if want := pagePath(to) + "?saved=article#article-" + id64(a.ID); r.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", r.Header.Get("Location"), want)
	}
	if len(ts.eventDetail(from).Articles) != 0 || len(ts.eventDetail(to).Articles) != 1 {
		t.Error("the article was not moved")
	}
	// Its old address now names nothing.
	editor.get(articlePagePath(from, a.ID) + "/edit").wantErrorPage(http.StatusNotFound)
}

func TestArticlePagesWithWrongIDsAre404ErrorPages(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	other := ts.createEvent("Other", "", "")
	for _, p := range []string{
		articlePagePath(id, a.ID+100), articlePagePath(other, a.ID), pagePath(id) + "/articles/abc",
		"/events/abc/articles/" + id64(a.ID), articlePagePath(id+100, a.ID),
	} {
		for _, suffix := range []string{"/edit", "/delete"} {
			d := editor.get(p + suffix).wantErrorPage(http.StatusNotFound)
			if msg := textOf(d.Find("main")); !strings.Contains(msg, "no article") && !strings.Contains(msg, "no event") {
				t.Errorf("%s%s: message %q", p, suffix, msg)
			}
			editor.postForm(p+suffix, url.Values{"confirm": {"yes"}}).wantErrorPage(http.StatusNotFound)
		}
	}
	if len(ts.eventDetail(id).Articles) != 1 {
		t.Error("a wrong address deleted the article")
	}
}

func TestDeletingAnArticleAsksFirstThenRemovesIt(t *testing.T) {
	ts := newTestServer(t)
	editor, id, a := ts.damStory()
	b := ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))
	p := articlePagePath(id, a.ID) + "/delete"

	// The edit page's button posts without the confirmation: that only asks.
	for _, d := range []*goquery.Document{
		editor.postForm(p, url.Values{}).wantStatus(http.StatusOK).doc(),
		editor.get(p).wantStatus(http.StatusOK).doc(),
	} {
		confirm := d.Find("[data-testid=confirm-delete]")
		if !strings.Contains(textOf(confirm), "“Dam opens” by Ostravia Wire") {
			t.Errorf("the confirmation does not name the article: %q", textOf(confirm))
		}
		form := confirm.Find(`form[method="post"][action="` + p + `"]`)
		if attrOf(form.Find(`input[name=confirm]`), "value") != "yes" || form.Find("button").Length() != 1 {
			t.Error("the confirmation has no confirming form")
		}
		if attrOf(confirm.Find("a"), "href") != articlePagePath(id, a.ID)+"/edit" {
			t.Error("the confirmation has no way back")
		}
	}
	if len(ts.eventDetail(id).Articles) != 2 {
		t.Fatal("asking deleted the article")
	}

	r := editor.postForm(p, url.Values{"confirm": {"yes"}}).wantStatus(http.StatusSeeOther)
	if want := pagePath(id) + "?saved=deleted"; r.Header.Get("Location") != want {
		t.Errorf("Location %q, want %q", r.Header.Get("Location"), want)
	}
	if got := ts.eventDetail(id).Articles; len(got) != 1 || got[0].ID != b.ID {
		t.Errorf("left %+v", got)
	}
	if !strings.Contains(textOf(editor.get(pagePath(id)+"?saved=deleted").doc().Find("[data-testid=saved-notice]")), "Article deleted") {
		t.Error("the event page does not confirm the deletion")
	}
	editor.postForm(p, url.Values{"confirm": {"yes"}}).wantErrorPage(http.StatusNotFound)
}

func TestTheOutletsPageListsOutletsAndLetsALoggedInUserEditThem(t *testing.T) {
	ts := newTestServer(t)
	d := ts.get("/outlets").wantStatus(http.StatusOK).doc()
	if !strings.Contains(textOf(d.Find(".empty-state")), "No outlets yet") {
		t.Error("no empty state without outlets")
	}
	if ts.get("/").doc().Find(`nav a[href="/outlets"]`).Length() != 1 {
		t.Error("the navigation has no link to the outlets")
	}

	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	ts.addArticle(id, validArticle("Hill Courier", "Reservoir", independentStory))
	other := ts.createEvent("Other", "", "")
	ts.addArticle(other, validArticle("Ostravia Wire", "Again", wireStory))

	d = ts.get("/outlets").wantStatus(http.StatusOK).doc()
	var rows []string
	d.Find("[data-testid=outlet]").Each(func(_ int, tr *goquery.Selection) {
		rows = append(rows, textOf(tr.Find("th"))+"="+textOf(tr.Find("[data-testid=outlet-articles]")))
	})
	if strings.Join(rows, " ") != "Hill Courier=1 Ostravia Wire=2" {
		t.Errorf("rows %v", rows)
	}
	if d.Find(`a[href$="/edit"]`).Length() != 0 {
		t.Error("a visitor sees edit links")
	}

	editor := ts.loggedInAs("editor", framing.RoleTeacher)
	link := editor.get("/outlets").doc().Find(`#outlet-2 a[href$="/edit"]`)
	if attrOf(link, "href") != "/outlets/2/edit" {
		t.Fatalf("edit link %q", attrOf(link, "href"))
	}
	d = editor.get("/outlets/2/edit").wantStatus(http.StatusOK).doc()
	if textOf(d.Find("h1")) != "Hill Courier" || attrOf(d.Find("#f-language"), "value") != "en" {
		t.Errorf("the edit form shows %q with language %q", textOf(d.Find("h1")), attrOf(d.Find("#f-language"), "value"))
	}

	bad := url.Values{"country": {"Ostravia"}, "language": {"english"}, "url": {"hill.example.org"}}
	d = editor.postForm("/outlets/2/edit", bad).wantStatus(http.StatusUnprocessableEntity).doc()
	for _, f := range []string{"language", "url"} {
		if d.Find("#f-"+f+"-error").Length() != 1 {
			t.Errorf("no message on %s", f)
		}
		if attrOf(d.Find("#f-"+f), "value") != bad.Get(f) {
			t.Errorf("%s not kept", f)
		}
	}
	if attrOf(d.Find("#f-country"), "value") != "Ostravia" {
		t.Error("country not kept")
	}

	good := url.Values{"country": {"Ostravia"}, "language": {"en"}, "url": {"https://hill.example.org"}}
	r := editor.postForm("/outlets/2/edit", good).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/outlets?saved=outlet#outlet-2" {
		t.Errorf("Location %q", r.Header.Get("Location"))
	}
	d = editor.get("/outlets?saved=outlet").doc()
	if !strings.Contains(textOf(d.Find(".notice")), "Outlet saved") || !strings.Contains(textOf(d.Find("#outlet-2")), "https://hill.example.org") {
		t.Errorf("after saving: %q", textOf(d.Find("main")))
	}
}

func TestOutletEditRoutesNeedALoginAndAnOutletThatExists(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Dam opens", "", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Dam opens", wireStory))
	for _, r := range []reply{ts.get("/outlets/1/edit"), ts.postForm("/outlets/1/edit", url.Values{"country": {"X"}})} {
		if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s %s without login: %d to %q", r.Method, r.Path, r.Status, r.Header.Get("Location"))
		}
	}
	editor := ts.loggedInAs("editor", framing.RoleTeacher)
	for _, p := range []string{"/outlets/99/edit", "/outlets/x/edit", "/outlets/0/edit"} {
		d := editor.get(p).wantErrorPage(http.StatusNotFound)
		if !strings.Contains(textOf(d.Find("main")), "no outlet") {
			t.Errorf("%s: %q", p, textOf(d.Find("main")))
		}
		editor.postForm(p, url.Values{}).wantErrorPage(http.StatusNotFound)
	}
	var list struct {
		Outlets []struct{ Country string } `json:"outlets"`
	}
	ts.get("/api/outlets").decode(&list)
	if list.Outlets[0].Country != "" {
		t.Error("an outlet changed without a login")
	}
}
