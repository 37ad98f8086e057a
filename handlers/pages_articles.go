package handlers

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) newArticlePage(c echo.Context) error {
	return s.renderArticleForm(c, http.StatusOK, framing.ArticleInput{Language: "en"}, nil)
}

func (s *Server) createArticleForm(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	in := framing.ArticleInput{
		Outlet:       c.FormValue("outlet"),
		Headline:     c.FormValue("headline"),
		Byline:       c.FormValue("byline"),
		URL:          c.FormValue("url"),
		Published:    c.FormValue("published"),
		Language:     c.FormValue("language"),
		Body:         c.FormValue("body"),
		Illustrative: c.FormValue("illustrative") != "",
	}
	a, err := s.store.AddArticle(c.Request().Context(), id, in)
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
// the person's input and the problems in formErr, if any.
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
	errs, _ := views.FieldErrorsFrom(formErr)
	return render(c, status, views.ArticleFormPage(views.ArticleForm{Event: ev, Values: in, Errors: errs, Outlets: outlets}))
}
