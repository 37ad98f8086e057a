package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/spreadsheet"
)

type analyzeRequest struct {
	Text     string `json:"text"`
	Language string `json:"language"`
	// Lexicons names the topic lexicons to apply (general ones always
	// apply); without it, those the text's own anchors name.
	Lexicons *[]string `json:"lexicons"`
}

type matchJSON struct {
	Start       int           `json:"start"`
	End         int           `json:"end"`
	Surface     string        `json:"surface"`
	Term        string        `json:"term"`
	TermID      int64         `json:"term_id"`
	Concept     string        `json:"concept"`
	ConceptID   int64         `json:"concept_id"`
	Category    string        `json:"category"`
	Lexicon     string        `json:"lexicon"`
	LexiconName string        `json:"lexicon_name"`
	Perspective string        `json:"perspective"`
	Neutral     string        `json:"neutral,omitempty"`
	Voice       framing.Voice `json:"voice"`
	Sentence    int           `json:"sentence"`
}

type spanJSON struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type analyzeResponse struct {
	Matches   []matchJSON `json:"matches"`
	Sentences []spanJSON  `json:"sentences"`
}

func (s *Server) apiAnalyze(c echo.Context) error {
	var req analyzeRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := framing.CheckAnalyzeInput(req.Text, req.Language); err != nil {
		return err
	}
	var topics []string
	if req.Lexicons != nil {
		if err := framing.CheckTopicSlugs(*req.Lexicons); err != nil {
			return err
		}
		topics = append([]string{}, *req.Lexicons...) // not nil: an empty list is a choice of none
	}
	m, a, err := s.analyzer.Analyze(c.Request().Context(), req.Text, topics)
	if err != nil {
		return err
	}
	out := analyzeResponse{Matches: make([]matchJSON, 0, len(a.Matches)), Sentences: make([]spanJSON, 0, len(a.Sentences))}
	for _, match := range a.Matches {
		t, concept := m.Term(match.Ref), m.Concept(match.Ref)
		out.Matches = append(out.Matches, matchJSON{
			Start: match.Start, End: match.End, Surface: match.Surface,
			Term: t.Label(), TermID: t.ID, Concept: concept.Name, ConceptID: concept.ID, Category: concept.Category,
			Lexicon: m.Lexicon(match.Ref).Slug, LexiconName: m.Lexicon(match.Ref).Name, Perspective: m.PerspectiveName(match.Ref), Neutral: t.Neutral,
			Voice: match.Voice, Sentence: match.Sentence,
		})
	}
	for _, sp := range a.Sentences {
		out.Sentences = append(out.Sentences, spanJSON{Start: sp.Start, End: sp.End})
	}
	return c.JSON(http.StatusOK, out)
}

type comparisonJSON struct {
	Event    eventJSON               `json:"event"`
	Articles []comparisonArticleJSON `json:"articles"`
	Rows     []rowJSON               `json:"rows"`
}

type comparisonArticleJSON struct {
	ID           int64  `json:"id"`
	Outlet       string `json:"outlet"`
	Headline     string `json:"headline"`
	URL          string `json:"url"`
	Published    string `json:"published"`
	Language     string `json:"language"`
	Illustrative bool   `json:"illustrative"`
}

type rowJSON struct {
	ConceptID int64      `json:"concept_id"`
	Concept   string     `json:"concept"`
	Category  string     `json:"category"`
	Lexicon   string     `json:"lexicon"`
	Differs   bool       `json:"differs"`
	Mentions  int        `json:"mentions"`
	Cells     []cellJSON `json:"cells"`
}

type cellJSON struct {
	ArticleID int64         `json:"article_id"`
	Terms     []termUseJSON `json:"terms"`
}

type voicesJSON struct {
	Own    int `json:"own"`
	Quoted int `json:"quoted"`
	Scare  int `json:"scare"`
}

type termUseJSON struct {
	Term        string        `json:"term"`
	TermID      int64         `json:"term_id"`
	Perspective string        `json:"perspective"`
	Count       int           `json:"count"`
	Voices      voicesJSON    `json:"voices"`
	Contexts    []contextJSON `json:"contexts"`
}

type contextJSON struct {
	Start    int           `json:"start"`
	End      int           `json:"end"`
	Voice    framing.Voice `json:"voice"`
	Sentence int           `json:"sentence"`
	Before   string        `json:"before"`
	Match    string        `json:"match"`
	After    string        `json:"after"`
}

