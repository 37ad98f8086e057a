package main

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A teacher opens the demo event, sees that the Karabakh lexicon was
// chosen from the articles' place names, switches the Ukraine lexicon on
// too, and finds the choice kept, at desktop and phone size, light and
// dark.
func TestBrowserTheEventsLexiconsAreShownAndChangedOnItsPage(t *testing.T) {
	ctx := browsertest.New(t)
	base := startDemoServer(t)
	var active string
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(1366, 900, 1, false),
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=event-lexicons] summary`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=active-lexicons]`, &active, chromedp.ByQuery),
		chromedp.Click(`[data-testid=event-lexicons] summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=save-lexicons]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open the lexicons: %v", err)
	}
	if !strings.HasPrefix(active, "Nagorno-Karabakh") {
		t.Errorf("the demo event's lexicons: %q", active)
	}
	browsertest.Screenshot(t, ctx, "60-event-lexicons")
	for _, v := range browsertest.Axe(t, ctx) {
		t.Errorf("axe, light: %s", v)
	}

	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=lexicon-russia-ukraine]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=save-lexicons]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=saved-notice]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=active-lexicons]`, &active, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("choose a lexicon: %v", err)
	}
	if !strings.Contains(active, "Russia–Ukraine") || !strings.Contains(active, "Nagorno-Karabakh") {
		t.Errorf("after ticking Ukraine: %q", active)
	}

	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	if err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithFeatures(dark),
		chromedp.Click(`[data-testid=event-lexicons] summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=auto-lexicons]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("dark: %v", err)
	}
	browsertest.Screenshot(t, ctx, "61-event-lexicons-dark")
	for _, v := range browsertest.Axe(t, ctx) {
		t.Errorf("axe, dark: %s", v)
	}
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(390, 844, 2, true),
		chromedp.Navigate(base+"/events/1"),
		chromedp.Click(`[data-testid=event-lexicons] summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=auto-lexicons]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("phone: %v", err)
	}
	browsertest.Screenshot(t, ctx, "62-event-lexicons-phone-dark")
	if err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithFeatures(nil),
		chromedp.Click(`[data-testid=auto-lexicons]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=saved-notice]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=active-lexicons]`, &active, chromedp.ByQuery),
		chromedp.Click(`[data-testid=event-lexicons] summary`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("back to detection: %v", err)
	}
	browsertest.Screenshot(t, ctx, "63-event-lexicons-phone")
	if strings.Contains(active, "Russia–Ukraine") {
		t.Errorf("back to detection kept the chosen Ukraine lexicon: %q", active)
	}

	// The lexicon page says the lexicon's scope and shows a pattern.
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(1366, 900, 1, false),
		chromedp.Navigate(base+"/lexicons/1"),
		chromedp.WaitVisible(`[data-testid=lexicon-scope]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("lexicon page: %v", err)
	}
	browsertest.Screenshot(t, ctx, "64-lexicon-scope")
}
