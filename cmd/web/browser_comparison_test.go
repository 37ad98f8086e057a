package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A teacher projects the demo event, picks the row where the outlets
// disagree about the region's status, and every article lights up that
// concept; then the class plays the guessing game in blind mode.
func TestBrowserComparisonHighlightsAConceptAndHidesOutletsInBlindMode(t *testing.T) {
	ctx := browsertest.New(t)
	base, stop := startServer(t, "-db", filepath.Join(t.TempDir(), "data.db"))
	defer func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	}()

	var rowText string
	var focusedColumns int
	var ctxOpen bool
	pickStatus := `Array.from(document.querySelectorAll('.row-pick')).find(b => b.textContent.startsWith('Status of the region')).click()`
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid=comparison-row]')).find(r => r.textContent.includes('Status of the region')).innerText`, &rowText),
		chromedp.Evaluate(pickStatus, nil),
		chromedp.WaitVisible(`mark.is-focus`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.column')).filter(c => c.querySelector('mark.is-focus')).length`, &focusedColumns),
		chromedp.Evaluate(`document.querySelector('details.ctx[open]') !== null`, &ctxOpen),
	); err != nil {
		t.Fatalf("pick a row: %v", err)
	}
	browsertest.Screenshot(t, ctx, "20-row-picked")
	if !strings.Contains(rowText, "held under Armenian occupation") || !strings.Contains(rowText, "controlled by ethnic Armenian forces") {
		t.Errorf("the status row does not set the seed article's occupation against the rewrite's wording: %q", rowText)
	}
	if focusedColumns < 2 || !ctxOpen {
		t.Errorf("picking the row highlighted %d columns, contexts open: %v", focusedColumns, ctxOpen)
	}

	var pageText string
	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=blind]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=blind-notice]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.title + "\n" + document.body.innerText`, &pageText),
	); err != nil {
		t.Fatalf("blind mode: %v", err)
	}
	browsertest.Screenshot(t, ctx, "21-blind")
	// innerText applies the page's upper-case styling: compare ignoring case.
	pageText = strings.ToLower(pageText)
	for _, name := range []string{"anadolu", "illustrative rewrite: armenian usage", "wire-service style"} {
		if strings.Contains(pageText, name) {
			t.Errorf("blind mode shows %q", name)
		}
	}
	if !strings.Contains(pageText, "outlet a") || !strings.Contains(pageText, "outlet c") {
		t.Error("blind mode shows no aliases")
	}

	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=reveal]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=blind]`, chromedp.ByQuery),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetEmulatedMedia().WithMedia("print").Do(ctx)
		}),
	); err != nil {
		t.Fatalf("print view: %v", err)
	}
	browsertest.Screenshot(t, ctx, "22-print")
	if err := chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			return emulation.SetEmulatedMedia().WithMedia("").Do(ctx)
		}),
		chromedp.EmulateViewport(390, 844),
		chromedp.Reload(),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("phone view: %v", err)
	}
	browsertest.Screenshot(t, ctx, "23-phone-comparison")
}
