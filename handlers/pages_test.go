package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

func textOf(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func attrOf(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

func TestHomeWithoutEventsShowsAnEmptyStateLinkingToTheNewEventForm(t *testing.T) {
	ts := newTestServer(t)
	d := ts.get("/").wantStatus(http.StatusOK).doc()
	empty := d.Find(".empty-state")
	if !strings.Contains(textOf(empty), "No events yet") {
		t.Errorf("empty state = %q, want \"No events yet\"", textOf(empty))
	}
	if empty.Find(`a[href="/events/new"]`).Length() != 1 {
		t.Error("the empty state has no link to /events/new")
	}
	if d.Find("[data-testid=event-list]").Length() != 0 {
		t.Error("an empty home shows an event list")
	}
}

func TestHomeListsEveryEventWithItsArticleCountOutletsAndLink(t *testing.T) {
	ts := newTestServer(t)
	three := ts.createEvent("Three articles", "2022-09-07", "")
	one := ts.createEvent("One article", "2021-05-01", "")
	none := ts.createEvent("No article", "2020-01-01", "")
	ts.addArticle(three, validArticle("Asbarez", "A", "The leaders met in Northburg on Wednesday."))
	ts.addArticle(three, validArticle("Reuters", "B", "The two leaders met in Southville on Wednesday."))
	ts.addArticle(three, validArticle("Anadolu Agency", "C", "A third text about the meeting of the two leaders."))
	ts.addArticle(one, validArticle("Asbarez", "D", "A text about an entirely different happening."))

	d := ts.get("/").wantStatus(http.StatusOK).doc()
	if d.Find(".empty-state").Length() != 0 {
		t.Error("the home page with events still shows the empty state")
	}
	items := d.Find("[data-testid=event-list] > li")
	if items.Length() != 3 {
		t.Fatalf("event list has %d items, want 3", items.Length())
	}
	want := []struct {
		id            int64
		title, count  string
		outlets, date string
	}{
		{three, "Three articles", "3 articles", "Asbarez · Reuters · Anadolu Agency", "7 September 2022"},
		{one, "One article", "1 article", "Asbarez", "1 May 2021"},
		{none, "No article", "0 articles", "No articles yet — add some to compare.", "1 January 2020"},
	}
	items.Each(func(i int, li *goquery.Selection) {
		w := want[i]
		link := li.Find("h2 a")
		if textOf(link) != w.title || attrOf(link, "href") != pagePath(w.id) {
			t.Errorf("item %d links %q to %q, want %q to %q", i, textOf(link), attrOf(link, "href"), w.title, pagePath(w.id))
		}
		if got := textOf(li.Find("[data-testid=article-count]")); got != w.count {
			t.Errorf("item %d count = %q, want %q", i, got, w.count)
		}
		if got := strings.TrimPrefix(textOf(li.Find(".outlets")), "Outlets: "); got != w.outlets {
			t.Errorf("item %d outlets = %q, want %q", i, got, w.outlets)
		}
		if got := textOf(li.Find("time")); got != w.date {
			t.Errorf("item %d date = %q, want %q", i, got, w.date)
		}
	})
}

func TestTheNewEventFormHasTitleDateAndDescriptionFieldsPostingToEvents(t *testing.T) {
	ts := newTestServer(t)
	d := ts.get("/events/new").wantStatus(http.StatusOK).doc()
	form := d.Find(`form[method="post"][action="/events"]`)
	if form.Length() != 1 {
		t.Fatal("no form posting to /events")
	}
	for _, f := range []struct{ sel, id string }{
		{`input[name="title"]`, "f-title"}, {`input[name="date"][type="date"]`, "f-date"}, {`textarea[name="description"]`, "f-description"},
	} {
		field := form.Find(f.sel)
		if field.Length() != 1 || attrOf(field, "id") != f.id {
			t.Errorf("field %s: found %d with id %q", f.sel, field.Length(), attrOf(field, "id"))
		}
		if form.Find(`label[for="`+f.id+`"]`).Length() != 1 {
			t.Errorf("field %s has no label", f.id)
		}
	}
	if d.Find(".error-summary").Length() != 0 || d.Find("[aria-invalid]").Length() != 0 {
		t.Error("a fresh form shows errors")
	}
}

func TestPostingAValidEventFormRedirects303ToTheNewEvent(t *testing.T) {
	ts := newTestServer(t)
	r := ts.postForm("/events", url.Values{"title": {" Lachin corridor closed "}, "date": {"2022-12-12"}, "description": {"Road blocked."}}).
		wantStatus(http.StatusSeeOther)
	loc := r.Header.Get("Location")
	m := regexp.MustCompile(`^/events/(\d+)$`).FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("Location = %q, want /events/{id}", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if ev := ts.eventDetail(id); ev.Title != "Lachin corridor closed" || ev.Date != "2022-12-12" || ev.Description != "Road blocked." {
		t.Errorf("stored event = %+v", ev.createdEvent)
	}
	d := ts.get(loc).wantStatus(http.StatusOK).doc()
	if textOf(d.Find("h1")) != "Lachin corridor closed" || !strings.Contains(textOf(d.Find(".empty-state")), "No articles yet") {
		t.Errorf("the new event's page: h1 %q, empty state %q", textOf(d.Find("h1")), textOf(d.Find(".empty-state")))
	}
}

func TestPostingAnEventFormWithoutATitleAnswers422AndKeepsWhatWasTyped(t *testing.T) {
	ts := newTestServer(t)
	typed := url.Values{"title": {"  "}, "date": {"2022-09-07"}, "description": {"Typed <b>text</b>\nover two lines"}}
	d := ts.postForm("/events", typed).wantStatus(http.StatusUnprocessableEntity).doc()

	summary := d.Find(".error-summary")
	if summary.Length() != 1 || attrOf(summary, "role") != "alert" {
		t.Fatalf("error summary: %d found, role %q", summary.Length(), attrOf(summary, "role"))
	}
	link := summary.Find(`a[href="#f-title"]`)
	if link.Length() != 1 || !strings.Contains(textOf(link), "Title is required") {
		t.Errorf("summary link to #f-title = %q", textOf(link))
	}
	if got := textOf(d.Find("#f-title-error")); !strings.Contains(got, "Title is required") {
		t.Errorf("#f-title-error = %q", got)
	}
	title := d.Find("#f-title")
	if _, ok := title.Attr("aria-invalid"); !ok {
		t.Error("the title input is not aria-invalid")
	}
	if !strings.Contains(attrOf(title, "aria-describedby"), "f-title-error") {
		t.Errorf("the title input is described by %q, want the error", attrOf(title, "aria-describedby"))
	}
	if got := attrOf(d.Find("#f-date"), "value"); got != "2022-09-07" {
		t.Errorf("date kept as %q", got)
	}
	if got := d.Find("#f-description").Text(); got != "Typed <b>text</b>\nover two lines" {
		t.Errorf("description kept as %q", got)
	}
	if _, ok := d.Find("#f-date").Attr("aria-invalid"); ok {
		t.Error("the valid date is marked invalid")
	}
	if r := ts.get("/api/events"); strings.TrimSpace(r.Body) != `{"events":[]}` {
		t.Errorf("the invalid event was stored: %s", r.Body)
	}
}

func TestPostingAnEventFormWithABadDateMarksOnlyTheDate(t *testing.T) {
	ts := newTestServer(t)
	d := ts.postForm("/events", url.Values{"title": {"Meeting"}, "date": {"07/09/2022"}}).wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find(`.error-summary a[href="#f-date"]`).Length() != 1 || d.Find("#f-date-error").Length() != 1 {
		t.Error("the date error is not in the summary and next to the field")
	}
	if _, ok := d.Find("#f-title").Attr("aria-invalid"); ok {
		t.Error("the valid title is marked invalid")
	}
	if got := attrOf(d.Find("#f-title"), "value"); got != "Meeting" {
		t.Errorf("title kept as %q", got)
	}
}

func TestTheEventPageShowsOneColumnPerArticleWithOutletHeadlineAndParagraphs(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "2022-09-07", "Two leaders met.")
	first := ts.addArticle(id, framing.ArticleInput{Outlet: "Asbarez", Headline: "Leaders meet in Northburg", Language: "en",
		Byline: "A. Writer", Published: "2022-09-08", URL: "https://example.org/asbarez", Body: threeParagraphs})
	second := ts.addArticle(id, validArticle("Anadolu Agency", "Talks in Southville", "One paragraph about the talks in Southville."))

	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if textOf(d.Find("h1")) != "Leaders meet" || !strings.Contains(textOf(d.Find(".page-heading .lead")), "Two leaders met.") {
		t.Errorf("heading %q, lead %q", textOf(d.Find("h1")), textOf(d.Find(".page-heading .lead")))
	}
	cols := d.Find("[data-testid=article]")
	if cols.Length() != 2 {
		t.Fatalf("%d article columns, want 2", cols.Length())
	}
	c1, c2 := cols.Eq(0), cols.Eq(1)
	if attrOf(c1, "id") != "article-"+id64(first.ID) || attrOf(c2, "id") != "article-"+id64(second.ID) {
		t.Errorf("column ids %q %q", attrOf(c1, "id"), attrOf(c2, "id"))
	}
	if textOf(c1.Find(".column__outlet")) != "Asbarez" || textOf(c1.Find(".column__headline")) != "Leaders meet in Northburg" {
		t.Errorf("first column: outlet %q headline %q", textOf(c1.Find(".column__outlet")), textOf(c1.Find(".column__headline")))
	}
	if attrOf(c1, "lang") != "en" || !strings.Contains(textOf(c1.Find(".meta")), "A. Writer") || textOf(c1.Find("time")) != "8 September 2022" {
		t.Errorf("first column meta = %q", textOf(c1.Find(".meta")))
	}
	if link := c1.Find(`a[href="https://example.org/asbarez"]`); link.Length() != 1 || !strings.Contains(attrOf(link, "rel"), "noopener") {
		t.Error("the original's link is missing or lacks rel=noopener")
	}
	var paras []string
	c1.Find(".column__body p").Each(func(_ int, p *goquery.Selection) { paras = append(paras, textOf(p)) })
	want := []string{"Leaders met in Northburg on Wednesday to talk about the region.", "They spoke for two hours, aides said.", "No agreement was signed."}
	if strings.Join(paras, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q, want %q", paras, want)
	}
	if textOf(c2.Find(".column__outlet")) != "Anadolu Agency" || c2.Find(".column__body p").Length() != 1 {
		t.Errorf("second column: outlet %q, %d threeParagraphs", textOf(c2.Find(".column__outlet")), c2.Find(".column__body p").Length())
	}
	if !strings.Contains(textOf(d.Find(".page-heading .meta")), "2 articles") {
		t.Errorf("heading meta = %q, want 2 articles", textOf(d.Find(".page-heading .meta")))
	}
	if d.Find(`a[href="`+pagePath(id)+`/articles/new"]`).Length() == 0 {
		t.Error("no link to add an article")
	}
}

func TestTheEventPageMarksTheLexiconsWordingsAndComparesThem(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon()
	id := ts.createEvent("Leaders meet", "", "")
	ts.addArticle(id, validArticle("North Post", "N", "The leaders met in Northburg on Wednesday."))
	ts.addArticle(id, validArticle("South Daily", "S", "The leaders met in Southville on Wednesday."))
	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	marks := d.Find("[data-testid=article] mark")
	if marks.Length() != 2 || textOf(marks.Eq(0)) != "Northburg" || textOf(marks.Eq(1)) != "Southville" {
		t.Errorf("marked words: %d, %q", marks.Length(), textOf(marks))
	}
	row := d.Find("[data-testid=comparison-row]")
	if row.Length() != 1 || textOf(row.Find("th")) != "The main city" {
		t.Fatalf("comparison rows: %d %q", row.Length(), textOf(row.Find("th")))
	}
	cells := row.Find("td .cell-term__phrase")
	if cells.Length() != 2 || textOf(cells.Eq(0)) != "Northburg" || textOf(cells.Eq(1)) != "Southville" {
		t.Errorf("comparison cells = %q", textOf(cells))
	}
}

func TestOnlyIllustrativeArticlesCarryTheIllustrativeRewriteBadge(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	genuine := ts.addArticle(id, validArticle("Asbarez", "Real", "A real article about the leaders meeting."))
	rewrite := validArticle("Rewrite", "Rewrite", "A rewrite written to show another usage.")
	rewrite.Illustrative = true
	ill := ts.addArticle(id, rewrite)

	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if n := d.Find("#article-" + id64(genuine.ID) + " .badge--illustrative").Length(); n != 0 {
		t.Errorf("the real article has %d illustrative badges", n)
	}
	badge := d.Find("#article-" + id64(ill.ID) + " .badge--illustrative")
	if badge.Length() != 1 || !strings.Contains(textOf(badge), "Illustrative rewrite") {
		t.Errorf("the illustrative article's badge = %q", textOf(badge))
	}
	if n := d.Find(".badge--illustrative").Length(); n != 1 {
		t.Errorf("%d badges on the page, want 1", n)
	}
}

func TestTheEventPageEscapesHTMLInHeadlineBodyAndOutlet(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent(`Event <i>title</i>`, "", `Lead <img src=x onerror=alert(2)>`)
	a := ts.addArticle(id, framing.ArticleInput{Outlet: `<b>Outlet</b>`, Headline: `<script>alert(1)</script>`, Language: "en",
		Byline: `<u>by</u>`, Body: `Body with <script>alert(3)</script> & "quotes" in it.`})

	for _, path := range []string{pagePath(id), "/"} {
		r := ts.get(path).wantStatus(http.StatusOK)
		for _, raw := range []string{"<script>alert", "<img src=x", "<b>Outlet</b>", "<i>title</i>", "<u>by</u>"} {
			if strings.Contains(r.Body, raw) {
				t.Errorf("%s: the raw markup %q reached the page", path, raw)
			}
		}
	}
	r := ts.get(pagePath(id))
	if !strings.Contains(r.Body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the headline is not shown as escaped text")
	}
	d := r.doc()
	col := d.Find("#article-" + id64(a.ID))
	if textOf(col.Find(".column__headline")) != "<script>alert(1)</script>" || textOf(col.Find(".column__outlet")) != "<b>Outlet</b>" {
		t.Errorf("the typed text is not shown as typed: headline %q outlet %q", textOf(col.Find(".column__headline")), textOf(col.Find(".column__outlet")))
	}
	if textOf(col.Find(".column__body p")) != `Body with <script>alert(3)</script> & "quotes" in it.` {
		t.Errorf("body = %q", textOf(col.Find(".column__body p")))
	}
	if d.Find("script:not([src])").Length() != 0 {
		t.Error("the page has an inline script")
	}
}

func TestAMissingOrNonNumericEventPageIsA404ErrorPage(t *testing.T) {
	ts := newTestServer(t)
	ts.createEvent("The only event", "", "")
	for _, path := range []string{"/events/999", "/events/abc", "/events/0", "/events/-1"} {
		d := ts.get(path).wantErrorPage(http.StatusNotFound)
		if textOf(d.Find("h1")) != "Not found" {
			t.Errorf("%s: heading %q", path, textOf(d.Find("h1")))
		}
		if d.Find(`a[href="/"]`).Length() == 0 {
			t.Errorf("%s: the error page has no way back", path)
		}
	}
}

func TestTheArticleFormOffersPreviouslyUsedOutletsAndDefaultsTheLanguageToEn(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	other := ts.createEvent("Other", "", "")
	ts.addArticle(other, validArticle("Asbarez", "A", "The leaders met in Northburg on Wednesday."))
	ts.addArticle(other, validArticle("Anadolu Agency", "B", "The leaders met in Southville on Wednesday."))

	d := ts.get(pagePath(id) + "/articles/new").wantStatus(http.StatusOK).doc()
	form := d.Find(`form[method="post"][action="` + pagePath(id) + `/articles"]`)
	if form.Length() != 1 {
		t.Fatal("no form posting to the event's articles")
	}
	var outlets []string
	d.Find("datalist#outlets option").Each(func(_ int, o *goquery.Selection) { outlets = append(outlets, attrOf(o, "value")) })
	if strings.Join(outlets, "|") != "Anadolu Agency|Asbarez" {
		t.Errorf("outlets offered = %q, want Anadolu Agency and Asbarez", outlets)
	}
	if attrOf(d.Find("#f-outlet"), "list") != "outlets" {
		t.Error("the outlet field does not use the outlets list")
	}
	if got := attrOf(d.Find("#f-language"), "value"); got != "en" {
		t.Errorf("language defaults to %q, want en", got)
	}
	for _, name := range []string{"outlet", "headline", "published", "language", "url", "byline"} {
		if form.Find(`input[name="`+name+`"]`).Length() != 1 {
			t.Errorf("no input named %s", name)
		}
	}
	if form.Find(`textarea[name="body"]`).Length() != 1 || form.Find(`input[type="checkbox"][name="illustrative"]`).Length() != 1 {
		t.Error("no body textarea or illustrative checkbox")
	}
	if _, ok := d.Find("#f-illustrative").Attr("checked"); ok {
		t.Error("the illustrative box is ticked on a fresh form")
	}
	if !strings.Contains(textOf(d.Find(".breadcrumb")), "Leaders meet") {
		t.Error("the form does not name its event")
	}
}

func TestTheArticleFormForAMissingEventIsA404ErrorPage(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/events/999/articles/new", "/events/x/articles/new"} {
		ts.get(path).wantErrorPage(http.StatusNotFound)
	}
}

func articleForm() url.Values {
	return url.Values{
		"outlet": {"Classroom Gazette"}, "headline": {"Leaders meet"}, "url": {"https://example.org/gazette"},
		"published": {"2022-09-07"}, "language": {"en"}, "byline": {"A. Student"}, "illustrative": {"1"},
		"body": {"The two leaders met in Vladivostok and talked about the region."},
	}
}

func TestPostingAValidArticleFormRedirects303ToTheArticleOnItsEvent(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	r := ts.postForm(pagePath(id)+"/articles", articleForm()).wantStatus(http.StatusSeeOther)
	ev := ts.eventDetail(id)
	if len(ev.Articles) != 1 {
		t.Fatalf("%d articles stored, want 1", len(ev.Articles))
	}
	a := ev.Articles[0]
	if want := pagePath(id) + "#article-" + id64(a.ID); r.Header.Get("Location") != want {
		t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
	}
	if a.Outlet != "Classroom Gazette" || a.Byline != "A. Student" || !a.Illustrative || a.Published != "2022-09-07" {
		t.Errorf("stored article = %+v", a)
	}
	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if d.Find("#article-"+id64(a.ID)).Length() != 1 {
		t.Error("the anchor of the redirect is not on the event page")
	}
	// Without the checkbox the article is not illustrative.
	form := articleForm()
	form.Del("illustrative")
	form.Set("body", "Another text about the meeting of the two leaders.")
	ts.postForm(pagePath(id)+"/articles", form).wantStatus(http.StatusSeeOther)
	if ev := ts.eventDetail(id); len(ev.Articles) != 2 || ev.Articles[1].Illustrative {
		t.Errorf("an unticked box stored illustrative: %+v", ev.Articles)
	}
}

func TestPostingAnInvalidArticleFormAnswers422KeepingEveryTypedValue(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	typed := articleForm()
	typed.Set("url", "not a url")
	typed.Set("headline", "")
	typed.Set("body", "Too short <b>")
	d := ts.postForm(pagePath(id)+"/articles", typed).wantStatus(http.StatusUnprocessableEntity).doc()

	for _, f := range []string{"headline", "url", "body"} {
		if d.Find(`.error-summary a[href="#f-`+f+`"]`).Length() != 1 {
			t.Errorf("the summary does not link to #f-%s", f)
		}
		if d.Find("#f-"+f+"-error").Length() != 1 {
			t.Errorf("no message next to %s", f)
		}
		if _, ok := d.Find("#f-" + f).Attr("aria-invalid"); !ok {
			t.Errorf("%s is not aria-invalid", f)
		}
	}
	if got := textOf(d.Find("#f-url-error")); !strings.Contains(got, "http") {
		t.Errorf("url message = %q", got)
	}
	for _, f := range []string{"outlet", "headline", "url", "published", "language", "byline"} {
		if got := attrOf(d.Find("#f-"+f), "value"); got != typed.Get(f) {
			t.Errorf("%s kept as %q, typed %q", f, got, typed.Get(f))
		}
	}
	if got := d.Find("#f-body").Text(); got != typed.Get("body") {
		t.Errorf("body kept as %q", got)
	}
	if _, ok := d.Find("#f-illustrative").Attr("checked"); !ok {
		t.Error("the illustrative box was unticked")
	}
	if _, ok := d.Find("#f-outlet").Attr("aria-invalid"); ok {
		t.Error("the valid outlet is marked invalid")
	}
	if ev := ts.eventDetail(id); len(ev.Articles) != 0 {
		t.Errorf("an invalid article was stored: %+v", ev.Articles)
	}
}

func TestPostingADuplicateArticleFormAnswers409WithTheMessageOnTheBody(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	ts.postForm(pagePath(id)+"/articles", articleForm()).wantStatus(http.StatusSeeOther)
	again := articleForm()
	again.Set("outlet", "Second Outlet")
	d := ts.postForm(pagePath(id)+"/articles", again).wantStatus(http.StatusConflict).doc()
	if got := textOf(d.Find("#f-body-error")); !strings.Contains(got, "already in the event") {
		t.Errorf("#f-body-error = %q", got)
	}
	if d.Find(`.error-summary a[href="#f-body"]`).Length() != 1 {
		t.Error("the summary does not link to the body")
	}
	if got := attrOf(d.Find("#f-outlet"), "value"); got != "Second Outlet" {
		t.Errorf("outlet kept as %q", got)
	}
	if ev := ts.eventDetail(id); len(ev.Articles) != 1 {
		t.Errorf("%d articles after the duplicate, want 1", len(ev.Articles))
	}
}

func TestPostingAnArticleFormOver2MiBAnswers413AndShowsTheFormAgain(t *testing.T) {
	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	big := articleForm()
	big.Set("body", longText(framing.MaxBodyBytes+100))
	d := ts.postForm(pagePath(id)+"/articles", big).wantStatus(http.StatusRequestEntityTooLarge).doc()
	if got := textOf(d.Find("#f-body-error")); !strings.Contains(got, "the limit is 2 MB") {
		t.Errorf("#f-body-error = %q", got)
	}
	if got := attrOf(d.Find("#f-headline"), "value"); got != "Leaders meet" {
		t.Errorf("headline kept as %q", got)
	}
	if d.Find(`form[action="`+pagePath(id)+`/articles"]`).Length() != 1 {
		t.Error("the form is not shown again")
	}
	if ev := ts.eventDetail(id); len(ev.Articles) != 0 {
		t.Errorf("an oversized article was stored")
	}
}

func TestPostingAnArticleFormBetween8MBAnd8MiBIsShownBackNotRefusedWhole(t *testing.T) {

	ts := newTestServer(t)
	id := ts.createEvent("Leaders meet", "", "")
	big := articleForm()
	big.Set("body", longText(8_200_000))
	if n := len(big.Encode()); n <= 8_000_000 || n >= 8<<20 {
		t.Fatalf("request of %d bytes is not between 8 MB and 8 MiB", n)
	}
	d := ts.postForm(pagePath(id)+"/articles", big).wantStatus(http.StatusRequestEntityTooLarge).doc()
	if d.Find(`form[action="`+pagePath(id)+`/articles"]`).Length() != 1 || d.Find("#f-body-error").Length() != 1 {
		t.Error("a request under MaxRequestBytes did not reach the form handler")
	}
}

func TestPostingAnArticleFormToAMissingEventIsA404ErrorPage(t *testing.T) {
	ts := newTestServer(t)
	ts.postForm("/events/999/articles", articleForm()).wantErrorPage(http.StatusNotFound)
	ts.postForm("/events/abc/articles", articleForm()).wantErrorPage(http.StatusNotFound)
	if strings.Contains(ts.get("/").Body, "Classroom Gazette") {
		t.Error("something was stored")
	}
}

func TestTheLexiconsPageShowsAnEmptyStateThenEachLexiconWithCounts(t *testing.T) {
	ts := newTestServer(t)
	d := ts.get("/lexicons").wantStatus(http.StatusOK).doc()
	if !strings.Contains(textOf(d.Find(".empty-state")), "No lexicons yet") {
		t.Error("no empty state without lexicons")
	}
	lex := ts.seedLexicon()
	d = ts.get("/lexicons").wantStatus(http.StatusOK).doc()
	item := d.Find("[data-testid=general-lexicons] [data-testid=lexicon-item]")
	if item.Length() != 1 || attrOf(item.Find("a"), "href") != lexPath(lex.ID) || textOf(item.Find("a")) != "Test cities" {
		t.Fatalf("lexicon list = %q", textOf(item))
	}
	if got := textOf(item.Find(".meta")); got != "General 2 concepts · 3 terms · version 1" {
		t.Errorf("lexicon meta = %q", got)
	}
}

func TestTheLexiconPageShowsEveryTermAndFiltersThem(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	d := ts.get(lexPath(lex.ID)).wantStatus(http.StatusOK).doc()
	if n := d.Find("[data-testid=term]").Length(); n != 3 {
		t.Errorf("%d terms shown, want 3", n)
	}
	if d.Find(`a[href$="/concepts/new"]`).Length() != 0 || d.Find(".term__actions").Length() != 0 {
		t.Error("a visitor sees edit links")
	}
	if d.Find(`a[href="/api/lexicons/`+id64(lex.ID)+`/export?format=csv"]`).Length() != 1 {
		t.Error("no CSV download link")
	}
	tests := []struct {
		query string
		want  string
	}{
		{"?perspective=south", "Southville"},
		{"?q=bluewater", "Bluewater"},
		{"?q=MAIN+CITY", "Northburg,Southville"},
		{"?perspective=nonsense", "Northburg,Southville,Bluewater"},
	}
	for _, tt := range tests {
		d := ts.get(lexPath(lex.ID) + tt.query).wantStatus(http.StatusOK).doc()
		var got []string
		d.Find(".term__phrase").Each(func(_ int, s *goquery.Selection) { got = append(got, textOf(s)) })
		if strings.Join(got, ",") != tt.want {
			t.Errorf("%s shows %q, want %s", tt.query, got, tt.want)
		}
	}
	d = ts.get(lexPath(lex.ID) + "?q=zzzz").wantStatus(http.StatusOK).doc()
	if !strings.Contains(textOf(d.Find(".empty-state")), "Nothing matches") {
		t.Error("a filter without results has no empty state")
	}
	ts.get("/lexicons/999").wantErrorPage(http.StatusNotFound)
	ts.get("/lexicons/abc").wantErrorPage(http.StatusNotFound)
}

func TestALoggedInUserSeesEditLinksAndTheSavedNoticeOnTheLexiconPage(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	d := user.get(lexPath(lex.ID) + "?saved=concept").wantStatus(http.StatusOK).doc()
	if d.Find(`a[href="`+lexPath(lex.ID)+`/concepts/new"]`).Length() != 1 {
		t.Error("no link to add a concept")
	}
	if n := d.Find(".term__actions a").Length(); n != 3 {
		t.Errorf("%d term edit links, want 3", n)
	}
	if got := textOf(d.Find(".notice[role=status]")); got != "Concept saved." {
		t.Errorf("notice = %q", got)
	}
	if d := user.get(lexPath(lex.ID) + "?saved=<script>").doc(); d.Find(".notice").Length() != 0 {
		t.Error("an unknown saved value shows a notice")
	}
}

func TestEveryLexiconEditRouteSendsAVisitorToLogInAndChangesNothing(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	base := lexPath(lex.ID)
	c := id64(lex.Concepts[0].ID)
	term := id64(lex.Concepts[0].Terms[0].ID)
	form := url.Values{"name": {"X"}, "phrase": {"Y"}, "note": {"Z"}, "language": {"en"}, "source_url": {"https://example.org"}}
	for _, r := range []struct{ method, path string }{
		{"GET", base + "/concepts/new"},
		{"POST", base + "/concepts"},
		{"GET", base + "/concepts/" + c},
		{"POST", base + "/concepts/" + c},
		{"POST", base + "/concepts/" + c + "/delete"},
		{"GET", base + "/concepts/" + c + "/terms/new"},
		{"POST", base + "/concepts/" + c + "/terms"},
		{"GET", base + "/terms/" + term},
		{"POST", base + "/terms/" + term},
		{"POST", base + "/terms/" + term + "/delete"},
	} {
		// A page comes back to itself after login; a form post, to the
		// page the form was on.
		want := "/login?next=" + url.QueryEscape(r.path)
		var got reply
		if r.method == "GET" {
			got = ts.get(r.path)
		} else {
			req, _ := http.NewRequest(r.method, ts.URL+r.path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Referer", ts.URL+base+"?q=x")
			got = ts.send(req)
			want = "/login?next=" + url.QueryEscape(base+"?q=x")
		}
		got.wantStatus(http.StatusSeeOther)
		if loc := got.Header.Get("Location"); loc != want {
			t.Errorf("%s %s sends to %q, want %q", r.method, r.path, loc, want)
		}
	}
	if after := ts.lexicon(lex.ID); after.Version != lex.Version || after.TermCount() != 3 {
		t.Errorf("a visitor changed the lexicon: version %d, %d terms", after.Version, after.TermCount())
	}
}

func TestTheNewConceptFormCreatesAConceptAndLeadsToItsFirstTerm(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	base := lexPath(lex.ID)

	d := user.get(base + "/concepts/new").wantStatus(http.StatusOK).doc()
	if d.Find(`form[action="`+base+`/concepts"] input[name="name"]`).Length() != 1 {
		t.Error("the new concept form has no name field posting to the concepts")
	}
	if d.Find(`datalist#categories option[value="places"]`).Length() != 1 {
		t.Error("the known categories are not offered")
	}

	d = user.postForm(base+"/concepts", url.Values{"name": {"!!!"}, "category": {"events"}, "description": {"Kept."}}).
		wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find("#f-name-error").Length() != 1 || attrOf(d.Find("#f-category"), "value") != "events" || d.Find("#f-description").Text() != "Kept." {
		t.Error("an invalid concept does not show the error and keep the input")
	}
	d = user.postForm(base+"/concepts", url.Values{"name": {"Main  CITY"}}).wantStatus(http.StatusConflict).doc()
	if !strings.Contains(textOf(d.Find("#f-name-error")), "already has a concept") {
		t.Errorf("duplicate concept message = %q", textOf(d.Find("#f-name-error")))
	}
	if ts.lexicon(lex.ID).Version != lex.Version {
		t.Error("refused concepts changed the lexicon")
	}

	r := user.postForm(base+"/concepts", url.Values{"name": {"The bridge"}, "category": {"Places"}}).wantStatus(http.StatusSeeOther)
	after := ts.lexicon(lex.ID)
	if len(after.Concepts) != 3 || after.Concepts[2].Name != "The bridge" || after.Concepts[2].Category != "places" {
		t.Fatalf("concepts after create = %+v", after.Concepts)
	}
	if want := base + "/concepts/" + id64(after.Concepts[2].ID) + "/terms/new"; r.Header.Get("Location") != want {
		t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
	}
}

func TestTheConceptEditFormSavesChangesAndTheDeleteButtonRemovesTheConcept(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	concept := lex.Concepts[1]
	path := lexPath(lex.ID) + "/concepts/" + id64(concept.ID)

	d := user.get(path).wantStatus(http.StatusOK).doc()
	if attrOf(d.Find("#f-name"), "value") != "The river" || d.Find(`form[action="`+path+`/delete"]`).Length() != 1 {
		t.Error("the edit form does not show the concept and a delete button")
	}
	user.postForm(path, url.Values{"name": {""}}).wantStatus(http.StatusUnprocessableEntity)
	r := user.postForm(path, url.Values{"name": {"The big river"}, "category": {"water"}}).wantStatus(http.StatusSeeOther)
	if want := lexPath(lex.ID) + "?saved=concept#concept-" + id64(concept.ID); r.Header.Get("Location") != want {
		t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
	}
	if c := ts.lexicon(lex.ID).Concepts[1]; c.Name != "The big river" || c.Category != "water" || len(c.Terms) != 1 {
		t.Errorf("saved concept = %+v", c)
	}

	for _, p := range []string{lexPath(lex.ID) + "/concepts/999", lexPath(lex.ID) + "/concepts/x", "/lexicons/999/concepts/" + id64(concept.ID)} {
		user.get(p).wantErrorPage(http.StatusNotFound)
		user.postForm(p, url.Values{"name": {"Y"}}).wantErrorPage(http.StatusNotFound)
		user.postForm(p+"/delete", nil).wantErrorPage(http.StatusNotFound)
	}

	r = user.postForm(path+"/delete", nil).wantStatus(http.StatusSeeOther)
	if !strings.HasPrefix(r.Header.Get("Location"), lexPath(lex.ID)+"?saved=deleted") {
		t.Errorf("Location after delete = %q", r.Header.Get("Location"))
	}
	if after := ts.lexicon(lex.ID); len(after.Concepts) != 1 || after.TermCount() != 2 {
		t.Errorf("after delete: %d concepts, %d terms", len(after.Concepts), after.TermCount())
	}
}

func termValues(phrase, perspective string) url.Values {
	return url.Values{"phrase": {phrase}, "language": {"en"}, "perspective": {perspective}, "match": {"word"},
		"variants": {"Northburgh\n\n  North-burg "}, "note": {"Why it matters."}, "neutral": {"the city"},
		"source_title": {"A glossary"}, "source_url": {"https://example.org/glossary"}}
}

func TestTheNewTermFormAddsATermToItsConcept(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	concept := lex.Concepts[0]
	path := lexPath(lex.ID) + "/concepts/" + id64(concept.ID) + "/terms"

	d := user.get(path + "/new").wantStatus(http.StatusOK).doc()
	if attrOf(d.Find("#f-language"), "value") != "en" {
		t.Errorf("language defaults to %q, want the lexicon's en", attrOf(d.Find("#f-language"), "value"))
	}
	if _, ok := d.Find("#f-match-stem").Attr("checked"); !ok {
		t.Error("match does not default to word family (stem)")
	}
	if d.Find(`#f-perspective option[value="north"]`).Length() != 1 || d.Find(`form[action="`+path+`"]`).Length() != 1 {
		t.Error("the form lacks the lexicon's perspectives or the right action")
	}

	bad := termValues("North City", "east")
	bad.Set("source_url", "ftp://example.org")
	d = user.postForm(path, bad).wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find("#f-perspective-error").Length() != 1 || d.Find("#f-source_url-error").Length() != 1 || attrOf(d.Find("#f-phrase"), "value") != "North City" {
		t.Error("an invalid term does not show its errors and keep the phrase")
	}
	d = user.postForm(path, termValues("Northburg", "south")).wantStatus(http.StatusConflict).doc()
	if !strings.Contains(textOf(d.Find("#f-phrase-error")), "already has the term") {
		t.Errorf("duplicate term message = %q", textOf(d.Find("#f-phrase-error")))
	}
	if ts.termCount(lex.ID) != 3 {
		t.Fatal("a refused term was stored")
	}

	r := user.postForm(path, termValues("North City", "north")).wantStatus(http.StatusSeeOther)
	after := ts.lexicon(lex.ID).Concepts[0]
	if len(after.Terms) != 3 {
		t.Fatalf("terms after create = %+v", after.Terms)
	}
	created := after.Terms[2]
	if created.Phrase != "North City" || created.Perspective != "north" || strings.Join(created.Variants, "|") != "Northburgh|North-burg" {
		t.Errorf("created term = %+v", created)
	}
	if want := lexPath(lex.ID) + "?saved=term#term-" + id64(created.ID); r.Header.Get("Location") != want {
		t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
	}
	user.get(lexPath(lex.ID) + "/concepts/999/terms/new").wantErrorPage(http.StatusNotFound)
	user.postForm(lexPath(lex.ID)+"/concepts/999/terms", termValues("X", "")).wantErrorPage(http.StatusNotFound)
}

func TestTheTermEditFormSavesChangesAndTheDeleteButtonRemovesTheTerm(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	term := lex.Concepts[0].Terms[1] // Southville
	path := lexPath(lex.ID) + "/terms/" + id64(term.ID)

	d := user.get(path).wantStatus(http.StatusOK).doc()
	if attrOf(d.Find("#f-phrase"), "value") != "Southville" || d.Find(`#f-perspective option[value="south"][selected]`).Length() != 1 {
		t.Error("the edit form does not show the term")
	}
	if _, ok := d.Find("#f-match-word").Attr("checked"); !ok {
		t.Error("the term's match mode is not selected")
	}
	bad := termValues("Southtown", "south")
	bad.Set("note", "")
	d = user.postForm(path, bad).wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find("#f-note-error").Length() != 1 || attrOf(d.Find("#f-phrase"), "value") != "Southtown" {
		t.Error("an invalid edit does not show the error and keep the input")
	}
	user.postForm(path, termValues("Northburg", "south")).wantStatus(http.StatusConflict)
	if got := ts.lexicon(lex.ID).Concepts[0].Terms[1]; got.Phrase != "Southville" {
		t.Fatalf("a refused edit was saved: %+v", got)
	}

	r := user.postForm(path, termValues("Southtown", "south")).wantStatus(http.StatusSeeOther)
	if want := lexPath(lex.ID) + "?saved=term#term-" + id64(term.ID); r.Header.Get("Location") != want {
		t.Errorf("Location = %q, want %q", r.Header.Get("Location"), want)
	}
	if got := ts.lexicon(lex.ID).Concepts[0].Terms[1]; got.Phrase != "Southtown" || got.Note != "Why it matters." {
		t.Errorf("saved term = %+v", got)
	}

	// A term of another lexicon is not found through this one.
	other := testLexicon()
	other.Slug = "other"
	otherLex, err := ts.Store.CreateLexicon(t.Context(), other)
	if err != nil {
		t.Fatal(err)
	}
	foreign := lexPath(lex.ID) + "/terms/" + id64(otherLex.Concepts[0].Terms[0].ID)
	for _, p := range []string{foreign, lexPath(lex.ID) + "/terms/999", lexPath(lex.ID) + "/terms/x"} {
		user.get(p).wantErrorPage(http.StatusNotFound)
		user.postForm(p, termValues("Z", "")).wantErrorPage(http.StatusNotFound)
		user.postForm(p+"/delete", nil).wantErrorPage(http.StatusNotFound)
	}
	if ts.termCount(otherLex.ID) != 3 {
		t.Error("a term of another lexicon was changed")
	}

	r = user.postForm(path+"/delete", nil).wantStatus(http.StatusSeeOther)
	if want := lexPath(lex.ID) + "?saved=deleted#concept-" + id64(lex.Concepts[0].ID); r.Header.Get("Location") != want {
		t.Errorf("Location after delete = %q, want %q", r.Header.Get("Location"), want)
	}
	if after := ts.lexicon(lex.ID); after.TermCount() != 2 {
		t.Errorf("%d terms after delete, want 2", after.TermCount())
	}
}

func TestLoginWithoutAnyAccountSendsToSetupWhichCreatesTheAdminOnce(t *testing.T) {
	ts := newTestServer(t)
	r := ts.get("/login").wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/setup" {
		t.Fatalf("/login without accounts sends to %q", r.Header.Get("Location"))
	}
	d := ts.get("/setup").wantStatus(http.StatusOK).doc()
	if d.Find(`form[action="/setup"] input[name="username"]`).Length() != 1 || d.Find(`input[name="password"][type="password"]`).Length() != 1 {
		t.Error("the setup form lacks its fields")
	}
	d = ts.postForm("/setup", url.Values{"username": {"boss"}, "password": {"short"}}).wantStatus(http.StatusUnprocessableEntity).doc()
	if d.Find(`.error-summary a[href="#f-password"]`).Length() != 1 || attrOf(d.Find("#f-username"), "value") != "boss" ||
		attrOf(d.Find("#f-password"), "value") != "" {
		t.Error("a short password is not explained, or the username is lost, or the password is sent back")
	}
	r = ts.postForm("/setup", url.Values{"username": {"boss"}, "password": {accountPassword}}).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/lexicons" || findCookie(r.Header, "framelens_session") == nil {
		t.Errorf("setup sends to %q with cookie %v", r.Header.Get("Location"), findCookie(r.Header, "framelens_session"))
	}
	if got := accounts(ts.get("/admin/users").wantStatus(http.StatusOK).doc()); got != "boss:admin" {
		t.Errorf("after setup the admin is not logged in, or the accounts are %q", got)
	}
	other := ts.withNewBrowser()
	other.get("/setup").wantErrorPage(http.StatusNotFound)
	other.postForm("/setup", url.Values{"username": {"evil"}, "password": {accountPassword}}).wantErrorPage(http.StatusNotFound)
	if users, _ := ts.Store.Users(t.Context()); len(users) != 1 {
		t.Errorf("%d accounts after setup, want 1", len(users))
	}
}

