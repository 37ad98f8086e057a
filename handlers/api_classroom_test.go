package handlers_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"

	"framelens/framing"
)

const (
	classBodyEN = "The Northern Herald reported that troops entered Northburg on Monday.\n" +
		"Near Bluewater the so-called rebels waited, the Northern Herald said."
	classBodyRU = "Войска вошли в Ханкенди в понедельник. Так называемые сепаратисты ждали у реки."
)

type classSession struct {
	ID         int64   `json:"id"`
	Code       string  `json:"code"`
	Phase      string  `json:"phase"`
	JoinURL    string  `json:"join_url"`
	Blind      bool    `json:"blind"`
	ArticleIDs []int64 `json:"article_ids"`
}

type classFixture struct {
	ts       *testServer // no cookies
	teacher  *testServer
	event    int64
	en, ru   storedArticle
	session  classSession
	sessPath string
}

// newClassFixture is a teacher with a blind session on an event of two
// articles, one of them Russian, and the test lexicon.
func newClassFixture(t *testing.T) classFixture {
	t.Helper()
	ts := newTestServer(t)
	ts.seedLexicon()
	f := classFixture{ts: ts, teacher: ts.loggedInAs("teacher1", framing.RoleTeacher)}
	f.event = ts.createEvent("Troops enter the city", "2024-03-04", "")
	f.en = ts.addArticle(f.event, validArticle("Northern Herald", "Troops in Northburg", classBodyEN))
	ru := validArticle("Южный вестник", "Войска в городе", classBodyRU)
	ru.Language = "ru"
	f.ru = ts.addArticle(f.event, ru)
	f.teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d,"blind":true}`, f.event)).
		wantStatus(http.StatusCreated).decode(&f.session)
	f.sessPath = "/api/sessions/" + id64(f.session.ID)
	return f
}

// student joins the fixture's session from a new browser.
func (f classFixture) student(nickname string) *testServer {
	f.ts.t.Helper()
	b := f.ts.withNewBrowser()
	body, _ := json.Marshal(map[string]string{"code": strings.ToLower(f.session.Code), "nickname": nickname})
	b.postJSON("/api/join", string(body)).wantStatus(http.StatusOK)
	return b
}

func markBody(articleID int64, body, phrase string) string {
	i := strings.Index(body, phrase)
	return fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, articleID, i, i+len(phrase))
}

func TestATeacherOpensASessionStudentsJoinByCodeAndMarkAndTheResultsCountThem(t *testing.T) {
	f := newClassFixture(t)
	s := f.session
	if len(s.Code) != 7 || s.Code[3] != '-' || strings.ContainsAny(s.Code, "0O1Il") || !s.Blind || s.Phase != "marking" {
		t.Fatalf("session: %+v", s)
	}
	if !strings.HasSuffix(s.JoinURL, "/join?code="+s.Code) || len(s.ArticleIDs) != 2 {
		t.Errorf("join url %q, articles %v", s.JoinURL, s.ArticleIDs)
	}

	anna, ben := f.student("Anna"), f.student("  Ben ")
	var m struct {
		ID    int64  `json:"id"`
		Start int    `json:"start"`
		Text  string `json:"text"`
	}
	anna.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "Northburg")).wantStatus(http.StatusCreated).decode(&m)
	if m.Text != "Northburg" {
		t.Errorf("mark text %q", m.Text)
	}
	// A selection that takes the outlet's name with it comes back masked
	// while the session is blind.
	var named struct {
		Text string `json:"text"`
	}
	anna.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "Northern Herald reported")).
		wantStatus(http.StatusCreated).decode(&named)
	if named.Text != "Outlet A reported" {
		t.Errorf("a blind mark names the outlet: %q", named.Text)
	}
	ben.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "Northburg ")).wantStatus(http.StatusCreated)
	ben.postJSON(f.sessPath+"/marks", markBody(f.ru.ID, classBodyRU, "Так называемые сепаратисты")).wantStatus(http.StatusCreated)
	ben.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "so-called rebels")).wantStatus(http.StatusCreated)

	var own struct {
		Marks []struct {
			ID   int64  `json:"id"`
			Text string `json:"text"`
		} `json:"marks"`
	}
	ben.get(f.sessPath + "/marks").wantStatus(http.StatusOK).decode(&own)
	if len(own.Marks) != 3 {
		t.Fatalf("Ben sees %d marks of his own, want 3", len(own.Marks))
	}
	ben.do(http.MethodDelete, f.sessPath+"/marks/"+id64(own.Marks[1].ID), "", nil).wantStatus(http.StatusNoContent)

	var res struct {
		Students int `json:"students"`
		Marks    int `json:"marks"`
		Wordings []struct {
			Key      string `json:"key"`
			Students int    `json:"students"`
			Known    bool   `json:"known"`
			Lexicon  *struct {
				Concept     string `json:"concept"`
				Perspective string `json:"perspective"`
			} `json:"lexicon"`
		} `json:"wordings"`
		Missed []struct {
			Term string `json:"term"`
		} `json:"missed"`
	}
	f.teacher.get(f.sessPath + "/results").wantStatus(http.StatusOK).decode(&res)
	if res.Students != 2 || res.Marks != 4 {
		t.Errorf("results count %d students and %d marks, want 2 and 4", res.Students, res.Marks)
	}
	if len(res.Wordings) == 0 || res.Wordings[0].Key != "northburg" || res.Wordings[0].Students != 2 ||
		res.Wordings[0].Lexicon == nil || res.Wordings[0].Lexicon.Concept != "The main city" {
		t.Errorf("top wording: %+v", res.Wordings)
	}
	if len(res.Missed) != 1 || res.Missed[0].Term != "Bluewater" {
		t.Errorf("missed: %+v", res.Missed)
	}

	r := f.teacher.get(f.sessPath + "/export?format=csv&kind=marks").wantStatus(http.StatusOK)
	rows, err := csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	if err != nil || len(rows) != 5 || rows[0][1] != "nickname" {
		t.Fatalf("marks CSV: %v %q", err, rows)
	}
	if !strings.Contains(r.Body, "Так называемые сепаратисты") || !strings.Contains(r.Body, "Northern Herald") {
		t.Errorf("the teacher's export lacks the Cyrillic mark or the outlet: %s", r.Body)
	}
	r = f.teacher.get(f.sessPath + "/export?format=csv&kind=wordings").wantStatus(http.StatusOK)
	rows, _ = csv.NewReader(strings.NewReader(r.Body)).ReadAll()
	if len(rows) != 5 || rows[1][0] != "Northburg" || rows[1][1] != "2" || rows[1][4] != "true" || rows[4][0] != "Bluewater" {
		t.Errorf("wordings CSV: %q", rows)
	}
	f.teacher.get(f.sessPath+"/export?format=xml").wantAPIError(http.StatusBadRequest, "format")
	f.teacher.get(f.sessPath+"/export?kind=all").wantAPIError(http.StatusBadRequest, "kind")
}

func TestJoiningRefusesBadCodesAndNicknamesAndLimitsGuessing(t *testing.T) {
	f := newClassFixture(t)
	b := f.ts.withNewBrowser()
	join := func(code, nickname string) reply {
		body, _ := json.Marshal(map[string]string{"code": code, "nickname": nickname})
		return b.postJSON("/api/join", string(body))
	}
	join("ABC", "Anna").wantAPIError(http.StatusUnprocessableEntity, "code")
	join("", "Anna").wantAPIError(http.StatusUnprocessableEntity, "code")
	join(f.session.Code, "").wantAPIError(http.StatusUnprocessableEntity, "nickname")
	join(f.session.Code, strings.Repeat("x", 25)).wantAPIError(http.StatusUnprocessableEntity, "nickname")
	f.student("Anna")
	join(f.session.Code, "anna").wantAPIError(http.StatusConflict, "nickname")
	// A hostile nickname is stored as text.
	join(f.session.Code, `<b onclick=x>Zed</b>`).wantStatus(http.StatusOK)

	other := f.ts.withNewBrowser()
	wrong := func() reply {
		return other.postJSON("/api/join", `{"code":"ZZZ-ZZZ","nickname":"Guesser"}`)
	}
	var last reply
	for range 70 { // past the allowance of 60
		if last = wrong(); last.Status == http.StatusTooManyRequests {
			break
		}
		last.wantAPIError(http.StatusNotFound, "code")
	}
	last.wantAPIError(http.StatusTooManyRequests, "code")
	if last.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}

	// Right codes still work meanwhile? No: the limit is per address, and
	// says so; a class whose address is limited waits seconds, not minutes.
	f.ts.withNewBrowser().postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Cleo"}`, f.session.Code)).
		wantAPIError(http.StatusTooManyRequests, "code")
}

