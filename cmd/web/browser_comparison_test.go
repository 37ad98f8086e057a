package main

import (
	"context"
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
	base := startDemoServer(t)

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

// The pages people use pass axe-core's WCAG 2 AA rules with no serious or
// critical violation, on a laptop and on a phone.
func TestBrowserPagesHaveNoSeriousAccessibilityViolations(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)
	// The checker itself finds a known fault, so a clean result means something.
	if err := chromedp.Run(ctx, chromedp.Navigate(`data:text/html,<html><body><img src="x.png"><input></body></html>`)); err != nil {
		t.Fatal(err)
	}
	if vs := browsertest.Axe(t, ctx); len(vs) == 0 {
		t.Fatal("axe-core found nothing wrong with an image without alt text and an unlabelled input")
	}
	pages := []string{"/", "/events/1", "/events/1?blind=1", "/events/1/distinctive", "/events/1/alignments", "/outlets", "/outlets/words?outlet=Anadolu%20Agency", "/events/new", "/events/1/articles/new", "/lexicons", "/lexicons/1", "/login", "/no/such/page"}
	for _, width := range []int64{1366, 390} {
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Run(ctx, chromedp.Navigate(base+p), chromedp.WaitReady("main", chromedp.ByQuery)); err != nil {
				t.Fatalf("open %s: %v", p, err)
			}
			for _, v := range browsertest.Axe(t, ctx) {
				t.Errorf("%s at %dpx: %s", p, width, v)
			}
		}
	}
}