func TestTheLoginFormLogsInAndReturnsToALocalPage(t *testing.T) {
	ts := newTestServer(t)
	ts.addAccount("teacher", framing.RoleTeacher)
	d := ts.get("/login?next=/lexicons/1%3Fq%3Dx").wantStatus(http.StatusOK).doc()
	if got := attrOf(d.Find(`input[type="hidden"][name="next"]`), "value"); got != "/lexicons/1?q=x" {
		t.Errorf("next = %q", got)
	}
	for next, want := range map[string]string{"//evil.example/x": "/x", "https://evil.example": "/", "/\\evil.example": "/", "////evil.example": "/"} {
		if got := attrOf(ts.get("/login?next="+url.QueryEscape(next)).doc().Find(`input[name="next"]`), "value"); got != want {
			t.Errorf("next %q is kept as %q, want %q", next, got, want)
		}
	}

	d = ts.postForm("/login", url.Values{"username": {"teacher"}, "password": {"wrong password"}, "next": {"/lexicons"}}).
		wantStatus(http.StatusUnauthorized).doc()
	if !strings.Contains(textOf(d.Find(".error-summary")), "username or password is wrong") || attrOf(d.Find("#f-username"), "value") != "teacher" {
		t.Error("a wrong password is not explained, or the username is lost")
	}
	if attrOf(d.Find(`input[name="next"]`), "value") != "/lexicons" {
		t.Error("next is lost after a wrong password")
	}
	unknown := ts.postForm("/login", url.Values{"username": {"nobody"}, "password": {"wrong password"}}).wantStatus(http.StatusUnauthorized).doc()
	if textOf(unknown.Find(".error-summary")) != textOf(d.Find(".error-summary")) {
		t.Error("an unknown user and a wrong password get different answers")
	}

	r := ts.postForm("/login", url.Values{"username": {"TEACHER"}, "password": {accountPassword}, "next": {"https://evil.example/lexicons"}}).
		wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/lexicons" {
		t.Errorf("login sends to %q, want the local /lexicons", r.Header.Get("Location"))
	}
	if c := findCookie(r.Header, "framelens_session"); c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("session cookie = %+v", c)
	}
	if !strings.Contains(textOf(ts.get("/").doc().Find(".nav__user")), "teacher") {
		t.Error("the page does not show who is logged in")
	}
}

