package handlers

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"
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
	key := pageKey{page: "/", version: s.pages.hash(nil, version), viewer: viewerOf(currentUser(c))}
	page, err := s.pages.page(key, func() ([]byte, error) {
		events, err := s.store.ListEvents(context.WithoutCancel(ctx)) // others may wait for it
		if err != nil {
			return nil, err
		}
		return renderBytes(c, views.HomePage(views.HomeView{User: currentUser(c), Events: events}))
	})
	if err != nil {
		return err
	}
	return page.serve(c)
}

func (s *Server) newEventPage(c echo.Context) error {
	return render(c, http.StatusOK, views.EventFormPage(views.EventForm{User: currentUser(c)}))
}

func (s *Server) createEventForm(c echo.Context) error {
	in := framing.EventInput{
		Title:       c.FormValue("title"),
		Description: c.FormValue("description"),
		Date:        c.FormValue("date"),
	}
	ev, err := s.store.CreateEvent(c.Request().Context(), in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.EventFormPage(views.EventForm{User: currentUser(c), Values: in, Errors: errs})
		})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d", ev.ID))
}

// eventParam loads the event in the path and its articles.
func (s *Server) eventParam(c echo.Context) (framing.Event, []framing.Article, error) {
	return s.eventOf(c, c.Param("id"))
}

// eventOf loads the event of a raw id (from the path or a form) and its
// articles.
func (s *Server) eventOf(c echo.Context, raw string) (framing.Event, []framing.Article, error) {
	id, err := parseID(raw, "event")
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
	user := currentUser(c)
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
			v := comparisonView(user, ev, articles, show, key.blind, m, cmp)
			v.CanEdit, v.Notice, v.Lexicons = user != nil, key.notice, lexicons
			return renderBytes(c, views.EventPage(v))
		}
		return s.draw(len(articles), draw)
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

// draw runs fn, which draws something of an event of the given number
// of articles, as heavy work when the event is large.
func (s *Server) draw(articles int, fn func() ([]byte, error)) ([]byte, error) {
	if articles <= heavyPageArticles {
		return fn()
	}
	var out []byte
	err := s.analyzer.Heavy(func() (err error) {
		out, err = fn()
		return err
	})
	return out, err
}

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
	show := showParam(c)
	m, cmp, err := s.analyzer.Compare(c.Request().Context(), framing.ChooseShown(articles, show))
	if err != nil {
		return err
	}
	v := comparisonView(currentUser(c), ev, articles, show, c.QueryParam("blind") == "1", m, cmp)
	row, _ := v.Comparison.Row(concept) // a concept the shown articles do not mention has no lines
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

// comparisonView is the event page's view of all the articles, compared
// by m in cmp, with the texts of those shown.
func comparisonView(user *framing.User, ev framing.Event, articles []framing.Article, show []int64, blind bool,
	m *framing.Matcher, cmp framing.Comparison) views.EventView {
	names := blindNames(articles, blind)
	shown := framing.ChooseShown(articles, show)
	cmp = cmp.Narrow(shown)
	v := eventView(user, ev, articles, names, blind)
	v.All, v.Articles, v.Picked = v.Articles, names.Articles(shown), len(show) > 0
	v.Comparison, v.Matcher, v.Texts = names.Comparison(cmp), m, cmp.Texts(m, names)
	return v
}

// blindNames hides, in blind mode, the outlet of every article of an
// event in what its pages show.
func blindNames(articles []framing.Article, blind bool) framing.NameMasker {
	if blind {
		return framing.NewNameMasker(articles)
	}
	return framing.NameMasker{}
}

// eventView is the common part of an event's pages, with every outlet
// name names hides masked before the views see it.
func eventView(user *framing.User, ev framing.Event, articles []framing.Article, names framing.NameMasker, blind bool) views.EventView {
	return views.EventView{User: user, Event: names.Event(ev), Articles: names.Articles(articles), Blind: blind}
}
