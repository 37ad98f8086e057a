package handlers

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

type lexiconStateJSON struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	Scope  string `json:"scope"`
	Active bool   `json:"active"`
	Auto   bool   `json:"auto"`
}

type eventLexiconsJSON struct {
	Lexicons []lexiconStateJSON `json:"lexicons"`
}

// eventLexiconStates is every lexicon with whether it applies to the
// event.
func (s *Server) eventLexiconStates(ctx context.Context, eventID int64) ([]framing.LexiconState, error) {
	t, err := s.analyzer.EventTopics(ctx, eventID)
	if err != nil {
		return nil, err
	}
	lexicons, err := s.store.Lexicons(ctx)
	if err != nil {
		return nil, err
	}
	return framing.LexiconStates(lexicons, t), nil
}

func (s *Server) apiEventLexicons(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	states, err := s.eventLexiconStates(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := eventLexiconsJSON{Lexicons: make([]lexiconStateJSON, 0, len(states))}
	for _, l := range states {
		out.Lexicons = append(out.Lexicons, lexiconStateJSON(l))
	}
	return c.JSON(http.StatusOK, out)
}

type setEventLexiconsRequest struct {
	Lexicons *[]string `json:"lexicons"`
	// Auto hands the choice back to detection from the texts' anchors.
	Auto bool `json:"auto"`
}

// apiSetEventLexicons stores the topic lexicons a person chose for an
// event; like adding an article, it needs no account.
func (s *Server) apiSetEventLexicons(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	var req setEventLexiconsRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	switch {
	case req.Auto:
		err = s.store.ResetEventTopics(ctx, id)
	case req.Lexicons == nil:
		return framing.FieldErrorf(framing.EInvalid, "lexicons", "Give the lexicons to apply, as a list of slugs (an empty list for none), or \"auto\": true.")
	default:
		if err := framing.CheckTopicSlugs(*req.Lexicons); err != nil {
			return err
		}
		err = s.store.ChooseEventTopics(ctx, id, *req.Lexicons)
	}
	if err != nil {
		return err
	}
	return s.apiEventLexicons(c)
}

// setEventLexiconsForm is the event page's lexicon checkboxes.
func (s *Server) setEventLexiconsForm(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if c.FormValue("auto") == "1" {
		err = s.store.ResetEventTopics(ctx, id)
	} else {
		form, ferr := c.FormParams()
		if ferr != nil {
			return framing.FieldErrorf(framing.EInvalid, "lexicons", "The form could not be read.")
		}
		if err := framing.CheckTopicSlugs(form["lexicon"]); err != nil {
			return err
		}
		err = s.store.ChooseEventTopics(ctx, id, form["lexicon"])
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d?saved=lexicons#lexicons", id))
}
