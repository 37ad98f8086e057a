package handlers

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
	"framelens/views"
)

// maxProposeContexts is how many of a wording's occurrences the proposal
// shows: enough to see how it is used.
const maxProposeContexts = 5

// proposePage opens the term form for a wording found in an article:
// prefilled with the phrase and language, showing where the wording came
// from, with a concept suggested from the lexicon's matches around it.
func (s *Server) proposePage(c echo.Context) error {
	ctx := c.Request().Context()
	q := views.ProposeQuery{
		Phrase:   strings.Join(strings.Fields(c.QueryParam("phrase")), " "),
		Language: strings.TrimSpace(c.QueryParam("language")),
		Event:    c.QueryParam("event"),
		Article:  c.QueryParam("article"),
	}
	if q.Phrase == "" || len([]rune(q.Phrase)) > framing.MaxPhraseChars {
		return framing.FieldErrorf(framing.EInvalid, "phrase", "Give the wording to propose: up to %d characters.", framing.MaxPhraseChars)
	}
	f := views.ProposeForm{Query: q, Chosen: c.QueryParam("concept")}
	f.User = currentUser(c)
	f.Values = framing.Term{Phrase: q.Phrase, Language: q.Language, Match: framing.MatchStem}
	var err error
	if f.Lexicons, err = s.store.Lexicons(ctx); err != nil {
		return err
	}
	if q.Event != "" || q.Article != "" {
		if err := s.proposeSource(c, &f); err != nil {
			return err
		}
	}
	if f.Chosen != "" {
		if err := chooseConcept(&f); err != nil {
			return err
		}
	}
	return render(c, http.StatusOK, views.ProposePage(f))
}

// proposeSource fills in the contexts of the wording in its article and,
// when no concept was chosen, a suggestion.
func (s *Server) proposeSource(c echo.Context, f *views.ProposeForm) error {
	ctx := c.Request().Context()
	eventID, err := strconv.ParseInt(f.Query.Event, 10, 64)
	if err != nil {
		return framing.FieldErrorf(framing.ENotFound, "event", "There is no event %q.", f.Query.Event)
	}
	if _, err := s.store.Event(ctx, eventID); err != nil {
		return err
	}
	articles, err := s.store.Articles(ctx, eventID)
	if err != nil {
		return err
	}
	article, err := focusParam(c, articles, false)
	if err != nil {
		return err
	}
	spans := textstat.FindForm(article.Body, f.Query.Phrase)
	for _, sp := range spans[:min(len(spans), maxProposeContexts)] {
		f.Contexts = append(f.Contexts, framing.KWIC(article.Body, sp, 70))
	}
	f.Source = article.Outlet + ": " + article.Headline
	if f.Values.Language == "" {
		f.Values.Language = article.Language
	}
	if f.Chosen != "" || len(spans) == 0 {
		return nil
	}
	m, cmp, err := s.analyzer.Compare(ctx, articles)
	if err != nil {
		return err
	}
	for i, a := range articles {
		if a.ID != article.ID {
			continue
		}
		if ref, ok := framing.SuggestConcept(a.Body, cmp.Matches[i], spans); ok {
			f.Chosen = fmt.Sprintf("%d:%d", m.Lexicon(ref).ID, m.Concept(ref).ID)
			f.Suggested = true
		}
	}
	return nil
}

// chooseConcept resolves "lexiconID:conceptID" among the lexicons.
func chooseConcept(f *views.ProposeForm) error {
	lexID, conceptID, ok := strings.Cut(f.Chosen, ":")
	for _, l := range f.Lexicons {
		if !ok || strconv.FormatInt(l.ID, 10) != lexID {
			continue
		}
		for _, concept := range l.Concepts {
			if strconv.FormatInt(concept.ID, 10) == conceptID {
				f.Lexicon, f.Concept = l, concept
				if f.Values.Language == "" {
					f.Values.Language = l.Language
				}
				return nil
			}
		}
	}
	return framing.FieldErrorf(framing.ENotFound, "concept", "There is no concept %q; choose one from the list.", f.Chosen)
}
