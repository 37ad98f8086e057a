package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	qr "github.com/piglig/go-qr"

	"framelens/framing"
	"framelens/framing/classroom"
	"framelens/spreadsheet"
)

type resultsJSON struct {
	Session  classSessionJSON    `json:"session"`
	Students int                 `json:"students"`
	Marking  int                 `json:"marking"`
	Marks    int                 `json:"marks"`
	Known    int                 `json:"known"`
	Articles []resultArticleJSON `json:"articles"`
	Wordings []wordingJSON       `json:"wordings"`
	Missed   []missedJSON        `json:"missed"`
}

type resultArticleJSON struct {
	ID       int64  `json:"id"`
	Outlet   string `json:"outlet"`
	Headline string `json:"headline"`
	Marks    int    `json:"marks"`
	Students int    `json:"students"`
}

type lexiconHitJSON struct {
	ConceptID   int64  `json:"concept_id"`
	Concept     string `json:"concept"`
	Term        string `json:"term"`
	Perspective string `json:"perspective"`
}

type wordingJSON struct {
	Text       string          `json:"text"`
	Key        string          `json:"key"`
	Students   int             `json:"students"`
	Marks      int             `json:"marks"`
	ArticleIDs []int64         `json:"article_ids"`
	Known      bool            `json:"known"`
	Lexicon    *lexiconHitJSON `json:"lexicon,omitempty"`
	Concepts   []conceptJSON   `json:"concepts"`
	Agree      int             `json:"agree"`
}

type conceptJSON struct {
	ConceptID int64  `json:"concept_id"`
	Concept   string `json:"concept"`
	Students  int    `json:"students"`
}

type missedJSON struct {
	lexiconHitJSON
	Surfaces   []string `json:"surfaces"`
	Count      int      `json:"count"`
	ArticleIDs []int64  `json:"article_ids"`
}

func toHitJSON(h classroom.LexiconHit) lexiconHitJSON {
	return lexiconHitJSON{ConceptID: h.ConceptID, Concept: h.Concept, Term: h.Term, Perspective: h.Perspective}
}

func (s *Server) apiResults(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	_, articles, res, err := s.classResults(c.Request().Context(), cs)
	if err != nil {
		return err
	}
	out := resultsJSON{Session: toClassSessionJSON(c, cs), Students: res.Students, Marking: res.Marking, Marks: res.Marks,
		Known: res.Known, Articles: []resultArticleJSON{}, Wordings: []wordingJSON{}, Missed: []missedJSON{}}
	for i, ah := range res.Articles {
		a := articles[i].Article
		out.Articles = append(out.Articles, resultArticleJSON{ID: a.ID, Outlet: a.Outlet, Headline: a.Headline,
			Marks: ah.Marks, Students: ah.Students})
	}
	for _, w := range res.Wordings {
		wj := wordingJSON{Text: w.Text, Key: w.Key, Students: w.Students, Marks: w.Marks, ArticleIDs: w.ArticleIDs,
			Known: w.Lexicon != nil, Concepts: []conceptJSON{}, Agree: w.Agree}
		for _, c := range w.Concepts {
			wj.Concepts = append(wj.Concepts, conceptJSON{ConceptID: c.ConceptID, Concept: c.Concept, Students: c.Students})
		}
		if w.Lexicon != nil {
			hit := toHitJSON(*w.Lexicon)
			wj.Lexicon = &hit
		}
		out.Wordings = append(out.Wordings, wj)
	}
	for _, m := range res.Missed {
		out.Missed = append(out.Missed, missedJSON{lexiconHitJSON: toHitJSON(m.LexiconHit), Surfaces: m.Surfaces,
			Count: m.Count, ArticleIDs: m.ArticleIDs})
	}
	return c.JSON(http.StatusOK, out)
}

