package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
)

type distinctiveJSON struct {
	Term        string  `json:"term"`
	Count       int     `json:"count"`
	OthersCount int     `json:"others_count"`
	Z           float64 `json:"z"`
	InLexicon   bool    `json:"in_lexicon"`
}

func distinctiveList(words []textstat.Distinctive) []distinctiveJSON {
	out := make([]distinctiveJSON, len(words))
	for i, w := range words {
		out[i] = distinctiveJSON{Term: w.Term, Count: w.Count, OthersCount: w.OthersCount, Z: w.Z, InLexicon: w.InLexicon}
	}
	return out
}

func (s *Server) apiDistinctive(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	focus, err := focusParam(c, articles, false)
	if err != nil {
		return err
	}
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	words, err := s.analyzer.Distinctive(c.Request().Context(), ev, articles, focus.ID, minZParam(c), limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"article_id": focus.ID, "words": distinctiveList(words)})
}

func (s *Server) apiOutletDistinctive(c echo.Context) error {
	outlet := strings.TrimSpace(c.QueryParam("outlet"))
	if outlet == "" {
		return framing.FieldErrorf(framing.EInvalid, "outlet", "Say which outlet: ?outlet= and its name.")
	}
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	words, n, err := s.analyzer.OutletDistinctive(c.Request().Context(), outlet, minZParam(c), limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"outlet": outlet, "articles": n, "words": distinctiveList(words)})
}

type alignedSentenceJSON struct {
	ArticleID int64  `json:"article_id"`
	Sentence  int    `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
}

type alignTermJSON struct {
	Term        string `json:"term"`
	TermID      int64  `json:"term_id"`
	Concept     string `json:"concept"`
	ConceptID   int64  `json:"concept_id"`
	Perspective string `json:"perspective"`
}

type differenceJSON struct {
	A      string          `json:"a"`
	B      string          `json:"b"`
	AStart int             `json:"a_start"`
	AEnd   int             `json:"a_end"`
	BStart int             `json:"b_start"`
	BEnd   int             `json:"b_end"`
	ATerms []alignTermJSON `json:"a_terms"`
	BTerms []alignTermJSON `json:"b_terms"`
}

type pairJSON struct {
	Kind        string              `json:"kind"`
	Similarity  float64             `json:"similarity"`
	A           alignedSentenceJSON `json:"a"`
	B           alignedSentenceJSON `json:"b"`
	Differences []differenceJSON    `json:"differences"`
}

func (s *Server) apiAlignments(c echo.Context) error {
	ev, articles, err := s.eventParam(c)
	if err != nil {
		return err
	}
	limit, offset, err := pageParams(c, defaultPairs, maxPairs)
	if err != nil {
		return err
	}
	m, pairs, err := s.analyzer.Alignments(c.Request().Context(), ev, articles)
	if err != nil {
		return err
	}
	total := len(pairs)
	pairs = pairs[min(offset, total):min(offset+limit, total)]
	terms := func(refs []framing.TermRef) []alignTermJSON {
		out := make([]alignTermJSON, 0, len(refs))
		for _, r := range refs {
			out = append(out, alignTermJSON{Term: m.Term(r).Label(), TermID: m.Term(r).ID, Concept: m.Concept(r).Name,
				ConceptID: m.Concept(r).ID, Perspective: m.PerspectiveName(r)})
		}
		return out
	}
	sentence := func(r textstat.SentenceRef) alignedSentenceJSON {
		return alignedSentenceJSON{ArticleID: r.Article, Sentence: r.Sentence, Start: r.Span.Start, End: r.Span.End, Text: r.Text}
	}
	out := make([]pairJSON, len(pairs))
	for i, p := range pairs {
		out[i] = pairJSON{Kind: p.Kind.String(), Similarity: p.Similarity, A: sentence(p.A), B: sentence(p.B), Differences: make([]differenceJSON, len(p.Differences))}
		for k, d := range p.Differences {
			out[i].Differences[k] = differenceJSON{A: d.A, B: d.B, AStart: d.ASpan.Start, AEnd: d.ASpan.End,
				BStart: d.BSpan.Start, BEnd: d.BSpan.End, ATerms: terms(d.ATerms), BTerms: terms(d.BTerms)}
		}
	}
	return c.JSON(http.StatusOK, map[string]any{"total": total, "limit": limit, "offset": offset, "pairs": out})
}

// The alignments API gives a page of pairs at a time.
const (
	defaultPairs = 50
	maxPairs     = 500
)

// pageParams reads ?limit= (1–most, def when absent) and ?offset= (0 or
// more).
func pageParams(c echo.Context, def, most int) (limit, offset int, err error) {
	limit, offset = def, 0
	if raw := c.QueryParam("limit"); raw != "" {
		if limit, err = strconv.Atoi(raw); err != nil || limit < 1 || limit > most {
			return 0, 0, framing.FieldErrorf(framing.EInvalid, "limit", "The limit must be a whole number from 1 to %d.", most)
		}
	}
	if raw := c.QueryParam("offset"); raw != "" {
		if offset, err = strconv.Atoi(raw); err != nil || offset < 0 {
			return 0, 0, framing.FieldErrorf(framing.EInvalid, "offset", "The offset must be a whole number, 0 or more.")
		}
	}
	return limit, offset, nil
}
