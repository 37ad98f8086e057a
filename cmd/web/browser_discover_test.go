package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A reader moves from the comparison to the distinctive words and the
// aligned sentences of the demo event; a teacher proposes a word found
// there as a new term and finds it in the lexicon.
func TestBrowserDiscoveryFromDistinctiveWordsToANewTerm(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)

	var terms []string
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`nav.tabs`, chromedp.ByQuery),
		chromedp.Click(`//nav[@class="tabs"]/a[normalize-space()="Distinctive wording"]`, chromedp.BySearch),
		// The seed article against two rewrites of itself: no word of it
		// is clearly distinctive, and the page says so plainly.
		chromedp.WaitVisible(`[data-testid=too-small]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open distinctive wording: %v", err)
	}
	browsertest.Screenshot(t, ctx, "30a-distinctive-too-small")
	if err := chromedp.Run(ctx,
		chromedp.Click(`[data-testid=pick-2]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=pick-2][aria-current]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=distinctive]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid=distinctive] tbody th')).map(th => th.textContent)`, &terms),
	); err != nil {
		t.Fatalf("open distinctive wording: %v", err)
	}
	browsertest.Screenshot(t, ctx, "30-distinctive-wording")
	if len(terms) == 0 || !contains(terms, "Artsakh") {
		t.Errorf("the Armenian-usage rewrite's distinctive words %v lack Artsakh", terms)
	}

	var diffs []string
	if err := chromedp.Run(ctx,
		chromedp.Click(`//nav[@class="tabs"]/a[normalize-space()="Same fact, different words"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-testid=pairs]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('mark.diff')).map(m => m.textContent)`, &diffs),
	); err != nil {
		t.Fatalf("open aligned sentences: %v", err)
	}
	browsertest.Screenshot(t, ctx, "31-same-fact-different-words")
	if !strings.Contains(strings.Join(diffs, "|"), "occupied") {
		t.Errorf("differences %q do not include the seed article's “occupied”", diffs)
	}

	var phrase, concept string
	var contexts int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/login?next=/events/1/distinctive?article=2%26weak=1"),
		chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-username`, "admin", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, "correct horse battery", chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=distinctive] [data-testid=propose]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=distinctive] [data-testid=propose]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=propose-contexts]`, chromedp.ByQuery),
		chromedp.Value(`#f-phrase`, &phrase, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#f-concept').selectedOptions[0].textContent`, &concept),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=propose-contexts] li').length`, &contexts),
	); err != nil {
		t.Fatalf("propose a term: %v", err)
	}
	browsertest.Screenshot(t, ctx, "32-propose-term")
	if phrase == "" || contexts == 0 || concept == "Choose a concept…" {
		t.Fatalf("proposal form: phrase %q, %d contexts, concept %q", phrase, contexts, concept)
	}
	var saved string
	if err := chromedp.Run(ctx,
		chromedp.SendKeys(`#f-note`, "Used by one side's outlets; written for this test.", chromedp.ByQuery),
		chromedp.SendKeys(`#f-source_url`, "https://example.org/usage", chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space()="Save term"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.notice`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector(location.hash + ' .term__phrase').textContent`, &saved),
	); err != nil {
		t.Fatalf("save the proposed term: %v", err)
	}
	if saved != phrase {
		t.Errorf("the lexicon points at %q, want the proposed %q", saved, phrase)
	}
}
