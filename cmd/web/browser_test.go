package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A first-time visitor opens the home page, follows the demo event, adds an
// article with a mistake, sees the message next to the field with their
// text kept, fixes it and finds the article beside the others.
func TestBrowserVisitorAddsAnArticleToTheDemoEvent(t *testing.T) {
	ctx := browsertest.New(t)
	base := startDemoServer(t)

	var eventTitle string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(`[data-testid=event-list]`, chromedp.ByQuery),
		chromedp.Text(`.event-card__title a`, &eventTitle, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open home: %v", err)
	}
	browsertest.Screenshot(t, ctx, "01-home")
	if !strings.Contains(eventTitle, "Vladivostok") {
		t.Fatalf("home lists %q, want the demo event", eventTitle)
	}

	var columns int
	var badges int
	if err := chromedp.Run(ctx,
		chromedp.Click(`.event-card__title a`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=columns]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=article]').length`, &columns),
		chromedp.Evaluate(`document.querySelectorAll('.badge--illustrative').length`, &badges),
	); err != nil {
		t.Fatalf("open demo event: %v", err)
	}
	browsertest.Screenshot(t, ctx, "02-event")
	if columns != 3 || badges != 2 {
		t.Fatalf("demo event shows %d articles and %d illustrative badges, want 3 and 2", columns, badges)
	}

	const outlet = "Classroom Gazette"
	const headline = "Leaders meet at the Eastern Economic Forum"
	var summary, bodyError, keptOutlet, keptHeadline string
	if err := chromedp.Run(ctx,
		chromedp.Click(`a[href$="/articles/new"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-outlet`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-outlet`, outlet, chromedp.ByQuery),
		chromedp.SendKeys(`#f-headline`, headline, chromedp.ByQuery),
		chromedp.SendKeys(`#f-body`, "Too short.", chromedp.ByQuery),
		chromedp.Click(`.form-actions button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery),
		chromedp.Text(`.error-summary`, &summary, chromedp.ByQuery),
		chromedp.Text(`#f-body-error`, &bodyError, chromedp.ByQuery),
		chromedp.Value(`#f-outlet`, &keptOutlet, chromedp.ByQuery),
		chromedp.Value(`#f-headline`, &keptHeadline, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("submit the form with a mistake: %v", err)
	}
	browsertest.Screenshot(t, ctx, "03-form-error")
	if !strings.Contains(bodyError, "whole article") || !strings.Contains(summary, "whole article") {
		t.Errorf("body error %q / summary %q, want the too-short message", bodyError, summary)
	}
	if keptOutlet != outlet || keptHeadline != headline {
		t.Errorf("form lost the typed input: outlet %q headline %q", keptOutlet, keptHeadline)
	}

	var newHeadline string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector('#f-body').value = ''`, nil),
		chromedp.SendKeys(`#f-body`, "The two leaders met in Vladivostok and discussed the situation around Nagorno-Karabakh.\nThey also spoke about trade.", chromedp.ByQuery),
		chromedp.Click(`.form-actions button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=columns]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=article]').length`, &columns),
		chromedp.Text(`[data-testid=article]:last-child .column__headline`, &newHeadline, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("submit the corrected form: %v", err)
	}
	browsertest.Screenshot(t, ctx, "04-event-with-new-article")
	if columns != 4 || newHeadline != headline {
		t.Errorf("after adding: %d articles, last headline %q; want 4 and %q", columns, newHeadline, headline)
	}

	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=columns]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("phone view: %v", err)
	}
	browsertest.Screenshot(t, ctx, "05-event-phone")
}