func TestMarksAreCheckedAgainstTheStoredTextAndTheStudentsSession(t *testing.T) {
	f := newClassFixture(t)
	anna := f.student("Anna")
	post := func(b *testServer, body string) reply { return b.postJSON(f.sessPath+"/marks", body) }
	i := strings.Index(classBodyRU, "Ханкенди")
	for name, body := range map[string]string{
		"outside the text":   fmt.Sprintf(`{"article_id":%d,"start":0,"end":%d}`, f.ru.ID, len(classBodyRU)+1),
		"mid-character":      fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, f.ru.ID, i+1, i+4),
		"empty":              fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, f.ru.ID, i, i),
		"start after end":    fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, f.ru.ID, i+4, i),
		"negative":           fmt.Sprintf(`{"article_id":%d,"start":-3,"end":%d}`, f.ru.ID, i),
		"unknown concept":    fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d,"concept_id":99999}`, f.ru.ID, i, i+4),
		"a note too long":    fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d,"note":%q}`, f.ru.ID, i, i+4, strings.Repeat("n", 281)),
		"article of no kind": `{"article_id":"x","start":1,"end":2}`,
	} {
		r := post(anna, body)
		if r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("%s: %d %s, want 422 or 400", name, r.Status, r.Body)
		}
	}
	post(anna, `{"article_id":987654,"start":0,"end":3}`).wantAPIError(http.StatusNotFound, "article_id")
	post(anna, markBody(f.ru.ID, classBodyRU, "Ханкенди")).wantStatus(http.StatusCreated)
	post(anna, markBody(f.ru.ID, classBodyRU, "Ханкенди")).wantAPIError(http.StatusConflict, "start")
	post(f.ts.withNewBrowser(), markBody(f.ru.ID, classBodyRU, "Ханкенди")).wantStatus(http.StatusUnauthorized)

	// A student of another session, a teacher who does not own this one,
	// and an admin.
	var second classSession
	f.teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d,"article_ids":[%d]}`, f.event, f.en.ID)).
		wantStatus(http.StatusCreated).decode(&second)
	if len(second.ArticleIDs) != 1 || second.Code == f.session.Code {
		t.Errorf("second session: %+v", second)
	}
	b := f.ts.withNewBrowser()
	b.postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Zoe"}`, second.Code)).wantStatus(http.StatusOK)
	post(b, markBody(f.en.ID, classBodyEN, "Northburg")).wantStatus(http.StatusForbidden)

	var own struct {
		Marks []struct {
			ID int64 `json:"id"`
		} `json:"marks"`
	}
	anna.get(f.sessPath + "/marks").decode(&own)
	ben := f.student("Ben")
	ben.do(http.MethodDelete, f.sessPath+"/marks/"+id64(own.Marks[0].ID), "", nil).wantStatus(http.StatusNotFound)
	ben.do(http.MethodDelete, f.sessPath+"/marks/abc", "", nil).wantStatus(http.StatusNotFound)

	other := f.ts.loggedInAs("teacher2", framing.RoleTeacher)
	other.get(f.sessPath + "/results").wantStatus(http.StatusForbidden)
	other.postJSON(f.sessPath+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusForbidden)
	anna.get(f.sessPath + "/results").wantStatus(http.StatusUnauthorized)
	f.ts.loggedInAs("admin1", framing.RoleAdmin).get(f.sessPath + "/results").wantStatus(http.StatusOK)
	f.teacher.get("/api/sessions/99999/results").wantStatus(http.StatusNotFound)
	f.teacher.postJSON("/api/sessions", `{"event_id":99999}`).wantAPIError(http.StatusNotFound, "event_id")
	f.teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d,"article_ids":[99999]}`, f.event)).
		wantAPIError(http.StatusUnprocessableEntity, "article_ids")
	f.ts.withNewBrowser().postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d}`, f.event)).wantStatus(http.StatusUnauthorized)

	// Phases move forward only; a closed session takes no marks and
	// keeps its results.
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"later"}`).wantAPIError(http.StatusUnprocessableEntity, "phase")
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"reveal"}`).wantStatus(http.StatusOK)
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"marking"}`).wantAPIError(http.StatusConflict, "phase")
	var named struct {
		Marks []struct {
			Text string `json:"text"`
		} `json:"marks"`
	}
	post(anna, markBody(f.en.ID, classBodyEN, "Northern Herald")).wantStatus(http.StatusCreated)
	anna.get(f.sessPath + "/marks").decode(&named)
	if !strings.Contains(named.Marks[len(named.Marks)-1].Text+named.Marks[0].Text, "Northern Herald") {
		t.Errorf("after the reveal the outlet is still masked: %+v", named.Marks)
	}
	f.teacher.postJSON(f.sessPath+"/phase", `{"phase":"closed"}`).wantStatus(http.StatusOK)
	post(anna, markBody(f.en.ID, classBodyEN, "troops")).wantStatus(http.StatusConflict)
	anna.do(http.MethodDelete, f.sessPath+"/marks/"+id64(own.Marks[0].ID), "", nil).wantStatus(http.StatusNotFound)
	f.teacher.get(f.sessPath + "/results").wantStatus(http.StatusOK)
	f.ts.withNewBrowser().postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Late"}`, f.session.Code)).
		wantAPIError(http.StatusNotFound, "code")
}

