package handlers

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
	show := showParam(c)
	// The page is drawn from exactly these parts, so a page rendered from
	// the same parts is the same page (see pageCache).
	key := pageKey{page: fmt.Sprintf("/events/%d?show=%s", id, joinIDs(show)), version: s.pages.eventVersion(ev), lexicon: lexicon,
		viewer: viewerOf(user), blind: c.QueryParam("blind") == "1", notice: articleNotices[c.QueryParam("saved")]}
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
		draw := func() (html []byte, err error) {
			m, cmp, err := s.analyzer.Compare(ctx, articles)
			if err != nil {
				return nil, err
			}
			lexicons, err := s.eventLexiconStates(ctx, id)
			if err != nil {
				return nil, err
			}
			v := comparisonView(ev, articles, show, key.blind)
			v.Comparison, v.Matcher, v.CanEdit, v.Notice, v.Lexicons = cmp.Narrow(v.Articles), m, user != nil, key.notice, lexicons
			return renderBytes(c, views.EventPage(v))
		}
		if len(articles) <= heavyPageArticles {
			return draw()
		}
		var html []byte
		err = s.analyzer.Heavy(func() (err error) {
			html, err = draw()
			return err
		})
		return html, err
	})
	if err != nil {
		return err
	}
	return page.serve(c)
}

// heavyPageArticles is the size of event whose first rendering counts as
// heavy work (see Analyzer.Heavy): comparing a few hundred texts takes
// tens of milliseconds of a core.
const heavyPageArticles = 50

// contextsFragment is the list of a concept's context lines in the shown
// articles, which the event page loads when a reader opens it.
func (s *Server) contextsFragment(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	concept, err := idParam(c, "cid", "concept")
	if err != nil {
		return err
	}
	v := comparisonView(ev, articles, showParam(c), c.QueryParam("blind") == "1")
	m, cmp, err := s.analyzer.Compare(c.Request().Context(), v.Articles)
	if err != nil {
		return err
	}
	v.Comparison, v.Matcher = cmp, m
	row, _ := cmp.Row(concept) // a concept the shown articles do not mention has no lines
	return render(c, http.StatusOK, views.ContextLines(v, row))
}

// showParam reads the articles a reader picked (?show=3&show=5), sorted,
// once each.
func showParam(c echo.Context) []int64 {
	var ids []int64
	for _, raw := range c.QueryParams()["show"] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil && id > 0 && !slices.Contains(ids, id) && len(ids) < framing.MaxShown {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// comparisonView is the event page's view of all the articles, with the
// texts of those shown.
func comparisonView(ev framing.Event, articles []framing.Article, show []int64, blind bool) views.EventView {
	v := eventView(ev, articles, blind)
	v.All, v.Articles, v.Picked = articles, framing.ChooseShown(articles, show), len(show) > 0
	return v
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
