package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

// render writes a templ component as the whole response. It renders into a
// buffer first so that a failing component leaves no half-written page.
func render(c echo.Context, status int, page templ.Component) error {
	html, err := renderBytes(c, page)
	if err != nil {
		return err
	}
	return c.HTMLBlob(status, html)
}

// refusal answers a form whose post failed: when err is about the form's
// fields, page shows the form again with what is wrong, under err's
// status; any other error returns as it is.
func refusal(c echo.Context, err error, page func(views.FieldErrors) templ.Component) error {
	errs, ok := views.FieldErrorsFrom(err)
	if !ok {
		return err
	}
	status, _, _ := statusOf(err)
	return render(c, status, page(errs))
}

// renderBytes renders a templ component to memory. It renders to the end
// even if the request's client has left (templ stops at a cancelled
// context): a kept page is rendered once for every request waiting for
// it (see pageCache), and one client leaving must not fail the others.
func renderBytes(c echo.Context, page templ.Component) ([]byte, error) {
	var buf bytes.Buffer
	if err := page.Render(context.WithoutCancel(c.Request().Context()), &buf); err != nil {
		return nil, fmt.Errorf("render page %s: %w", c.Path(), err)
	}
	return buf.Bytes(), nil
}

// idParam reads a numeric id from the path; anything else names nothing.
func idParam(c echo.Context, name, what string) (int64, error) {
	return parseID(c.Param(name), what)
}

// parseID reads the id of a what; anything but a positive number names
// nothing.
func parseID(raw, what string) (int64, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, framing.Errorf(framing.ENotFound, "There is no %s %q.", what, raw)
	}
	return id, nil
}
