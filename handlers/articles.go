package handlers

import (
	"context"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
)

// addArticle stores a new article in the event unless its text nearly
// repeats an article already there and the person has not said that it is
// a different article (allowNear). Exact copies are refused by the store
// whatever allowNear says. The input is checked before the event's
// articles are compared, so a form with mistakes hears about those first.
func (s *Server) addArticle(ctx context.Context, eventID int64, in framing.ArticleInput, allowNear bool) (framing.Article, error) {
	if !allowNear {
		checked := in // Normalize trims; the form keeps what was typed
		if err := checked.Normalize(); err != nil {
			return framing.Article{}, err
		}
		others, err := s.store.Articles(ctx, eventID)
		if err != nil {
			return framing.Article{}, err
		}
		if d, ok := textstat.FindNearDuplicate(checked.Body, others, 0); ok {
			return framing.Article{}, d.Err()
		}
	}
	return s.store.AddArticle(ctx, eventID, in)
}

// articleParam loads the article in the path. Under /events/:id it must
// belong to that event, so that an address never shows an article under
// an event it is not in.
func (s *Server) articleParam(c echo.Context) (framing.Article, error) {
	aid, err := idParam(c, "aid", "article")
	if err != nil {
		return framing.Article{}, err
	}
	a, err := s.store.Article(c.Request().Context(), aid)
	if err != nil {
		return a, err
	}
	if c.Param("id") == "" {
		return a, nil
	}
	eventID, err := idParam(c, "id", "event")
	if err != nil {
		return a, err
	}
	if a.EventID != eventID {
		return a, framing.Errorf(framing.ENotFound, "There is no article %d in event %d.", aid, eventID)
	}
	return a, nil
}

// inputOf is an article as the input that would store it again, for a
// form or a request to start from.
func inputOf(a framing.Article) framing.ArticleInput {
	return framing.ArticleInput{Outlet: a.Outlet, Headline: a.Headline, Byline: a.Byline, URL: a.URL,
		Published: a.Published, Language: a.Language, Body: a.Body, Illustrative: a.Illustrative}
}
