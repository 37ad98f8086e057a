package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

// health answers 200 when the database can be read and written; 503
// "read_only", with the message that names the files at fault, when it
// can only be read; 503 "unavailable" when it does not answer.
func (s *Server) health(c echo.Context) error {
	ctx := c.Request().Context()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	if err := s.store.Writable(ctx); err != nil {
		s.log.Error("health check: the database cannot be written", "err", err)
		if framing.ErrorCode(err) != framing.EReadOnly {
			return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		}
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "read_only", "error": framing.ErrorMessage(err)})
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
	var in framing.ArticleInput
	var allowNear bool
	if ct := c.Request().Header.Get(echo.HeaderContentType); strings.HasPrefix(ct, echo.MIMEMultipartForm) {
		// The form's fields, and a file the article is read from: what is
		// read fills the fields the request leaves empty.
		in, allowNear = articleFromForm(c), c.FormValue("allow_near_duplicate") == "true"
		doc, _, sent, err := uploadedDocument(c)
		if err != nil {
			return err
		}
		if sent {
			doc.Fill(&in)
		}
	} else {
		var req articleRequest
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
		in, allowNear = req.input(), req.AllowNearDuplicate
	}
	return s.createdArticle(c, id, in, allowNear)
}

// createdArticle adds an article and answers 201 with it.
func (s *Server) createdArticle(c echo.Context, eventID int64, in framing.ArticleInput, allowNear bool) error {
	a, err := s.addArticle(c.Request().Context(), eventID, in, allowNear)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/events/%d", eventID))
	return c.JSON(http.StatusCreated, toArticleJSON(a))
}

// importURLRequest names a page to import; the article fields, all
// optional, override what the page says about itself.
type importURLRequest struct {
	articleRequest
	ImportURL string `json:"url"`
}

// apiImportURL fetches a page, reads the article out of it and adds it.
func (s *Server) apiImportURL(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	if _, err := s.store.Event(c.Request().Context(), id); err != nil {
		return err
	}
	var req importURLRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if strings.TrimSpace(req.ImportURL) == "" {
		return framing.FieldErrorf(framing.EInvalid, "url", "Give the address of the page to import, starting with https://.")
	}
	doc, err := s.fetchedDocument(c.Request().Context(), strings.TrimSpace(req.ImportURL))
	if err != nil {
		return err
	}
	in := req.input()
	in.URL = ""
	doc.Fill(&in)
	return s.createdArticle(c, id, in, req.AllowNearDuplicate)
}
