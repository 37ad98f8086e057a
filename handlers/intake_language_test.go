package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// russianPage is a news page that names no language: no lang attribute,
// no og:locale, no Content-Language.
const russianPage = `<!doctype html><html><head><title>Мост в Заречье</title>
<meta property="og:title" content="Мост в Заречье"><meta property="og:site_name" content="Речной вестник"></head>
<body><article><h1>Мост в Заречье</h1>
<p>Жители посёлка Заречье впервые прошли по новому пешеходному мосту через реку Тиху.</p>
<p>Строительство заняло два года. Мост длиной сорок метров сделан из дерева и стали, на обоих берегах есть пологие пандусы для колясок.</p>
<p>«Мы хотели, чтобы мостом мог пользоваться весь посёлок», — сказал инженер проекта Роман Окунев.</p>
</article></body></html>`

func russianPageServer(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(russianPage))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/news/most"
}

// A page that names no language gets the language of its text, in the API
// and in the form; the form's suggestion gives way, a language the person
// typed does not.
func TestAPageWithoutALanguageGetsTheLanguageOfItsText(t *testing.T) {
	ts := newTestServer(t)
	ev := ts.createEvent("Мост", "", "")
	page := russianPageServer(t)
	user := ts.loggedInAs("teacher", "teacher")

	var a storedArticle
	user.postJSON(eventPath(ev)+"/articles/import-url", `{"url": "`+page+`"}`).wantStatus(http.StatusCreated).decode(&a)
	if a.Language != "ru" {
		t.Errorf("imported with language %q, want ru", a.Language)
	}

	fetch := func(language, suggested string) (string, string) {
		ct, body := multipartBody(map[string]string{"action": "fetch", "fetch_url": page, "language": language, "language_suggested": suggested}, "", nil)
		doc := user.do(http.MethodPost, pagePath(ev)+"/articles", ct, body).wantStatus(http.StatusOK).doc()
		lang, _ := doc.Find("#f-language").Attr("value")
		return lang, doc.Find("[data-testid=intake-notice]").Text()
	}
	// The new form suggests en: the page's own language replaces it.
	lang, notice := fetch("en", "en")
	if lang != "ru" || !strings.Contains(notice, "told from the text") {
		t.Errorf("form language %q, notice %q; want ru, said to be told from the text", lang, notice)
	}
	// A language the person typed stays.
	if lang, _ := fetch("uk", "en"); lang != "uk" {
		t.Errorf("typed language replaced by %q", lang)
	}
	newForm := ts.get(pagePath(ev) + "/articles/new").wantStatus(http.StatusOK).doc()
	if v, _ := newForm.Find(`input[name=language_suggested]`).Attr("value"); v != "en" {
		t.Errorf("the new form's suggestion is %q", v)
	}
}