func TestLogoutEndsTheSessionAndReturnsHome(t *testing.T) {
	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	var token string
	u, _ := url.Parse(ts.URL)
	for _, c := range user.Client.Jar.Cookies(u) {
		if c.Name == "framelens_session" {
			token = c.Value
		}
	}
	r := user.postForm("/logout", nil).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/" {
		t.Errorf("logout sends to %q", r.Header.Get("Location"))
	}
	if c := findCookie(r.Header, "framelens_session"); c == nil || c.MaxAge >= 0 {
		t.Errorf("logout does not clear the cookie: %+v", c)
	}
	if user.get("/").doc().Find(".nav__user").Length() != 0 {
		t.Error("still logged in after logout")
	}
	// The old token is dead even if someone kept it.
	req, _ := http.NewRequest(http.MethodGet, ts.URL+lexPath(lex.ID)+"/concepts/new", nil)
	req.AddCookie(&http.Cookie{Name: "framelens_session", Value: token})
	if got := ts.withNewBrowser().send(req); got.Status != http.StatusSeeOther {
		t.Errorf("a logged-out token still opens an edit page: %d", got.Status)
	}
	// Logging out without a session is harmless.
	ts.withNewBrowser().postForm("/logout", nil).wantStatus(http.StatusSeeOther)
}

