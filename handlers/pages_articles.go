package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) newArticlePage(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusOK, framing.ArticleInput{Language: "en"}, nil)
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
	in := articleFromForm(c)
	a, err := s.addArticle(c.Request().Context(), id, in, c.FormValue("allow_near_duplicate") != "")
	if _, ok := views.FieldErrorsFrom(err); ok {
		status, _, _ := statusOf(err)
		return s.renderArticleForm(c, status, in, err)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d#article-%d", id, a.ID))
}

// renderArticleForm shows the paste form for the event in the path, with
// the person's input and the problems in formErr, if any. A near duplicate
// comes back as a question, not as a mistake.
func (s *Server) renderArticleForm(c echo.Context, status int, in framing.ArticleInput, formErr error) error {
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
	f := views.ArticleForm{Event: ev, Values: in, Outlets: outlets}
	var nd *framing.NearDuplicateError
	if errors.As(formErr, &nd) {
		f.NearDuplicate = &nd.NearDuplicate
	} else {
		f.Errors, _ = views.FieldErrorsFrom(formErr)
	}
	return render(c, status, views.ArticleFormPage(f))
}
