package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A researcher's event of ten articles: the page shows the texts of the
// first eight; the reader picks two others in the picker and reads those
// side by side, and a context list loads when its row is opened.
func TestBrowserThePickerChoosesWhichArticlesAreReadSideBySide(t *testing.T) {
	ctx := browsertest.New(t)
	base := startDemoServer(t)
	var demo struct {
		Articles []struct {
			Body string `json:"body"`
		} `json:"articles"`
	}
	resp, err := http.Get(base + "/api/events/1")
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&demo)
	resp.Body.Close()
	if err != nil || len(demo.Articles) == 0 {
		t.Fatalf("the demo event: %v", err)
	}
	resp, err = http.Post(base+"/api/events", "application/json", strings.NewReader(`{"title":"Ten reports of the Vladivostok meeting"}`))
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		ID int64 `json:"id"`
	}
	err = json.NewDecoder(resp.Body).Decode(&ev)
	resp.Body.Close()
	if err != nil || ev.ID == 0 {
		t.Fatalf("create the event: %v", err)
	}
	for i := range 10 {
		body, _ := json.Marshal(map[string]any{"outlet": fmt.Sprintf("Wire %c", 'A'+i), "headline": fmt.Sprintf("Report %d of the meeting", i+1),
			"language": "en", "body": fmt.Sprintf("Report %d. %s", i+1, demo.Articles[i%len(demo.Articles)].Body), "allow_near_duplicate": true})
		resp, err := http.Post(fmt.Sprintf("%s/api/events/%d/articles", base, ev.ID), "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("article %d: status %d", i+1, resp.StatusCode)
		}
	}
	page := fmt.Sprintf("%s/events/%d", base, ev.ID)

	var columns int
	var header string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(`[data-testid=picker]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=article]').length`, &columns),
		chromedp.Evaluate(`document.querySelector('[data-testid=all-articles]').textContent`, &header),
		chromedp.Click(`[data-testid=picker] summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=picker-show]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("open the picker: %v", err)
	}
	if columns != 8 || header != "All 10 articles" {
		t.Errorf("%d texts shown and a summary column %q, want 8 and All 10 articles", columns, header)
	}
	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	shots := []struct {
		name          string
		width, height int64
		features      []*emulation.MediaFeature
	}{
		{"90-picker-laptop-light", 1366, 900, nil},
		{"91-picker-laptop-dark", 1366, 900, dark},
		{"92-picker-phone-light", 390, 844, nil},
		{"93-picker-phone-dark", 390, 844, dark},
	}
	for _, s := range shots {
		if err := chromedp.Run(ctx, chromedp.EmulateViewport(s.width, s.height), emulation.SetEmulatedMedia().WithFeatures(s.features),
			chromedp.ScrollIntoView(`[data-testid=picker]`, chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		browsertest.ScreenshotOf(t, ctx, s.name, `[data-testid=picker]`)
		for _, v := range browsertest.Axe(t, ctx) {
			t.Errorf("%s: %s", s.name, v)
		}
	}

	var shown []string
	// The picker is open on the page before the click too: wait for the
	// page the form loads before reading it.
	loaded := make(chan struct{}, 1)
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*cdppage.EventLoadEventFired); ok {
			select {
			case loaded <- struct{}{}:
			default:
			}
		}
	})
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1366, 900), emulation.SetEmulatedMedia().WithFeatures(nil),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid=picker] input[name=show]').forEach((b, i) => { b.checked = i === 1 || i === 9; })`, nil),
	); err != nil {
		t.Fatalf("pick two: %v", err)
	}
	for len(loaded) > 0 {
		<-loaded
	}
	if err := chromedp.Run(ctx, chromedp.Click(`[data-testid=picker-show]`, chromedp.ByQuery)); err != nil {
		t.Fatalf("pick two: %v", err)
	}
	select {
	case <-loaded:
	case <-ctx.Done():
		t.Fatal("the picked articles' page did not load")
	}
	if err := chromedp.Run(ctx,
		chromedp.WaitVisible(`[data-testid=picker][open]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid=article] .column__outlet')).map(e => e.textContent)`, &shown),
	); err != nil {
		t.Fatalf("read the picked articles: %v", err)
	}
	if strings.Join(shown, ",") != "Wire B,Wire J" {
		t.Errorf("picked Wire B and Wire J, shown %q", shown)
	}

	var lines int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelector('details.ctx').open = true`, nil),
		chromedp.WaitVisible(`details.ctx [data-testid=context-lines] .ctx__line`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('details.ctx[open] .ctx__line').length`, &lines),
	); err != nil {
		t.Fatalf("open a context list: %v", err)
	}
	if lines == 0 {
		t.Error("the context list loaded no lines")
	}
	if refused := browsertest.CSPRefusals(ctx); len(refused) > 0 {
		t.Errorf("the content security policy refused %q", refused)
	}
}
