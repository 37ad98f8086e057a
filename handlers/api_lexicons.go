package handlers

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/lexicons"
)

type lexiconSummaryJSON struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Language    string `json:"language"`
	Version     int64  `json:"version"`
	Concepts    int    `json:"concepts"`
	Terms       int    `json:"terms"`
}

func toLexiconSummary(l framing.Lexicon) lexiconSummaryJSON {
	return lexiconSummaryJSON{ID: l.ID, Slug: l.Slug, Name: l.Name, Description: l.Description, Language: l.Language,
		Version: l.Version, Concepts: len(l.Concepts), Terms: l.TermCount()}
}

func (s *Server) apiLexicons(c echo.Context) error {
	list, err := s.store.Lexicons(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]lexiconSummaryJSON, 0, len(list))
	for _, l := range list {
		out = append(out, toLexiconSummary(l))
	}
	return c.JSON(http.StatusOK, map[string]any{"lexicons": out})
}

// apiExportLexicon writes a lexicon in the exchange format that import
// reads back: JSON (the default) or CSV.
func (s *Server) apiExportLexicon(c echo.Context) error {
	lex, err := s.lexiconParam(c)
	if err != nil {
		return err
	}
	var data []byte
	var contentType string
	switch format := c.QueryParam("format"); format {
	case "", "json":
		data, err = lexicons.ExportJSON(lex)
		contentType = echo.MIMEApplicationJSONCharsetUTF8
	case "csv":
		data, err = lexicons.ExportCSV(lex)
		contentType = "text/csv; charset=utf-8"
	default:
		return &badRequest{msg: fmt.Sprintf("Unknown format %q; use json or csv.", format), field: "format"}
	}
	if err != nil {
		return err
	}
	ext := strings.TrimPrefix(c.QueryParam("format"), ".")
	if ext == "" {
		ext = "json"
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", lex.Slug+"."+ext))
	return c.Blob(http.StatusOK, contentType, data)
}

// apiImportLexicon adds a lexicon from a JSON or CSV file in the request
// body (or a multipart "file" field). The format comes from ?format= or
// the content type; a bad file is refused whole.
func (s *Server) apiImportLexicon(c echo.Context) error {
	data, format, err := importBody(c)
	if err != nil {
		return err
	}
	var lex framing.Lexicon
	switch format {
	case "csv":
		lex, err = lexicons.ImportCSV(data)
	default:
		lex, err = lexicons.ImportJSON(data)
	}
	if err != nil {
		return err
	}
	created, err := s.store.CreateLexicon(c.Request().Context(), lex)
	if err != nil {
		return err
	}
	s.analyzer.Refresh()
	c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/lexicons/%d/export", created.ID))
	return c.JSON(http.StatusCreated, toLexiconSummary(created))
}

func importBody(c echo.Context) ([]byte, string, error) {
	format := c.QueryParam("format")
	mediaType, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	var body io.Reader = c.Request().Body
	if mediaType == echo.MIMEMultipartForm {
		fh, err := c.FormFile("file")
		if err != nil {
			return nil, "", &badRequest{msg: "Attach the lexicon file in a field named file.", field: "file"}
		}
		f, err := fh.Open()
		if err != nil {
			return nil, "", fmt.Errorf("open uploaded lexicon: %w", err)
		}
		defer f.Close()
		body = f
		if format == "" && strings.HasSuffix(strings.ToLower(fh.Filename), ".csv") {
			format = "csv"
		}
	}
	if format == "" && (mediaType == "text/csv" || mediaType == "application/csv") {
		format = "csv"
	}
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, "", echo.ErrStatusRequestEntityTooLarge
	}
	if err != nil {
		return nil, "", fmt.Errorf("read lexicon file: %w", err)
	}
	if format != "" && format != "csv" && format != "json" {
		return nil, "", &badRequest{msg: fmt.Sprintf("Unknown format %q; use json or csv.", format), field: "format"}
	}
	return data, format, nil
}
