package handlers_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/framing"
	"framelens/internal/browsertest"
)

// A visitor pastes a republished wire story, is warned that it nearly
// repeats an article in the event and saves it anyway; a teacher then
// edits it, moves it to another event and deletes it after confirming.
// Every page on the way is checked with axe-core at laptop and phone
// widths, and screenshots are kept in FRAMELENS_SCREENSHOTS.
func TestBrowserNearDuplicateWarningEditMoveAndDelete(t *testing.T) {
	if os.Getenv("FRAMELENS_E2E") != "1" {
		t.Skip("browser test: set FRAMELENS_E2E=1 to run it")
	}
	ts := newTestServer(t)
	ts.addAccount("teacher", framing.RoleTeacher)
	id := ts.createEvent("Karst Valley dam opens", "2024-05-07", "The opening of a new dam on the Silver River.")
	other := ts.createEvent("Silver River flood drill", "2024-06-01", "")
	ts.addArticle(id, validArticle("Ostravia Wire", "Karst Valley dam opens", wireStory))
	ctx := browsertest.New(t)

	axe := func(page string) {
		t.Helper()
		for _, width := range []int64{1366, 390} {
			if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatal(err)
			}
			for _, v := range browsertest.Axe(t, ctx) {
				t.Errorf("%s at %dpx: %s", page, width, v)
			}
			var scrollWidth int64
			if err := chromedp.Run(ctx, chromedp.Evaluate(`document.documentElement.scrollWidth`, &scrollWidth)); err != nil {
				t.Fatal(err)
			}
			if scrollWidth > width {
				var wide string
				_ = chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3).map(e => e.tagName + '.' + e.className).join(', ')`, &wide))
				t.Errorf("%s at %dpx is %dpx wide: the page scrolls sideways (%s)", page, width, scrollWidth, wide)
			}
		}
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
			t.Fatal(err)
		}
	}

	var warning string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+pagePath(id)+"/articles/new"),
		chromedp.WaitVisible(`#f-outlet`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-outlet`, "Lowland Daily", chromedp.ByQuery),
		chromedp.Click(`details.outlet-details summary`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-outlet_country`, "Ostravia", chromedp.ByQuery),
		chromedp.SendKeys(`#f-headline`, "New dam will water our towns", chromedp.ByQuery),
		chromedp.SetValue(`#f-body`, republishedStory, chromedp.ByQuery),
		chromedp.Click(`.form-actions button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=near-duplicate]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=near-duplicate]`, &warning, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("submit a near duplicate: %v", err)
	}
	browsertest.Screenshot(t, ctx, "articles-01-near-duplicate")
	axe("the near-duplicate warning")
	if !strings.Contains(warning, "Karst Valley dam opens") || !strings.Contains(warning, "% of the wording is the same") {
		t.Errorf("warning %q", warning)
	}

	var columns int
	if err := chromedp.Run(ctx,
		chromedp.Click(`#f-allow_near_duplicate`, chromedp.ByQuery),
		chromedp.Click(`.form-actions button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=columns]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=article]').length`, &columns),
	); err != nil {
		t.Fatalf("save anyway: %v", err)
	}
	if columns != 2 {
		t.Fatalf("%d articles after saving anyway, want 2", columns)
	}

	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/login?next="+pagePath(id)),
		chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-username`, "teacher", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, accountPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=edit-article]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("log in: %v", err)
	}
	browsertest.Screenshot(t, ctx, "articles-02-event-with-edit-links")

	var notice string
	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=article]:last-child [data-testid=edit-article]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-event_id`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open the edit form: %v", err)
	}
	browsertest.Screenshot(t, ctx, "articles-03-edit")
	axe("the edit form")
	if err := chromedp.Run(ctx,
		chromedp.SetValue(`#f-headline`, "Dam brings water to Lowmere", chromedp.ByQuery),
		chromedp.SetValue(`#f-event_id`, id64(other), chromedp.ByQuery),
		chromedp.Click(`.form-actions button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=saved-notice]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=saved-notice]`, &notice, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("edit and move: %v", err)
	}
	if got := ts.eventDetail(other).Articles; len(got) != 1 || got[0].Headline != "Dam brings water to Lowmere" {
		t.Fatalf("after moving, the other event has %+v", got)
	}

	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=edit-article]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.danger-zone button`, chromedp.ByQuery),
		chromedp.Click(`.danger-zone button`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=confirm-delete]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("ask to delete: %v", err)
	}
	browsertest.Screenshot(t, ctx, "articles-04-confirm-delete")
	axe("the delete confirmation")
	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=confirm-delete] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=saved-notice]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=saved-notice]`, &notice, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("confirm the deletion: %v", err)
	}
	if !strings.Contains(notice, "deleted") || len(ts.eventDetail(other).Articles) != 0 {
		t.Errorf("after deleting: notice %q, articles %+v", notice, ts.eventDetail(other).Articles)
	}

	if err := chromedp.Run(ctx,
		chromedp.Navigate(ts.URL+"/outlets"),
		chromedp.WaitVisible(`[data-testid=outlets]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open the outlets: %v", err)
	}
	browsertest.Screenshot(t, ctx, "articles-05-outlets")
	axe("the outlets page")
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "articles-06-outlets-phone")
}
