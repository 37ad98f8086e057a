package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

// articleNotices are the confirmations shown on the event page after a
// change to one of its articles.
var articleNotices = map[string]string{
	"article":  "Article saved. The comparison now uses its new text.",
	"deleted":  "Article deleted.",
	"lexicons": "Lexicons saved. The comparison now uses the ones ticked.",
}

func (s *Server) editArticlePage(c echo.Context) error {
	a, err := s.articleParam(c)
	if err != nil {
		return err
	}
	return s.renderArticleEdit(c, http.StatusOK, a, inputOf(a), a.EventID, nil)
}

func (s *Server) updateArticleForm(c echo.Context) error {
	a, err := s.articleParam(c)
	if err != nil {
		return err
	}
	in := articleFromForm(c)
	eventID, err := formEventID(c, a.EventID)
	var updated framing.Article
	if err == nil {
		updated, err = s.store.UpdateArticle(c.Request().Context(), a.ID, eventID, in)
	}
	if _, ok := views.FieldErrorsFrom(err); ok {
		status, _, _ := statusOf(err)
		return s.renderArticleEdit(c, status, a, in, eventID, err)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d?saved=article#article-%d", updated.EventID, updated.ID))
}

// formEventID reads the event chosen in the edit form; none means the
// article stays in current.
func formEventID(c echo.Context, current int64) (int64, error) {
	raw := c.FormValue("event_id")
	if raw == "" {
		return current, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return current, framing.FieldErrorf(framing.EInvalid, "event_id", "Choose the event from the list.")
	}
	return id, nil
}

// renderArticleEdit shows the edit form of article a with the values in,
// the event chosen and the problems in formErr, if any.
func (s *Server) renderArticleEdit(c echo.Context, status int, a framing.Article, in framing.ArticleInput, eventID int64, formErr error) error {
	ctx := c.Request().Context()
	ev, err := s.store.Event(ctx, a.EventID)
	if err != nil {
		return err
	}
	outlets, err := s.store.Outlets(ctx)
	if err != nil {
		return err
	}
	events, err := s.store.ListEvents(ctx)
	if err != nil {
		return err
	}
	errs, _ := views.FieldErrorsFrom(formErr)
	return render(c, status, views.ArticleEditPage(views.ArticleEditForm{
		ArticleForm: views.ArticleForm{User: currentUser(c), Event: ev, Values: in, Errors: errs, Outlets: outlets},
		ArticleID:   a.ID, Events: events, EventID: eventID,
	}))
}

func (s *Server) deleteArticlePage(c echo.Context) error {
	a, err := s.articleParam(c)
	if err != nil {
		return err
	}
	ev, err := s.store.Event(c.Request().Context(), a.EventID)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ArticleDeletePage(views.ArticleDeleteView{User: currentUser(c), Event: ev, Article: a}))
}

// deleteArticleForm deletes only once the confirmation page was answered;
// a bare POST (the edit page's delete button) shows that page first.
func (s *Server) deleteArticleForm(c echo.Context) error {
	if c.FormValue("confirm") != "yes" {
		return s.deleteArticlePage(c)
	}
	a, err := s.articleParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteArticle(c.Request().Context(), a.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d?saved=deleted", a.EventID))
}