func TestAStaleSessionCookieIsClearedAndTheVisitorIsAnonymous(t *testing.T) {
	ts := newTestServer(t)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: "framelens_session", Value: "not-a-session"})
	r := ts.send(req).wantStatus(http.StatusOK)
	if c := findCookie(r.Header, "framelens_session"); c == nil || c.MaxAge >= 0 {
		t.Errorf("the stale cookie is not cleared: %+v", c)
	}
	if r.doc().Find(`a[href="/login"]`).Length() != 1 {
		t.Error("the visitor is not offered to log in")
	}
}

func TestOnlyAnAdminManagesAccounts(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.loggedInAs("boss", framing.RoleAdmin)
	teacher := ts.loggedInAs("ms-lee", framing.RoleTeacher)

	r := ts.get("/admin/users").wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/login?next=%2Fadmin%2Fusers" {
		t.Errorf("a visitor is sent to %q", r.Header.Get("Location"))
	}
	ts.postForm("/admin/users", url.Values{"username": {"x1"}, "password": {accountPassword}, "role": {"admin"}}).wantStatus(http.StatusSeeOther)
	d := teacher.get("/admin/users").wantErrorPage(http.StatusForbidden)
	if !strings.Contains(textOf(d.Find(".lead")), "Only an admin") {
		t.Errorf("403 message = %q", textOf(d.Find(".lead")))
	}
	teacher.postForm("/admin/users", url.Values{"username": {"x2"}, "password": {accountPassword}, "role": {"admin"}}).wantErrorPage(http.StatusForbidden)
	if teacher.get("/").doc().Find(`a[href="/admin/users"]`).Length() != 0 {
		t.Error("a teacher is offered the accounts page")
	}

	d = admin.get("/admin/users").wantStatus(http.StatusOK).doc()
	if got := accounts(d); got != "boss:admin ms-lee:teacher" {
		t.Errorf("accounts listed = %q", got)
	}
	if _, ok := d.Find("#f-role-teacher").Attr("checked"); !ok {
		t.Error("the role does not default to teacher")
	}
	r = admin.postForm("/admin/users", url.Values{"username": {"mr-kim"}, "password": {accountPassword}, "role": {"teacher"}}).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != "/admin/users?added=1" {
		t.Errorf("add sends to %q", r.Header.Get("Location"))
	}
	d = admin.get(r.Header.Get("Location")).wantStatus(http.StatusOK).doc()
	if textOf(d.Find(".notice")) != "Account added." || accounts(d) != "boss:admin mr-kim:teacher ms-lee:teacher" {
		t.Errorf("after adding: notice %q, accounts %q", textOf(d.Find(".notice")), accounts(d))
	}
	d = admin.postForm("/admin/users", url.Values{"username": {"MR-KIM"}, "password": {accountPassword}, "role": {"admin"}}).wantStatus(http.StatusConflict).doc()
	if !strings.Contains(textOf(d.Find("#f-username-error")), "is taken") || attrOf(d.Find("#f-username"), "value") != "MR-KIM" {
		t.Error("a taken username is not explained next to the kept username")
	}
	if _, ok := d.Find("#f-role-admin").Attr("checked"); !ok {
		t.Error("the chosen role is lost")
	}
	d = admin.postForm("/admin/users", url.Values{"username": {"-bad"}, "password": {"short"}, "role": {"owner"}}).wantStatus(http.StatusUnprocessableEntity).doc()
	for _, f := range []string{"username", "password", "role"} {
		if d.Find(`.error-summary a[href="#f-`+f+`"]`).Length() != 1 {
			t.Errorf("the summary lacks %s", f)
		}
	}
	if users, _ := ts.Store.Users(t.Context()); len(users) != 3 {
		t.Errorf("%d accounts, want 3", len(users))
	}
}

