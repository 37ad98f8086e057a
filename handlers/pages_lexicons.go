package handlers

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) lexiconsPage(c echo.Context) error {
	list, err := s.store.Lexicons(c.Request().Context())
	if err != nil {
		return err
	}
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > framing.MaxPhraseChars {
		q = strings.ToValidUTF8(q[:framing.MaxPhraseChars], "")
	}
	return render(c, http.StatusOK, views.LexiconsPage(views.LexiconsView{User: currentUser(c), Lexicons: list, Query: q, Hits: framing.FindWording(list, q)}))
}

// savedNotices are the confirmations a redirect after an edit asks for.
var savedNotices = map[string]string{
	"term":    "Term saved. Comparisons are updated in the background.",
	"concept": "Concept saved.",
	"deleted": "Deleted. Comparisons are updated in the background.",
}

func (s *Server) lexiconPage(c echo.Context) error {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return err
	}
	filter := framing.TermFilter{
		Query:       strings.TrimSpace(c.QueryParam("q")),
		Category:    oneOf(c.QueryParam("category"), lex.Categories()),
		Perspective: oneOf(c.QueryParam("perspective"), perspectiveSlugs(lex)),
		Language:    oneOf(c.QueryParam("language"), lex.Languages()),
	}
	return render(c, http.StatusOK, views.LexiconPage(views.LexiconView{User: currentUser(c),
		Lexicon: lex, Filter: filter, Concepts: lex.Filter(filter),
		CanEdit: currentUser(c) != nil, Notice: savedNotices[c.QueryParam("saved")],
	}))
}

func (s *Server) lexiconParam(c echo.Context) (framing.Lexicon, error) {
	id, err := idParam(c, "id", "lexicon")
	if err != nil {
		return framing.Lexicon{}, err
	}
	return s.store.Lexicon(c.Request().Context(), id)
}

// conceptParam finds the lexicon in the path and the concept in the path
// inside it.
func (s *Server) conceptParam(c echo.Context) (framing.Lexicon, framing.Concept, error) {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return lex, framing.Concept{}, err
	}
	id, err := idParam(c, "cid", "concept")
	if err != nil {
		return lex, framing.Concept{}, err
	}
	for _, concept := range lex.Concepts {
		if concept.ID == id {
			return lex, concept, nil
		}
	}
	return lex, framing.Concept{}, framing.Errorf(framing.ENotFound, "There is no concept %d in %s.", id, lex.Name)
}

// termParam finds the lexicon in the path and the term in the path, with
// its concept, inside it.
func (s *Server) termParam(c echo.Context) (framing.Lexicon, framing.Concept, framing.Term, error) {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return lex, framing.Concept{}, framing.Term{}, err
	}
	id, err := idParam(c, "tid", "term")
	if err != nil {
		return lex, framing.Concept{}, framing.Term{}, err
	}
	for _, concept := range lex.Concepts {
		for _, t := range concept.Terms {
			if t.ID == id {
				return lex, concept, t, nil
			}
		}
	}
	return lex, framing.Concept{}, framing.Term{}, framing.Errorf(framing.ENotFound, "There is no term %d in %s.", id, lex.Name)
}

// afterEdit sends the person back to the lexicon, at what they changed,
// and starts the re-analysis of stored articles.
func (s *Server) afterEdit(c echo.Context, lexID int64, notice, anchor string) error {
	s.analyzer.Refresh()
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/lexicons/%d?saved=%s#%s", lexID, notice, anchor))
}

func conceptFromForm(c echo.Context) framing.Concept {
	return framing.Concept{Name: c.FormValue("name"), Category: c.FormValue("category"), Description: c.FormValue("description")}
}

func (s *Server) newConceptPage(c echo.Context) error {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ConceptFormPage(views.ConceptForm{User: currentUser(c), Lexicon: lex}))
}

func (s *Server) createConceptForm(c echo.Context) error {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return err
	}
	in := conceptFromForm(c)
	created, err := s.store.CreateConcept(c.Request().Context(), lex.ID, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.ConceptFormPage(views.ConceptForm{User: currentUser(c), Lexicon: lex, Values: in, Errors: errs})
		})
	}
	// A new concept has no terms: go straight to adding the first.
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/lexicons/%d/concepts/%d/terms/new", lex.ID, created.ID))
}

