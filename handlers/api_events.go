package handlers

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

func (s *Server) health(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		s.log.Error("health check", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) apiListEvents(c echo.Context) error {
	events, err := s.store.ListEvents(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]eventSummaryJSON, 0, len(events))
	for _, e := range events {
		outlets := e.Outlets
		if outlets == nil {
			outlets = []string{}
		}
		out = append(out, eventSummaryJSON{eventJSON: toEventJSON(e.Event), Articles: e.ArticleCount, Outlets: outlets})
	}
	return c.JSON(http.StatusOK, map[string]any{"events": out})
}

func (s *Server) apiCreateEvent(c echo.Context) error {
	var req eventRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ev, err := s.store.CreateEvent(c.Request().Context(), framing.EventInput(req))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/events/%d", ev.ID))
	return c.JSON(http.StatusCreated, toEventJSON(ev))
}

func (s *Server) apiEvent(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	out := eventDetailJSON{eventJSON: toEventJSON(ev), Articles: make([]articleJSON, 0, len(articles))}
	for _, a := range articles {
		out.Articles = append(out.Articles, toArticleJSON(a))
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) apiCreateArticle(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	var req articleRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	a, err := s.addArticle(c.Request().Context(), id, req.input(), req.AllowNearDuplicate)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/events/%d", id))
	return c.JSON(http.StatusCreated, toArticleJSON(a))
}
