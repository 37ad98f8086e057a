package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A teacher logs in, finds a term in the lexicon, changes it, and the
// event page marks the new wording instead of the old.
func TestBrowserTeacherEditsATermAndTheEventPageChanges(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)

	marks := `Array.from(document.querySelectorAll('[data-testid=article] mark')).map(m => m.textContent + '|' + m.dataset.voice)`
	var before []string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(marks, &before),
	); err != nil {
		t.Fatalf("open event: %v", err)
	}
	browsertest.Screenshot(t, ctx, "10-event-with-comparison")
	if !contains(before, "recaptured|own") || !contains(before, "Lachin corridor|quoted") {
		t.Fatalf("event page marks %v, want recaptured (own) and Lachin corridor (quoted)", before)
	}

	var notice, phrase string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/login?next=/lexicons/1"),
		chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-username`, "admin", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, "correct horse battery", chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q`, chromedp.ByQuery),
		chromedp.SendKeys(`#q`, "recaptured", chromedp.ByQuery),
		chromedp.Click(`.filters button[type=submit]`, chromedp.ByQuery),
		// Only the page of results has the query in the field's markup.
		chromedp.WaitVisible(`input#q[value="recaptured"]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("log in and search: %v", err)
	}
	browsertest.Screenshot(t, ctx, "11-lexicon-search")
	// The search also finds terms whose notes mention "recaptured": open the term itself.
	openTerm := `Array.from(document.querySelectorAll('[data-testid=term]'))
		.find(li => li.querySelector('.term__phrase').textContent === 'recaptured')
		.querySelector('a.small-link').click()`
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(openTerm, nil),
		chromedp.WaitVisible(`#f-phrase`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open the term: %v", err)
	}
	browsertest.Screenshot(t, ctx, "12-term-form")
	if err := chromedp.Run(ctx,
		chromedp.SetValue(`#f-phrase`, "regained", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#f-variants').value = 'retook'`, nil),
		chromedp.Click(`form.form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.Text(`.notice`, &notice, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(location.hash + ' .term__phrase').textContent`, &phrase),
	); err != nil {
		t.Fatalf("save the term: %v", err)
	}
	browsertest.Screenshot(t, ctx, "13-term-saved")
	if !strings.Contains(notice, "saved") || phrase != "regained" {
		t.Errorf("after saving: notice %q, the page points at %q", notice, phrase)
	}

	var after []string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(marks, &after),
	); err != nil {
		t.Fatalf("reopen event: %v", err)
	}
	if contains(after, "recaptured|own") {
		t.Errorf("the event page still marks 'recaptured' after the term changed: %v", after)
	}
	if len(after) != len(before)-1 {
		t.Errorf("marks went from %d to %d, want one fewer", len(before), len(after))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
