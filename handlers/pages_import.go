package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/bulk"
	"framelens/framing"
	"framelens/importjobs"
	"framelens/views"
)

func (s *Server) importPage(c echo.Context) error {
	return s.renderImportForm(c, http.StatusOK, "", nil)
}

func (s *Server) renderImportForm(c echo.Context, status int, format string, formErr error) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ev, err := s.store.Event(c.Request().Context(), id)
	if err != nil {
		return err
	}
	f := views.ImportForm{User: currentUser(c), Event: ev, Format: format, MaxRecords: bulk.MaxRecords, MaxBytes: MaxImportBytes}
	f.Errors, _ = views.FieldErrorsFrom(formErr)
	return render(c, status, views.ImportPage(f))
}

// startImportForm saves the uploaded file, checks it whole, and starts the
// import in the background; the person follows it on the job's page.
func (s *Server) startImportForm(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	if _, err := s.store.Event(c.Request().Context(), id); err != nil {
		return err
	}
	formatName := c.FormValue("format")
	refuse := func(err error) error {
		if _, ok := views.FieldErrorsFrom(err); ok {
			status, _, _ := statusOf(err)
			return s.renderImportForm(c, status, formatName, err)
		}
		return err
	}
	format, err := importFormat(c, "")
	if err != nil {
		return refuse(err)
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return refuse(framing.FieldErrorf(framing.EInvalid, "file", "Choose a JSON Lines or CSV file to import."))
	}
	part, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open uploaded file: %w", err)
	}
	defer part.Close()
	f, err := saveUpload(part)
	if err != nil {
		return refuse(err)
	}
	if err := checkImportFile(f, format); err != nil {
		discard(f)
		return refuse(err)
	}
	job, err := s.imports.Start(id, fh.Filename, f, format)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/events/%d/import/%s", id, job))
}

// importJobPage shows an import's progress; htmx asks for the progress
// part alone until the import is done.
func (s *Server) importJobPage(c echo.Context) error {
	id, err := idParam(c, "id", "event")
	if err != nil {
		return err
	}
	ev, err := s.store.Event(c.Request().Context(), id)
	if err != nil {
		return err
	}
	snap, ok := s.imports.Get(c.Param("job"))
	if !ok || snap.EventID != id {
		return framing.Errorf(framing.ENotFound, "This import is unknown here, or it finished more than an hour ago: the event shows what it added.")
	}
	j := importJobView(snap)
	if c.Request().Header.Get("HX-Request") == "true" {
		return render(c, http.StatusOK, views.ImportProgress(j))
	}
	return render(c, http.StatusOK, views.ImportJobPage(views.ImportJobView{User: currentUser(c), Event: ev, Job: j}))
}

func importJobView(s importjobs.Snapshot) views.ImportJob {
	j := views.ImportJob{EventID: s.EventID, ID: s.ID, FileName: s.FileName, Percent: s.Percent(),
		Lines: s.Progress.Lines, Imported: s.Progress.Imported, Refused: s.Progress.Refused, Done: s.Done}
	if s.Done {
		j.Lines, j.Imported, j.Refused, j.Problems = s.Report.Lines, s.Report.Imported, len(s.Report.Skipped), s.Report.Skipped
	}
	var fe *framing.Error
	switch {
	case s.Err == nil:
	case errors.As(s.Err, &fe):
		j.Stopped = fe.Message
	default:
		j.Stopped = fmt.Sprintf("The import stopped after line %d: the server was stopped or the file could not be read further. The lines before it are imported.", s.Report.LastLine)
	}
	return j
}
