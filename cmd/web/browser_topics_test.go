package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// Two illustrative texts written for this test, not articles of any
// outlet: the same border story in each side's words.
var immigrationTexts = []struct{ outlet, headline, body string }{
	{"Illustrative: restrictionist usage", "Border surge strains agents",
		"Border Patrol agents caught thousands of illegal aliens this week as the border crisis deepened. " +
			"Critics blamed catch and release and sanctuary cities, and called the plan amnesty."},
	{"Illustrative: advocate usage", "Asylum seekers wait at the border",
		"Thousands of asylum seekers and undocumented immigrants waited at the border this week. " +
			"Advocates urged a path to citizenship and an end to family detention."},
}

// A teacher builds an event on US immigration: the immigration lexicon
// applies, the Karabakh one does not, and the comparison sets the two
// sides' words for the same people side by side; the lexicons page finds
// where "surge" appears.
func TestBrowserANewTopicIsDetectedComparedAndFound(t *testing.T) {
	ctx := browsertest.New(t)
	base := startDemoServer(t)
	resp, err := http.Post(base+"/api/events", "application/json", strings.NewReader(`{"title":"A week at the border","date":"2024-05-01"}`))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create event: %v %v", resp, err)
	}
	var ev struct{ ID int64 }
	json.NewDecoder(resp.Body).Decode(&ev)
	resp.Body.Close()
	for _, a := range immigrationTexts {
		body, _ := json.Marshal(map[string]any{"outlet": a.outlet, "headline": a.headline, "language": "en", "body": a.body, "illustrative": true})
		r, err := http.Post(base+"/api/events/"+strconv.FormatInt(ev.ID, 10)+"/articles", "application/json", strings.NewReader(string(body)))
		if err != nil || r.StatusCode != http.StatusCreated {
			t.Fatalf("add article: %v %v", r, err)
		}
		r.Body.Close()
	}
	var active, rows string
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(1366, 900, 1, false),
		chromedp.Navigate(base+"/events/"+strconv.FormatInt(ev.ID, 10)),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=active-lexicons]`, &active, chromedp.ByQuery),
		chromedp.Text(`[data-testid=comparison]`, &rows, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("event page: %v", err)
	}
	browsertest.Screenshot(t, ctx, "65-immigration-event")
	if !strings.Contains(active, "immigration") || strings.Contains(active, "Karabakh") {
		t.Errorf("lexicons that apply: %q", active)
	}
	if !strings.Contains(rows, "illegal aliens") || !strings.Contains(rows, "undocumented immigrants") {
		t.Errorf("the comparison does not set the two wordings side by side: %q", rows)
	}
	var hits string
	if err := chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(390, 844, 2, true),
		chromedp.Navigate(base+"/lexicons?q=surge"),
		chromedp.WaitVisible(`[data-testid=wording-hits]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=wording-hits]`, &hits, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("lexicons search: %v", err)
	}
	browsertest.Screenshot(t, ctx, "66-where-surge-appears-phone")
	if !strings.Contains(hits, "immigration") {
		t.Errorf("surge hits: %q", hits)
	}
}
