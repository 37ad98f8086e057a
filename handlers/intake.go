package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/intake"
)

// intakeLimits bound reading one article from a file or a page.
var intakeLimits = intake.Limits{MaxFileBytes: MaxFileBytes}

// uploadedDocument reads the article out of the request's "file", if one
// was sent. Browsers send an empty part when no file was chosen: that is
// no file.
func uploadedDocument(c echo.Context) (doc intake.Document, name string, ok bool, err error) {
	fh, err := c.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || err == nil && fh.Filename == "" && fh.Size == 0 {
		return doc, "", false, nil
	}
	if err != nil {
		return doc, "", false, fmt.Errorf("read uploaded file: %w", err)
	}
	if fh.Size > MaxFileBytes {
		return doc, fh.Filename, true, framing.FieldErrorf(framing.ETooLarge, "file",
			"The file is %s; one article's file may be up to %s.", framing.HumanBytes(int(fh.Size)), framing.HumanBytes(MaxFileBytes))
	}
	part, err := fh.Open()
	if err != nil {
		return doc, fh.Filename, true, fmt.Errorf("open uploaded file: %w", err)
	}
	defer part.Close()
	data, err := io.ReadAll(io.LimitReader(part, MaxFileBytes+1))
	if err != nil {
		return doc, fh.Filename, true, fmt.Errorf("read uploaded file: %w", err)
	}
	doc, err = intake.Extract(c.Request().Context(), fh.Filename, data, intakeLimits)
	return doc, fh.Filename, true, err
}

// fetchedDocument downloads a page and reads the article out of it. The
// fetcher refuses addresses that are not public unless the server runs
// with -allow-private-fetch.
func (s *Server) fetchedDocument(ctx context.Context, rawURL string) (intake.Document, error) {
	page, err := s.fetcher.Fetch(ctx, rawURL)
	if err != nil {
		return intake.Document{}, err
	}
	contentType := page.ContentType
	if page.Charset != "" {
		contentType += "; charset=" + page.Charset
	}
	doc, err := intake.ExtractFetched(ctx, page.URL, contentType, page.Body, intakeLimits)
	if err != nil {
		return doc, err
	}
	if doc.URL == "" {
		doc.URL = page.URL
	}
	return doc, nil
}

// onField moves an application error's field problems to another field:
// the fetcher speaks of "url", the form's address to fetch is "fetch_url".
func onField(err error, from, to string) error {
	var fe *framing.Error
	if !errors.As(err, &fe) {
		return err
	}
	moved := *fe
	moved.Fields = nil
	for _, f := range fe.Fields {
		if f.Field == from {
			f.Field = to
		}
		moved.Fields = append(moved.Fields, f)
	}
	return &moved
}

// formatName names a document's format for a person.
func formatName(format string) string {
	switch format {
	case intake.FormatHTML:
		return "web page"
	case intake.FormatDOCX:
		return "Word document"
	case intake.FormatPDF:
		return "PDF"
	case intake.FormatMarkdown:
		return "Markdown"
	}
	return "text"
}