// The projector's QR code holds the absolute join address with the code.
func TestTheQRCodeHoldsTheJoinAddress(t *testing.T) {
	f := newClassFixture(t)
	r := f.teacher.get("/sessions/" + id64(f.session.ID) + "/qr.png").wantStatus(http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "image/png" {
		t.Fatalf("Content-Type %q", ct)
	}
	img, err := png.Decode(strings.NewReader(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	got, err := qr.Decode(img)
	if err != nil || got != f.session.JoinURL || !strings.HasPrefix(got, f.ts.URL+"/join?code=") {
		t.Errorf("QR code reads %q, %v; want %q", got, err, f.session.JoinURL)
	}
	f.ts.withNewBrowser().get("/sessions/" + id64(f.session.ID) + "/qr.png").wantStatus(http.StatusSeeOther)
}

// In a blind session a mark cannot cut through an outlet's name (the
// name less a letter would come back unmasked), and an article added to
// the event after the session opened changes nothing in its texts.
func TestABlindSessionRefusesMarksThatCutANameAndIgnoresArticlesAddedLater(t *testing.T) {
	f := newClassFixture(t)
	anna := f.student("Anna")
	name := strings.Index(classBodyEN, "Northern Herald")
	for _, sp := range [][2]int{{name, name + len("Northern Heral")}, {name + 1, name + len("Northern Herald")}} {
		body := fmt.Sprintf(`{"article_id":%d,"start":%d,"end":%d}`, f.en.ID, sp[0], sp[1])
		e := anna.postJSON(f.sessPath+"/marks", body).wantAPIError(http.StatusUnprocessableEntity, "start")
		if !strings.Contains(e.Error, "whole name") || strings.Contains(e.Error, "Herald") {
			t.Errorf("%q: %q", classBodyEN[sp[0]:sp[1]], e.Error)
		}
	}
	var m struct{ Text string }
	anna.postJSON(f.sessPath+"/marks", markBody(f.en.ID, classBodyEN, "The Northern Herald reported")).
		wantStatus(http.StatusCreated).decode(&m)
	if m.Text != "The Outlet A reported" {
		t.Errorf("a mark over the whole name: %q", m.Text)
	}

	f.ts.addArticle(f.event, validArticle("the", "Added later", "A text added after the class began."))
	page := anna.get("/sessions/" + id64(f.session.ID) + "/read").wantStatus(http.StatusOK).Body
	if strings.Contains(page, "Outlet C") || !strings.Contains(page, "troops entered Northburg") {
		t.Error("an article added after the session opened masks words in its texts")
	}
}

// An outlet's name is typed by whoever adds the article: in the exports it
// cannot run as a spreadsheet formula any more than a student's note can.
func TestExportsKeepEveryCellFromRunningAsAFormula(t *testing.T) {
	ts := newTestServer(t)
	teacher := ts.loggedInAs("teacher1", framing.RoleTeacher)
	ev := ts.createEvent("Formulas", "", "")
	a := ts.addArticle(ev, validArticle(`=HYPERLINK("http://x.example","go")`, "H", classBodyEN))
	var cs classSession
	teacher.postJSON("/api/sessions", fmt.Sprintf(`{"event_id":%d}`, ev)).wantStatus(http.StatusCreated).decode(&cs)
	b := ts.withNewBrowser()
	b.postJSON("/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Anna"}`, cs.Code)).wantStatus(http.StatusOK)
	path := "/api/sessions/" + id64(cs.ID)
	b.postJSON(path+"/marks", markBody(a.ID, classBodyEN, "Northburg")).wantStatus(http.StatusCreated)
	for _, kind := range []string{"marks", "wordings"} {
		body, ok := strings.CutPrefix(teacher.get(path+"/export?format=csv&kind="+kind).wantStatus(http.StatusOK).Body, "\ufeff")
		if !ok {
			t.Errorf("%s: no UTF-8 byte-order mark", kind)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v %q", kind, err, rows)
		}
		for _, row := range rows[1:] {
			for _, v := range row {
				if v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
					t.Errorf("%s: cell %q would run as a formula", kind, v)
				}
			}
		}
	}
}