// accounts lists the accounts table as "username:role" in page order.
func accounts(d *goquery.Document) string {
	var out []string
	d.Find("[data-testid=users] tbody tr").Each(func(_ int, tr *goquery.Selection) {
		out = append(out, textOf(tr.Find("th"))+":"+textOf(tr.Find("td").First()))
	})
	return strings.Join(out, " ")
}

func TestALexiconEditedThroughTheFormsStillImportsFromItsOwnExport(t *testing.T) {

	ts := newTestServer(t)
	lex := ts.seedLexicon()
	user := ts.loggedInAs("teacher", framing.RoleTeacher)
	path := lexPath(lex.ID) + "/concepts/" + id64(lex.Concepts[0].ID) + "/terms"
	r := user.postForm(path, termValues("northburg", "north"))
	if r.Status == http.StatusConflict {
		return // refused like import refuses it: consistent
	}
	r.wantStatus(http.StatusSeeOther)
	data := user.get("/api/lexicons/" + id64(lex.ID) + "/export").wantStatus(http.StatusOK).Body
	data = strings.Replace(data, `"slug": "test-cities"`, `"slug": "test-cities-copy"`, 1)
	user.do(http.MethodPost, "/api/lexicons/import", "application/json", strings.NewReader(data)).wantStatus(http.StatusCreated)
}

