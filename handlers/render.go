package handlers

import (
	"bytes"
	"context"
	"fmt"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/framing"
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
	raw := c.Param(name)
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, framing.Errorf(framing.ENotFound, "There is no %s %q.", what, raw)
	}
	return id, nil
}
