package handlers

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
	"framelens/intake"
	"framelens/views"
)

// defaultLanguage is what the empty form suggests; a file or page read
// into the form replaces a suggestion, never what the person typed.
const defaultLanguage = "en"

func (s *Server) newArticlePage(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusOK, framing.ArticleInput{Language: defaultLanguage}, "", "", nil)
}

// fillFrom fills the form's empty fields from a document read from a file
// or a page. The language the form only suggested (the default, or one
// detected before) counts as empty: the document's wins. It returns what
// to tell the person about the language.
func fillFrom(c echo.Context, doc intake.Document, in *framing.ArticleInput) string {
	suggested := in.Language
	if in.Language == c.FormValue("language_suggested") {
		in.Language = ""
	}
	doc.Fill(in)
	if in.Language == "" {
		in.Language = suggested
	}
	if doc.LanguageDetected && in.Language == doc.Language {
		return fmt.Sprintf(" The language, %s, was told from the text: change it if it is wrong.", in.Language)
	}
	return ""
}

// articleFromForm reads the article fields of the add and edit forms.
func articleFromForm(c echo.Context) framing.ArticleInput {
	return framing.ArticleInput{
		Outlet:        c.FormValue("outlet"),
		Headline:      c.FormValue("headline"),
		Byline:        c.FormValue("byline"),
		URL:           c.FormValue("url"),
		Published:     c.FormValue("published"),
		Language:      c.FormValue("language"),
		Body:          c.FormValue("body"),
		Illustrative:  c.FormValue("illustrative") != "",
		OutletCountry: c.FormValue("outlet_country"),
		OutletURL:     c.FormValue("outlet_url"),
	}
}

func (s *Server) createArticleForm(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	in := articleFromForm(c)
	fetchURL := strings.TrimSpace(c.FormValue("fetch_url"))
	// A file or a page fills the form for the person to check; nothing is
	// saved until they add the article themselves.
	if c.FormValue("action") == "fetch" {
		if currentUser(c) == nil {
			return s.renderArticleForm(c, http.StatusUnauthorized, in, fetchURL, "",
				framing.FieldErrorf(framing.EUnauthorized, "fetch_url", "Log in to fetch pages from the web; you can still upload a file or paste the text."))
		}
		if fetchURL == "" {
			return s.renderArticleForm(c, http.StatusUnprocessableEntity, in, fetchURL, "",
				framing.FieldErrorf(framing.EInvalid, "fetch_url", "Give the address of the page to fetch, starting with https://."))
		}
		doc, err := s.fetchedDocument(ctx, fetchURL)
		if err != nil {
			return s.renderIntakeError(c, in, fetchURL, onField(err, "url", "fetch_url"))
		}
		lang := fillFrom(c, doc, &in)
		return s.renderArticleForm(c, http.StatusOK, in, fetchURL, fmt.Sprintf(
			"Fetched the %s at %s. Check the text and the details below, correct what is wrong, then add the article.%s",
			formatName(doc.Format), doc.URL, lang), nil)
	}
	doc, name, sent, err := uploadedDocument(c)
	if err != nil {
		return s.renderIntakeError(c, in, fetchURL, err)
	}
	if sent {
		lang := fillFrom(c, doc, &in)
		return s.renderArticleForm(c, http.StatusOK, in, fetchURL, fmt.Sprintf(
			"Read “%s” (%s). Check the text and the details below, correct what is wrong, then add the article.%s",
			name, formatName(doc.Format), lang), nil)
	}
	if c.FormValue("action") == "read" {
		return s.renderArticleForm(c, http.StatusUnprocessableEntity, in, fetchURL, "",
			framing.FieldErrorf(framing.EInvalid, "file", "Choose a file to read the article from."))
	}
	a, err := s.addArticle(ctx, id, in, c.FormValue("allow_near_duplicate") != "")
	if _, ok := views.FieldErrorsFrom(err); ok {
		status, _, _ := statusOf(err)
		return s.renderArticleForm(c, status, in, fetchURL, "", err)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d#article-%d", id, a.ID))
}

// suggestedLanguage is the form's language when nobody chose it: the
// default on a new form, one a file or page gave, or the one it had.
func suggestedLanguage(c echo.Context, in framing.ArticleInput) string {
	if c.Request().Method == http.MethodGet {
		return in.Language
	}
	if action := c.FormValue("action"); action == "fetch" || action == "read" {
		return in.Language
	}
	if in.Language == c.FormValue("language_suggested") {
		return in.Language
	}
	return ""
}

// renderIntakeError shows the form again with what went wrong reading a
// file or a page, keeping everything typed; other errors go to the error
// page.
func (s *Server) renderIntakeError(c echo.Context, in framing.ArticleInput, fetchURL string, err error) error {
	if _, ok := views.FieldErrorsFrom(err); !ok {
		return err
	}
	status, _, _ := statusOf(err)
	return s.renderArticleForm(c, status, in, fetchURL, "", err)
}

// renderArticleForm shows the paste form for the event in the path, with
// the person's input and the problems in formErr, if any. A near duplicate
// comes back as a question, not as a mistake.
func (s *Server) renderArticleForm(c echo.Context, status int, in framing.ArticleInput, fetchURL, notice string, formErr error) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ev, err := s.store.Event(ctx, id)
	if err != nil {
		return err
	}
	outlets, err := s.store.Outlets(ctx)
	if err != nil {
		return err
	}
	f := views.ArticleForm{User: currentUser(c), Event: ev, Values: in, Outlets: outlets, FetchURL: fetchURL, Notice: notice,
		LanguageSuggested: suggestedLanguage(c, in)}
	var nd *textstat.NearDuplicateError
	if errors.As(formErr, &nd) {
		f.NearDuplicate = &nd.NearDuplicate
	} else {
		f.Errors, _ = views.FieldErrorsFrom(formErr)
	}
	return render(c, status, views.ArticleFormPage(f))
}