func (s *Server) editConceptPage(c echo.Context) error {
	lex, concept, err := s.conceptParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.ConceptFormPage(views.ConceptForm{User: currentUser(c), Lexicon: lex, Values: concept}))
}

func (s *Server) updateConceptForm(c echo.Context) error {
	lex, concept, err := s.conceptParam(c)
	if err != nil {
		return err
	}
	in := conceptFromForm(c)
	in.ID, in.Slug, in.Terms = concept.ID, concept.Slug, concept.Terms
	err = s.store.UpdateConcept(c.Request().Context(), lex.ID, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.ConceptFormPage(views.ConceptForm{User: currentUser(c), Lexicon: lex, Values: in, Errors: errs})
		})
	}
	return s.afterEdit(c, lex.ID, "concept", fmt.Sprintf("concept-%d", concept.ID))
}

func (s *Server) deleteConceptForm(c echo.Context) error {
	lex, concept, err := s.conceptParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteConcept(c.Request().Context(), lex.ID, concept.ID); err != nil {
		return err
	}
	return s.afterEdit(c, lex.ID, "deleted", "perspectives-title")
}

func termFromForm(c echo.Context) framing.Term {
	var variants []string
	for _, line := range strings.Split(c.FormValue("variants"), "\n") {
		variants = append(variants, strings.TrimSpace(line))
	}
	return framing.Term{
		Phrase: c.FormValue("phrase"), Language: c.FormValue("language"), Perspective: c.FormValue("perspective"),
		Match: c.FormValue("match"), Variants: variants, Note: c.FormValue("note"), Neutral: c.FormValue("neutral"),
		SourceTitle: c.FormValue("source_title"), SourceURL: c.FormValue("source_url"),
	}
}

func (s *Server) newTermPage(c echo.Context) error {
	lex, concept, err := s.conceptParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.TermFormPage(views.TermForm{User: currentUser(c), Lexicon: lex, Concept: concept,
		Values: framing.Term{Language: lex.Language, Match: framing.MatchStem}}))
}

func (s *Server) createTermForm(c echo.Context) error {
	lex, concept, err := s.conceptParam(c)
	if err != nil {
		return err
	}
	in := termFromForm(c)
	created, err := s.store.CreateTerm(c.Request().Context(), lex.ID, concept.ID, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.TermFormPage(views.TermForm{User: currentUser(c), Lexicon: lex, Concept: concept, Values: in, Errors: errs})
		})
	}
	return s.afterEdit(c, lex.ID, "term", fmt.Sprintf("term-%d", created.ID))
}

func (s *Server) editTermPage(c echo.Context) error {
	lex, concept, term, err := s.termParam(c)
	if err != nil {
		return err
	}
	return render(c, http.StatusOK, views.TermFormPage(views.TermForm{User: currentUser(c), Lexicon: lex, Concept: concept, Values: term}))
}

func (s *Server) updateTermForm(c echo.Context) error {
	lex, concept, term, err := s.termParam(c)
	if err != nil {
		return err
	}
	in := termFromForm(c)
	in.ID = term.ID
	err = s.store.UpdateTerm(c.Request().Context(), lex.ID, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.TermFormPage(views.TermForm{User: currentUser(c), Lexicon: lex, Concept: concept, Values: in, Errors: errs})
		})
	}
	return s.afterEdit(c, lex.ID, "term", fmt.Sprintf("term-%d", term.ID))
}

func (s *Server) deleteTermForm(c echo.Context) error {
	lex, concept, term, err := s.termParam(c)
	if err != nil {
		return err
	}
	if err := s.store.DeleteTerm(c.Request().Context(), lex.ID, term.ID); err != nil {
		return err
	}
	return s.afterEdit(c, lex.ID, "deleted", fmt.Sprintf("concept-%d", concept.ID))
}

// oneOf keeps a facet value the lexicon has; any other value filters
// nothing, since the page could not show it as selected.
func oneOf(v string, allowed []string) string {
	for _, a := range allowed {
		if a == v {
			return v
		}
	}
	return ""
}

func perspectiveSlugs(lex framing.Lexicon) []string {
	out := make([]string, len(lex.Perspectives))
	for i, p := range lex.Perspectives {
		out[i] = p.Slug
	}
	return out
}
