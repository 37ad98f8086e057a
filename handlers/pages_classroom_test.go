package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
	"framelens/framing/classroom"
)

func readPath(f classFixture) string { return "/sessions/" + id64(f.session.ID) + "/read" }

// Every piece of text on the student's page carries the byte offsets of
// exactly that text in the stored article, Cyrillic included; outlet
// names are the only pieces that show other text, and only while blind.
func TestTheStudentPageMapsEveryPieceToItsBytesAndHidesOutletsUntilTheReveal(t *testing.T) {
	f := newClassFixture(t)
	anna := f.student("Anna")
	anna.postJSON(f.sessPath+"/marks", markBody(f.ru.ID, classBodyRU, "Ханкенди")).wantStatus(http.StatusCreated)
	anna.postJSON(f.sessPath+"/marks", fmt.Sprintf(`{"article_id":%d,"start":0,"end":3,"note":"<script>alert(1)</script>"}`, f.en.ID)).
		wantStatus(http.StatusCreated)
	bodies := map[string]string{id64(f.en.ID): classBodyEN, id64(f.ru.ID): classBodyRU}

	r := anna.get(readPath(f)).wantStatus(http.StatusOK)
	if strings.Contains(r.Body, "Northern Herald") || strings.Contains(r.Body, "Южный вестник") {
		t.Error("the blind student page names an outlet")
	}
	if strings.Contains(r.Body, "<script>alert(1)") {
		t.Error("a hostile note is rendered as markup")
	}
	d := r.doc()
	if d.Find("[data-testid=own-mark]").Length() != 2 || d.Find("[data-testid=mark-panel]").Length() != 1 {
		t.Errorf("own marks %d, panel %d", d.Find("[data-testid=own-mark]").Length(), d.Find("[data-testid=mark-panel]").Length())
	}
	checkPieces := func(d *goquery.Document, wantAliases int) {
		t.Helper()
		aliases := 0
		d.Find("[data-body]").Each(func(_ int, b *goquery.Selection) {
			body := bodies[b.AttrOr("data-body", "")]
			b.Find("[data-s]").Each(func(_ int, p *goquery.Selection) {
				s, _ := strconv.Atoi(p.AttrOr("data-s", ""))
				e, _ := strconv.Atoi(p.AttrOr("data-e", ""))
				if _, alias := p.Attr("data-alias"); alias {
					aliases++
					if !strings.HasPrefix(p.Text(), "Outlet ") {
						t.Errorf("alias piece shows %q", p.Text())
					}
					return
				}
				if s < 0 || e > len(body) || s >= e || body[s:e] != p.Text() {
					t.Errorf("piece %d–%d shows %q, the stored text there is %q", s, e, p.Text(), body[min(s, len(body)):min(e, len(body))])
				}
			})
		})
		if aliases != wantAliases {
			t.Errorf("%d alias pieces, want %d", aliases, wantAliases)
		}
	}
	checkPieces(d, 2)
	if got := d.Find(".own").Text(); !strings.Contains(got, "Ханкенди") {
		t.Errorf("own marks in the text: %q", got)
	}

	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusOK)
	r = anna.get(readPath(f)).wantStatus(http.StatusOK)
	if !strings.Contains(r.Body, "Northern Herald") {
		t.Error("the revealed page still hides the outlets")
	}
	d = r.doc()
	checkPieces(d, 0)
	if d.Find(".lex").Length() == 0 {
		t.Error("the revealed page shows no lexicon match")
	}

	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"closed"}`).wantStatus(http.StatusOK)
	d = anna.get(readPath(f)).wantStatus(http.StatusOK).doc()
	if d.Find("[data-undo], [data-mark-form]").Length() != 0 {
		t.Error("a closed session still offers marking or undoing")
	}
}

func TestTheJoinFormKeepsWhatWasTypedAndSendsStudentsToTheirPage(t *testing.T) {
	f := newClassFixture(t)
	b := f.ts.withNewBrowser()
	d := b.get("/join?code=" + url.QueryEscape(f.session.Code)).wantStatus(http.StatusOK).doc()
	if v, _ := d.Find("#f-code").Attr("value"); v != f.session.Code {
		t.Errorf("code not prefilled: %q", v)
	}
	r := b.postForm("/join", url.Values{"code": {"ZZZ-ZZZ"}, "nickname": {"<i>Anna</i>"}}).wantStatus(http.StatusNotFound)
	d = r.doc()
	if v, _ := d.Find("#f-nickname").Attr("value"); v != "<i>Anna</i>" {
		t.Errorf("nickname not kept: %q", v)
	}
	if !strings.Contains(d.Find("#f-code-error").Text(), "No open session") {
		t.Errorf("code error: %q", d.Find("#f-code-error").Text())
	}
	b.postForm("/join", url.Values{"code": {f.session.Code}, "nickname": {""}}).wantStatus(http.StatusUnprocessableEntity)
	r = b.postForm("/join", url.Values{"code": {f.session.Code}, "nickname": {"<i>Anna</i>"}}).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != readPath(f) {
		t.Errorf("joined to %q", r.Header.Get("Location"))
	}
	d = b.get(readPath(f)).wantStatus(http.StatusOK).doc()
	if got := d.Find("[data-testid=nickname]").Text(); got != "<i>Anna</i>" {
		t.Errorf("nickname shown as %q", got)
	}
	// Joining again from the same browser keeps the same student.
	b.postForm("/join", url.Values{"code": {f.session.Code}, "nickname": {"Other"}}).wantStatus(http.StatusSeeOther)
	if got := b.get(readPath(f)).doc().Find("[data-testid=nickname]").Text(); got != "<i>Anna</i>" {
		t.Errorf("after joining again: %q", got)
	}
	if r := f.ts.withNewBrowser().get(readPath(f)); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/join" {
		t.Errorf("a stranger on the student page: %d %q", r.Status, r.Header.Get("Location"))
	}
}

func TestTeacherPagesBelongToTheSessionsTeacher(t *testing.T) {
	f := newClassFixture(t)
	base := "/sessions/" + id64(f.session.ID)
	for _, p := range []string{base, base + "/live", base + "/projector", base + "/summary"} {
		d := f.teacher.get(p).wantStatus(http.StatusOK).doc()
		if strings.Contains(d.Text(), "Northern Herald") {
			t.Errorf("%s names an outlet of the blind session before the reveal", p)
		}
	}
	if got := f.teacher.get(base).doc().Find("[data-testid=join-code]").Text(); got != f.session.Code {
		t.Errorf("dashboard code %q", got)
	}
	other := f.ts.loggedInAs("teacher2", framing.RoleTeacher)
	other.get(base).wantErrorPage(http.StatusForbidden)
	other.postForm(base+"/phase", url.Values{"phase": {"closed"}}).wantErrorPage(http.StatusForbidden)
	if r := f.ts.withNewBrowser().get(base); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("a stranger on the dashboard: %d %q", r.Status, r.Header.Get("Location"))
	}
	f.teacher.get("/sessions/123456").wantErrorPage(http.StatusNotFound)

	list := f.teacher.get("/sessions").wantStatus(http.StatusOK).doc()
	if list.Find("[data-testid=session-list] li").Length() != 1 {
		t.Errorf("the sessions page lists %d sessions", list.Find("[data-testid=session-list] li").Length())
	}
	r := f.teacher.postForm(base+"/phase", url.Values{"phase": {"reveal"}}).wantStatus(http.StatusSeeOther)
	if r.Header.Get("Location") != base {
		t.Errorf("after the phase form: %q", r.Header.Get("Location"))
	}
	if !strings.Contains(f.teacher.get(base).Body, "Northern Herald") {
		t.Error("the revealed dashboard hides the outlets")
	}
	f.teacher.postForm(base+"/phase", url.Values{"phase": {"marking"}}).wantErrorPage(http.StatusConflict)
}

func TestTheSessionFormKeepsItsInputOnAMistake(t *testing.T) {
	f := newClassFixture(t)
	d := f.teacher.get("/sessions/new?event=" + id64(f.event)).wantStatus(http.StatusOK).doc()
	if d.Find("input[name=article_ids]:checked").Length() != 2 {
		t.Error("the form does not tick every article")
	}
	long := strings.Repeat("t", classroom.MaxSessionTitleChars+1)
	d = f.teacher.postForm("/sessions", url.Values{"event_id": {id64(f.event)}, "title": {long}, "blind": {"1"},
		"article_ids": {id64(f.ru.ID)}}).wantStatus(http.StatusUnprocessableEntity).doc()
	if v, _ := d.Find("#f-title").Attr("value"); v != long {
		t.Error("the title typed was lost")
	}
	if d.Find("#f-blind:checked").Length() != 1 || d.Find("input[name=article_ids]:checked").Length() != 1 {
		t.Error("the choices made were lost")
	}
	f.teacher.postForm("/sessions", url.Values{"event_id": {id64(f.event)}}).wantStatus(http.StatusUnprocessableEntity)
	f.teacher.get("/sessions/new?event=abc").wantErrorPage(http.StatusNotFound)
	r := f.teacher.postForm("/sessions", url.Values{"event_id": {id64(f.event)}, "title": {"Lesson 2"},
		"article_ids": {id64(f.en.ID)}}).wantStatus(http.StatusSeeOther)
	if !strings.HasPrefix(r.Header.Get("Location"), "/sessions/") {
		t.Errorf("created to %q", r.Header.Get("Location"))
	}
}

// The hostile corpus through every classroom input (session title,
// nickname, note) and the stored articles, before and after the reveal:
// every classroom page keeps it inert.
func TestHostileTextStaysInertOnTheClassroomPages(t *testing.T) {
	ts := newTestServer(t)
	ev, _ := storeHostileData(t, ts)
	teacher := ts.loggedInAs("classteacher", framing.RoleTeacher)
	var s classSession
	title, _ := json.Marshal("Lesson " + hostile[3])
	teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d,"blind":true,"title":%s}`, ev, title)).
		wantStatus(http.StatusCreated).decode(&s)
	articles := ts.eventDetail(ev).Articles
	base := "/sessions/" + id64(s.ID)
	var students []*testServer
	for i, nick := range []string{`"><img src=x onerror=1>`, `<svg onload=1>`, `<script>x</script>`} {
		b := ts.withNewBrowser()
		body, _ := json.Marshal(map[string]string{"code": s.Code, "nickname": nick})
		b.postJSON("/api/join", string(body)).wantStatus(http.StatusOK)
		a := articles[i%len(articles)]
		start := strings.Index(a.Body, "Paragraph two")
		note, _ := json.Marshal(hostile[i])
		b.postJSON("/api/sessions/"+id64(s.ID)+"/marks", fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d,"note":%s}`,
			a.ID, start, len(a.Body), note)).wantStatus(http.StatusCreated)
		students = append(students, b)
	}
	check := func() {
		for _, p := range []string{"/sessions", base, base + "/live", base + "/projector", base + "/summary"} {
			checkInert(t, p, teacher.get(p).wantStatus(http.StatusOK).doc())
		}
		for _, b := range students {
			checkInert(t, "student page", b.get(base+"/read").wantStatus(http.StatusOK).doc())
		}
	}
	check()
	teacher.postJSON("/api/sessions/"+id64(s.ID)+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusOK)
	check()
	checkInert(t, "join form with errors", ts.withNewBrowser().postForm("/join",
		url.Values{"code": {hostile[0]}, "nickname": {hostile[1]}}).doc())
	if got := students[2].get(base + "/read").doc().Find("[data-testid=nickname]").Text(); got != `<script>x</script>` {
		t.Errorf("the nickname is shown as %q", got)
	}
}

// A blind session of some of the event's articles also hides the other
// articles' outlets where its texts name them, and its own outlets are
// lettered in its reading order.
func TestABlindSessionOfSomeArticlesHidesEveryOutletOfTheEvent(t *testing.T) {
	f := newClassFixture(t)
	quoting := f.ts.addArticle(f.event, validArticle("Eastern Wire", "Quoting the Herald",
		"As the Northern Herald first reported, troops entered Northburg; Eastern Wire could not confirm it."))
	var s classSession
	f.teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d,"blind":true,"article_ids":[%d]}`, f.event, quoting.ID)).
		wantStatus(http.StatusCreated).decode(&s)
	b := f.ts.withNewBrowser()
	b.postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Anna"}`, s.Code)).wantStatus(http.StatusOK)
	body := b.get("/sessions/" + id64(s.ID) + "/read").wantStatus(http.StatusOK).Body
	if strings.Contains(body, "Northern Herald") || strings.Contains(body, "Eastern Wire") {
		t.Error("the blind page names an outlet")
	}
	d := b.get("/sessions/" + id64(s.ID) + "/read").doc()
	if got := d.Find("[data-testid=read-article] .column__outlet").Text(); got != "Outlet A" {
		t.Errorf("the session's only article is labelled %q", got)
	}
	var m struct {
		Text string `json:"text"`
	}
	b.postJSON("/api/sessions/"+id64(s.ID)+"/marks", markBody(quoting.ID, quoting.Body, "Northern Herald first reported")).
		wantStatus(http.StatusCreated).decode(&m)
	if strings.Contains(m.Text, "Northern") || !strings.HasPrefix(m.Text, "Outlet ") {
		t.Errorf("the mark comes back as %q", m.Text)
	}
}