// apiComparison is kept per event revision and lexicon version like the
// event page (see pageCache), gzipped for clients that take it.
func (s *Server) apiComparison(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	contentType := echo.MIMEApplicationJSON
	switch format {
	case "", "json":
		format = "json"
	case "csv":
		contentType = "text/csv; charset=utf-8"
	default:
		return &badRequest{msg: fmt.Sprintf("Unknown format %q; use json or csv.", format), field: "format"}
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
	key := pageKey{page: fmt.Sprintf("/api/events/%d/comparison?format=%s", id, format), version: s.pages.eventVersion(ev), lexicon: lexicon}
	doc, err := s.pages.document(key, contentType, func() ([]byte, error) {
		ctx := context.WithoutCancel(ctx) // others may wait for it
		articles, err := s.store.Articles(ctx, id)
		if err != nil {
			return nil, err
		}
		draw := func() ([]byte, error) {
			_, cmp, err := s.analyzer.Compare(ctx, articles)
			if err != nil {
				return nil, err
			}
			if format == "csv" {
				return comparisonCSV(cmp)
			}
			data, err := json.Marshal(toComparisonJSON(ev, cmp))
			if err != nil {
				return nil, fmt.Errorf("encode the comparison of event %d: %w", id, err)
			}
			return append(data, '\n'), nil
		}
		return s.draw(len(articles), draw)
	})
	if err != nil {
		return err
	}
	if format == "csv" {
		c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"event-%d-comparison.csv\"", id))
	}
	return doc.serve(c)
}

func toComparisonJSON(ev framing.Event, cmp framing.Comparison) comparisonJSON {
	out := comparisonJSON{Event: toEventJSON(ev), Articles: []comparisonArticleJSON{}, Rows: []rowJSON{}}
	for _, a := range cmp.Articles {
		out.Articles = append(out.Articles, comparisonArticleJSON{ID: a.ID, Outlet: a.Outlet, Headline: a.Headline,
			URL: a.URL, Published: a.Published, Language: a.Language, Illustrative: a.Illustrative})
	}
	for _, r := range cmp.Rows {
		row := rowJSON{ConceptID: r.Concept.ID, Concept: r.Concept.Name, Category: r.Concept.Category,
			Lexicon: r.Lexicon.Name, Differs: r.Differs, Mentions: r.Mentions, Cells: make([]cellJSON, 0, len(r.Cells))}
		for _, cell := range r.Cells {
			cj := cellJSON{ArticleID: cell.ArticleID, Terms: make([]termUseJSON, 0, len(cell.Terms))}
			for _, t := range cell.Terms {
				tj := termUseJSON{Term: t.Term.Label(), TermID: t.Term.ID, Perspective: t.Perspective, Count: t.Count,
					Voices:   voicesJSON{Own: t.Voices.Own, Quoted: t.Voices.Quoted, Scare: t.Voices.Scare},
					Contexts: make([]contextJSON, 0, len(t.Occurrences))}
				for _, o := range t.Occurrences {
					tj.Contexts = append(tj.Contexts, contextJSON{Start: o.Start, End: o.End, Voice: o.Voice,
						Sentence: o.Sentence, Before: o.Context.Before, Match: o.Context.Match, After: o.Context.After})
				}
				cj.Terms = append(cj.Terms, tj)
			}
			row.Cells = append(row.Cells, cj)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// comparisonCSV writes one line per term an article used for a concept,
// with that term's own counts; an article silent on a concept gets one line
// with no term and a count of 0, so the file shows the silence too.
func comparisonCSV(cmp framing.Comparison) ([]byte, error) {
	outlets := map[int64]string{}
	for _, a := range cmp.Articles {
		outlets[a.ID] = a.Outlet
	}
	rows := [][]string{{"concept_id", "concept", "category", "lexicon", "differs", "article_id", "outlet",
		"term", "perspective", "count", "own", "quoted", "scare"}}
	for _, r := range cmp.Rows {
		for _, cell := range r.Cells {
			lead := []string{strconv.FormatInt(r.Concept.ID, 10), r.Concept.Name, r.Concept.Category, r.Lexicon.Name,
				strconv.FormatBool(r.Differs), strconv.FormatInt(cell.ArticleID, 10), outlets[cell.ArticleID]}
			if len(cell.Terms) == 0 {
				rows = append(rows, append(lead, "", "", "0", "0", "0", "0"))
			}
			for _, u := range cell.Terms {
				rows = append(rows, append(slices.Clone(lead), u.Term.Label(), u.Perspective, strconv.Itoa(u.Count),
					strconv.Itoa(u.Voices.Own), strconv.Itoa(u.Voices.Quoted), strconv.Itoa(u.Voices.Scare)))
			}
		}
	}
	data, err := spreadsheet.Write(rows)
	if err != nil {
		return nil, fmt.Errorf("comparison: %w", err)
	}
	return data, nil
}
