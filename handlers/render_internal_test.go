package handlers

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"framelens/views"
)

// A kept page is rendered once for every request waiting for it: the
// client of the request that renders it leaving must not fail the page
// for the others (templ stops at a cancelled context).
func TestAPageIsRenderedToTheEndWhenItsClientLeft(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "/", nil).WithContext(ctx)
	c := echo.New().NewContext(req, httptest.NewRecorder())
	html, err := renderBytes(c, views.HomePage(views.HomeView{}))
	if err != nil || !strings.Contains(string(html), "</html>") {
		t.Fatalf("render with the client gone: %v, %d bytes", err, len(html))
	}
}
