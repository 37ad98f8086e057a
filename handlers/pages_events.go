package handlers

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) homePage(c echo.Context) error {
	events, err := s.store.ListEvents(c.Request().Context())
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.HomePage(views.HomeView{Events: events}))
}

func (s *Server) newEventPage(c echo.Context) error {
	return render(c, http.StatusOK, views.EventFormPage(views.EventForm{}))
}

func (s *Server) createEventForm(c echo.Context) error {
	in := framing.EventInput{
		Title:       c.FormValue("title"),
		Description: c.FormValue("description"),
		Date:        c.FormValue("date"),
	}
	ev, err := s.store.CreateEvent(c.Request().Context(), in)
	if errs, ok := views.FieldErrorsFrom(err); ok {
		status, _, _ := statusOf(err)
		return render(c, status, views.EventFormPage(views.EventForm{Values: in, Errors: errs}))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d", ev.ID))
}

// eventParam loads the event in the path and its articles.
func (s *Server) eventParam(c echo.Context) (framing.Event, []framing.Article, error) {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return framing.Event{}, nil, err
	}
	ctx := c.Request().Context()
	ev, err := s.store.Event(ctx, id)
	if err != nil {
		return ev, nil, err
	}
	articles, err := s.store.Articles(ctx, id)
	return ev, articles, err
}

func (s *Server) eventPage(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	m, cmp, err := s.analyzer.Compare(c.Request().Context(), articles)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.EventPage(views.EventView{Event: ev, Articles: articles, Comparison: cmp, Matcher: m,
		Blind: c.QueryParam("blind") == "1", CanEdit: views.CurrentUser(c.Request().Context()) != nil,
		Notice: articleNotices[c.QueryParam("saved")]}))
}