// apiExport writes the session's results as CSV: kind=marks, one line per
// mark; kind=wordings, one line per wording with its counts, then the
// lexicon's matches nobody marked.
func (s *Server) apiExport(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	if f := c.QueryParam("format"); f != "" && f != "csv" {
		return &badRequest{msg: fmt.Sprintf("Unknown format %q; use csv.", f), field: "format"}
	}
	ctx := c.Request().Context()
	kind := c.QueryParam("kind")
	var rows [][]string
	switch kind {
	case "", "marks":
		kind = "marks"
		marks, err := s.store.SessionMarks(ctx, cs.ID)
		if err != nil {
			return err
		}
		_, articles, err := s.classArticles(ctx, cs)
		if err != nil {
			return err
		}
		rows, err = s.marksCSV(ctx, articles, marks)
		if err != nil {
			return err
		}
	case "wordings":
		_, articles, res, err := s.classResults(ctx, cs)
		if err != nil {
			return err
		}
		rows = wordingsCSV(articles, res)
	default:
		return &badRequest{msg: fmt.Sprintf("Unknown kind %q; use marks or wordings.", kind), field: "kind"}
	}
	// Outlet, concept and term names are text people typed too (an outlet
	// can be named by anyone who adds an article): every cell is guarded.
	data, err := spreadsheet.Write(rows)
	if err != nil {
		return fmt.Errorf("class session %d: %w", cs.ID, err)
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"session-%d-%s.csv\"", cs.ID, kind))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", data)
}

func (s *Server) marksCSV(ctx context.Context, articles []framing.ArticleMatches, marks []classroom.Mark) ([][]string, error) {
	outlets := map[int64]string{}
	for _, a := range articles {
		outlets[a.Article.ID] = a.Article.Outlet
	}
	concepts := map[int64]string{}
	lexicons, err := s.store.Lexicons(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range lexicons {
		for _, c := range l.Concepts {
			concepts[c.ID] = c.Name
		}
	}
	rows := [][]string{{"mark_id", "nickname", "article_id", "outlet", "start", "end", "text", "wording",
		"concept_id", "concept", "note", "created_at"}}
	for _, m := range marks {
		concept := ""
		if m.ConceptID != 0 {
			concept = concepts[m.ConceptID]
		}
		rows = append(rows, []string{strconv.FormatInt(m.ID, 10), m.Nickname, strconv.FormatInt(m.ArticleID, 10),
			outlets[m.ArticleID], strconv.Itoa(m.Start), strconv.Itoa(m.End), m.Text, classroom.WordingKey(m.Text),
			idOrEmpty(m.ConceptID), concept, m.Note, m.CreatedAt.UTC().Format("2006-01-02T15:04:05Z")})
	}
	return rows, nil
}

func wordingsCSV(articles []framing.ArticleMatches, res classroom.Results) [][]string {
	outlets := map[int64]string{}
	for _, a := range articles {
		outlets[a.Article.ID] = a.Article.Outlet
	}
	names := func(ids []int64) string {
		var out []string
		for _, id := range ids {
			out = append(out, outlets[id])
		}
		return strings.Join(out, "; ")
	}
	rows := [][]string{{"wording", "students", "marks", "outlets", "in_lexicon", "concept", "term", "perspective",
		"class_concepts", "agree"}}
	for _, w := range res.Wordings {
		var chosen []string
		for _, c := range w.Concepts {
			chosen = append(chosen, fmt.Sprintf("%s (%d)", c.Concept, c.Students))
		}
		row := []string{w.Text, strconv.Itoa(w.Students), strconv.Itoa(w.Marks), names(w.ArticleIDs), "false", "", "", "",
			strings.Join(chosen, "; "), strconv.Itoa(w.Agree)}
		if w.Lexicon != nil {
			row[4], row[5], row[6], row[7] = "true", w.Lexicon.Concept, w.Lexicon.Term, w.Lexicon.Perspective
		}
		rows = append(rows, row)
	}
	for _, m := range res.Missed {
		rows = append(rows, []string{strings.Join(m.Surfaces, "; "), "0", "0", names(m.ArticleIDs), "true", m.Concept,
			m.Term, m.Perspective, "", "0"})
	}
	return rows
}

func idOrEmpty(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// qrPNG is the session's join address as a QR code for the projector:
// medium error correction survives a smudged screen; 12-pixel modules and
// the standard four-module margin scan from the back of a room.
func (s *Server) qrPNG(c echo.Context) error {
	cs, err := s.teacherSession(c)
	if err != nil {
		return err
	}
	code, err := qr.EncodeText(joinURL(c, cs.Code), qr.Medium)
	if err != nil {
		return fmt.Errorf("encode QR code of class session %d: %w", cs.ID, err)
	}
	png, err := code.ToPNGBytes(qr.NewQrCodeImgConfig(12, 4))
	if err != nil {
		return fmt.Errorf("render QR code of class session %d: %w", cs.ID, err)
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=3600")
	return c.Blob(http.StatusOK, "image/png", png)
}