func TestBlindModeHidesOutletNamesBylinesAndLinksUntilRevealed(t *testing.T) {
	ts := newTestServer(t)
	ts.seedLexicon() // so the comparison table and its contexts name outlets too
	id := ts.createEvent("Meeting", "", "Compare how Asbarez and Anadolu Agency covered it.")
	first := ts.addArticle(id, framing.ArticleInput{Outlet: "Asbarez", Headline: "ASBAREZ exclusive: leaders meet", Language: "en",
		Byline: "Ann Writer", URL: "https://asbarez.example/a", Body: "Leaders met in Northburg, Asbarez learned."})
	second := ts.addArticle(id, framing.ArticleInput{Outlet: "Anadolu Agency", Headline: "Leaders meet", Language: "en",
		Byline: "Bob Reporter", URL: "https://aa.example/b", Body: "Leaders met in Southville on Wednesday."})

	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if attrOf(d.Find("[data-testid=blind]"), "href") != pagePath(id)+"?blind=1" || d.Find("[data-testid=blind-notice]").Length() != 0 {
		t.Error("the normal page does not offer blind mode, or shows its notice")
	}

	r := ts.get(pagePath(id) + "?blind=1").wantStatus(http.StatusOK)
	for _, secret := range []string{"Asbarez", "asbarez", "ASBAREZ", "Anadolu", "Ann Writer", "Bob Reporter", "aa.example"} {
		if strings.Contains(r.Body, secret) {
			t.Errorf("blind mode shows %q", secret)
		}
	}
	d = r.doc()
	if d.Find("[data-testid=blind-notice]").Length() != 1 || attrOf(d.Find("[data-testid=reveal]"), "href") != pagePath(id) {
		t.Error("blind mode has no notice or no way to reveal")
	}
	var columns []string
	d.Find(".cmp thead th").Each(func(_ int, th *goquery.Selection) { columns = append(columns, textOf(th)) })
	if strings.Join(columns, "|") != "Concept|Outlet A|Outlet B" {
		t.Errorf("comparison columns = %q", columns)
	}
	concept := attrOf(d.Find("details.ctx").First(), "data-concept")
	lines := ts.get(pagePath(id) + "/contexts/" + concept + "?blind=1").wantStatus(http.StatusOK)
	if lines.doc().Find(".ctx__outlet").Length() == 0 {
		t.Error("no context lines to check")
	}
	for _, secret := range []string{"Asbarez", "Anadolu"} {
		if strings.Contains(lines.Body, secret) {
			t.Errorf("blind context lines show %q", secret)
		}
	}
	c1, c2 := d.Find("#article-"+id64(first.ID)), d.Find("#article-"+id64(second.ID))
	if textOf(c1.Find(".column__outlet")) != "Outlet A" || textOf(c2.Find(".column__outlet")) != "Outlet B" {
		t.Errorf("aliases = %q, %q, want Outlet A and Outlet B", textOf(c1.Find(".column__outlet")), textOf(c2.Find(".column__outlet")))
	}
	if textOf(c1.Find(".column__headline")) != "Outlet A exclusive: leaders meet" || textOf(c1.Find(".column__body p")) != "Leaders met in Northburg, Outlet A learned." {
		t.Errorf("the outlet's own name is not masked in its text: %q / %q", textOf(c1.Find(".column__headline")), textOf(c1.Find(".column__body p")))
	}

	d = ts.get(pagePath(id) + "?blind=0").wantStatus(http.StatusOK).doc()
	if textOf(d.Find("#article-"+id64(first.ID)+" .column__outlet")) != "Asbarez" {
		t.Error("blind=0 hides the outlets")
	}
	one := ts.createEvent("Single", "", "")
	ts.addArticle(one, validArticle("Solo", "S", "Only one article so far about this."))
	if ts.get(pagePath(one)).doc().Find("[data-testid=blind]").Length() != 0 {
		t.Error("blind mode is offered with a single article")
	}
}

func TestBlindModeMasksOutletNamesOnlyAsWholeWords(t *testing.T) {

	ts := newTestServer(t)
	id := ts.createEvent("Meeting", "", "")
	rt := ts.addArticle(id, validArticle("RT", "Short report", "The report was short; reporters left early."))
	ts.addArticle(id, validArticle("BBC", "Talks", "Leaders met in Southville on Wednesday."))
	d := ts.get(pagePath(id) + "?blind=1").wantStatus(http.StatusOK).doc()
	col := d.Find("#article-" + id64(rt.ID))
	if got := textOf(col.Find(".column__body p")); got != "The report was short; reporters left early." {
		t.Errorf("blind body = %q", got)
	}
	if got := textOf(col.Find(".column__headline")); got != "Short report" {
		t.Errorf("blind headline = %q", got)
	}
}
