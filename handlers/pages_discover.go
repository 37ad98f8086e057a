package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
	"framelens/views"
)

const (
	defaultDistinctive = 20
	maxDistinctive     = 100
	// maxPairsShown keeps the page of a large event readable; the API
	// gives every pair.
	maxPairsShown = 60
)

// limitParam reads ?limit=, 1–maxDistinctive, defaultDistinctive when absent.
func limitParam(c echo.Context) (int, error) {
	raw := c.QueryParam("limit")
	if raw == "" {
		return defaultDistinctive, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > maxDistinctive {
		return 0, framing.FieldErrorf(framing.EInvalid, "limit", "The limit must be a whole number from 1 to %d.", maxDistinctive)
	}
	return n, nil
}

// minZParam reads ?weak=1, which lists weak differences too (z above 0);
// by default only clear ones (textstat.ClearZ) are listed.
func minZParam(c echo.Context) float64 {
	if c.QueryParam("weak") == "1" {
		return 0
	}
	return textstat.ClearZ
}

// focusParam reads ?article=, which must be one of the event's articles;
// when absent, the first article is the focus if orFirst.
func focusParam(c echo.Context, articles []framing.Article, orFirst bool) (framing.Article, error) {
	raw := c.QueryParam("article")
	if raw == "" {
		if orFirst && len(articles) > 0 {
			return articles[0], nil
		}
		return framing.Article{}, framing.FieldErrorf(framing.EInvalid, "article", "Say which article: ?article= and its id.")
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err == nil {
		for _, a := range articles {
			if a.ID == id {
				return a, nil
			}
		}
	}
	return framing.Article{}, framing.FieldErrorf(framing.ENotFound, "article", "This event has no article %q.", raw)
}

func (s *Server) distinctivePage(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	blind := c.QueryParam("blind") == "1"
	names := blindNames(articles, blind)
	v := views.DistinctiveView{EventView: eventView(currentUser(c), ev, articles, names, blind), Weak: minZParam(c) < textstat.ClearZ}
	if len(articles) >= 2 {
		focus, err := focusParam(c, articles, true)
		if err != nil {
			return err
		}
		words, err := s.analyzer.Distinctive(c.Request().Context(), ev, articles, focus.ID, minZParam(c), defaultDistinctive)
		if err != nil {
			return err
		}
		v.Focus, v.Words = names.Article(focus), textstat.MaskDistinctive(names, words)
	}
	return render(c, http.StatusOK, views.DistinctivePage(v))
}

func (s *Server) alignmentsPage(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	m, pairs, err := s.analyzer.Alignments(c.Request().Context(), ev, articles)
	if err != nil {
		return err
	}
	blind := c.QueryParam("blind") == "1"
	names := blindNames(articles, blind)
	v := views.AlignmentsView{EventView: eventView(currentUser(c), ev, articles, names, blind), Total: len(pairs)}
	v.Matcher = m
	pairs = pairs[:min(len(pairs), maxPairsShown)]
	texts := textstat.PairTexts(pairs, articles, names)
	for i, p := range textstat.MaskPairs(names, pairs) {
		v.Pairs = append(v.Pairs, views.Pair{AlignedPair: p, Sides: texts[i]})
	}
	return render(c, http.StatusOK, views.AlignmentsPage(v))
}

func (s *Server) outletWordsPage(c echo.Context) error {
	outlet := strings.TrimSpace(c.QueryParam("outlet"))
	if outlet == "" {
		return framing.FieldErrorf(framing.EInvalid, "outlet", "Say which outlet: ?outlet= and its name.")
	}
	words, n, err := s.analyzer.OutletDistinctive(c.Request().Context(), outlet, minZParam(c), defaultDistinctive)
	if err != nil {
		return err
	}
	v := views.OutletWordsView{User: currentUser(c), Outlet: outlet, Articles: n, Words: words, Language: "en", Weak: minZParam(c) < textstat.ClearZ}
	outlets, err := s.store.Outlets(c.Request().Context())
	if err != nil {
		return err
	}
	for _, o := range outlets {
		if framing.OutletKey(o.Name) == framing.OutletKey(outlet) {
			v.Outlet = o.Name
			if o.Language != "" {
				v.Language = o.Language
			}
		}
	}
	return render(c, http.StatusOK, views.OutletWordsPage(v))
}
