package handlers

import (
	"context"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) homePage(c echo.Context) error {
	ctx := c.Request().Context()
	version, err := s.store.EventsVersion(ctx)
	if err != nil {
		return err
	}
	key := pageKey{page: "/", version: s.pages.hash(nil, version), viewer: viewerOf(views.CurrentUser(ctx))}
	page, err := s.pages.page(key, func() ([]byte, error) {
		events, err := s.store.ListEvents(context.WithoutCancel(ctx)) // others may wait for it
		if err != nil {
			return nil, err
		}
		return renderBytes(c, views.HomePage(views.HomeView{Events: events}))
	})
	if err != nil {
		return err
	}
	return page.serve(c)
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
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ev, err := s.store.Event(ctx, id)
	if err != nil {
		return err
	}
	_, lexicon, err := s.analyzer.Matcher(ctx)
	if err != nil {
		return err
	}
	user := views.CurrentUser(ctx)
	// The page is drawn from exactly these parts, so a page rendered from
	// the same parts is the same page (see pageCache).
	key := pageKey{page: fmt.Sprintf("/events/%d", id), version: s.pages.eventVersion(ev), lexicon: lexicon, viewer: viewerOf(user),
		blind: c.QueryParam("blind") == "1", notice: articleNotices[c.QueryParam("saved")]}
	page, err := s.pages.page(key, func() ([]byte, error) {
		// Other requests may be waiting for this rendering: it goes on if
		// this one's client leaves.
		ctx := context.WithoutCancel(ctx)
		// Read after the revision: the articles are at least as new as
		// the key says, never older.
		articles, err := s.store.Articles(ctx, id)
		if err != nil {
			return nil, err
		}
		m, cmp, err := s.analyzer.Compare(ctx, articles)
		if err != nil {
			return nil, err
		}
		lexicons, err := s.eventLexiconStates(c, id)
		if err != nil {
			return nil, err
		}
		v := eventView(ev, articles, key.blind)
		v.Comparison, v.Matcher, v.CanEdit, v.Notice, v.Lexicons = cmp, m, user != nil, key.notice, lexicons
		return renderBytes(c, views.EventPage(v))
	})
	if err != nil {
		return err
	}
	return page.serve(c)
}

// eventView is the common part of an event's pages: in blind mode every
// outlet name is masked (framing.NameMasker), the views only show it.
func eventView(ev framing.Event, articles []framing.Article, blind bool) views.EventView {
	v := views.EventView{Event: ev, Articles: articles, Blind: blind}
	if blind {
		v.Names = framing.NewNameMasker(articles)
	}
	return v
}
