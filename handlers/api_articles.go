package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

func (s *Server) apiArticle(c echo.Context) error {
	a, err := s.articleParam(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toArticleJSON(a))
}

// apiUpdateArticle replaces an article's fields and, given event_id, moves
// it. Edits are not checked for near duplicates: the text was accepted
// once, and exact copies are still refused.
func (s *Server) apiUpdateArticle(c echo.Context) error {
	id, err := idParam(c, "aid", "article")
	if err != nil {
		return err
	}
	var req articleUpdateRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	var eventID int64 // stays where it is
	if req.EventID != nil {
		eventID = *req.EventID
		if eventID <= 0 {
			return framing.FieldErrorf(framing.ENotFound, "event_id", "There is no event %d.", eventID)
		}
	}
	updated, err := s.store.UpdateArticle(c.Request().Context(), id, eventID, req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toArticleJSON(updated))
}

func (s *Server) apiDeleteArticle(c echo.Context) error {
	id, err := idParam(c, "aid", "article")
	if err != nil {
		return err
	}
	if err := s.store.DeleteArticle(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiOutlets(c echo.Context) error {
	outlets, err := s.store.Outlets(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]outletJSON, 0, len(outlets))
	for _, o := range outlets {
		out = append(out, toOutletJSON(o))
	}
	return c.JSON(http.StatusOK, map[string]any{"outlets": out})
}

func (s *Server) apiUpdateOutlet(c echo.Context) error {
	id, err := idParam(c, "oid", "outlet")
	if err != nil {
		return err
	}
	var req outletRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	o, err := s.store.UpdateOutlet(c.Request().Context(), id, framing.OutletInput(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toOutletJSON(o))
}
