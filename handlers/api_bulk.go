package handlers

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"framelens/bulk"
	"framelens/framing"
)

// importFormat is the format a bulk request names: ?format= (or the form's
// format field), else its content type, else detected from the file.
func importFormat(c echo.Context, contentType string) (bulk.Format, error) {
	name := c.QueryParam("format")
	if name == "" {
		name = c.FormValue("format")
	}
	if name == "" {
		switch mt, _, _ := mime.ParseMediaType(contentType); mt {
		case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json":
			name = "jsonl"
		case "text/csv":
			name = "csv"
		}
	}
	f, err := bulk.ParseFormat(name)
	if err != nil {
		return f, framing.FieldErrorf(framing.EInvalid, "format", "The format must be jsonl or csv, or left out to detect it.")
	}
	return f, nil
}

// saveUpload copies an import file to a temporary file, so that it can be
// checked whole before anything is stored and then read again. A copy left
// by a killed server is swept at the next start (bulk.SweepTemp).
func saveUpload(src io.Reader) (*os.File, error) {
	f, err := bulk.CreateTemp("")
	if err != nil {
		return nil, fmt.Errorf("save import file: %w", err)
	}
	var tooBig *http.MaxBytesError
	var limit *echo.HTTPError
	if _, err := io.Copy(f, src); err != nil {
		discard(f)
		if errors.As(err, &tooBig) || errors.As(err, &limit) {
			return nil, framing.FieldErrorf(framing.ETooLarge, "file", "The file is larger than %s, the most one import takes. Split it into several files.",
				framing.HumanBytes(MaxImportBytes))
		}
		return nil, fmt.Errorf("save import file: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		discard(f)
		return nil, fmt.Errorf("save import file: %w", err)
	}
	return f, nil
}

func discard(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// checkImportFile reads the file once without storing anything: a file
// that cannot be read as articles at all, or that holds more than one
// import may, is refused whole, so that nothing is half-imported.
func checkImportFile(f *os.File, format bulk.Format) error {
	r, err := bulk.NewReader(f, format)
	if err != nil {
		return err
	}
	n := 0
	for range r.Lines() {
		n++
	}
	if n > bulk.MaxRecords {
		return framing.FieldErrorf(framing.ETooLarge, "file",
			"The file holds more than %d articles, the most one import takes. Split it into several files.", bulk.MaxRecords)
	}
	if n == 0 {
		return framing.FieldErrorf(framing.EInvalid, "file", "The file holds no article: it has no line after the header.")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("check import file: %w", err)
	}
	return nil
}

type lineProblemJSON struct {
	Line      int    `json:"line"`
	Field     string `json:"field,omitempty"`
	Message   string `json:"message"`
	Duplicate bool   `json:"duplicate"`
}

// importReportJSON is what a bulk import stored and refused: the whole
// answer when it went to the end, and part of the error when it stopped
// at StoppedAt.
type importReportJSON struct {
	Lines      int               `json:"lines"`
	Imported   int               `json:"imported"`
	ArticleIDs []int64           `json:"article_ids"`
	Skipped    []lineProblemJSON `json:"skipped"`
	StoppedAt  int               `json:"stopped_at_line,omitempty"`
}

func toImportReportJSON(r framing.ImportReport) *importReportJSON {
	skipped := make([]lineProblemJSON, len(r.Skipped))
	for i, p := range r.Skipped {
		skipped[i] = lineProblemJSON{Line: p.Line, Field: p.Field, Message: p.Message, Duplicate: p.Duplicate()}
	}
	ids := r.ArticleIDs
	if ids == nil {
		ids = []int64{}
	}
	return &importReportJSON{Lines: r.Lines, Imported: r.Imported, ArticleIDs: ids, Skipped: skipped, StoppedAt: r.StoppedAt}
}

// importStopped is an import that stopped part way: its error, with the
// report of what was stored before, which the error's JSON carries.
type importStopped struct {
	report framing.ImportReport
	err    error
}

func (e *importStopped) Error() string { return e.err.Error() }
func (e *importStopped) Unwrap() error { return e.err }

// apiBulkImport imports JSON Lines or CSV sent as the request body, or as
// the file of a multipart form; it answers when every line is handled.
func (s *Server) apiBulkImport(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.store.Event(ctx, id); err != nil {
		return err
	}
	src, contentType := io.Reader(c.Request().Body), c.Request().Header.Get(echo.HeaderContentType)
	if fh, err := c.FormFile("file"); err == nil {
		part, err := fh.Open()
		if err != nil {
			return fmt.Errorf("open uploaded file: %w", err)
		}
		defer part.Close()
		src, contentType = part, fh.Header.Get(echo.HeaderContentType)
	}
	format, err := importFormat(c, contentType)
	if err != nil {
		return err
	}
	f, err := saveUpload(src)
	if err != nil {
		return err
	}
	defer discard(f)
	if err := checkImportFile(f, format); err != nil {
		return err
	}
	r, err := bulk.NewReader(f, format)
	if err != nil {
		return err
	}
	report, err := s.store.ImportArticles(ctx, id, r.Lines(), nil)
	if report.Imported > 0 {
		s.analyzer.Refresh()
	}
	if err != nil && report.StoppedAt > 0 {
		return &importStopped{report: report, err: err}
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toImportReportJSON(report))
}
