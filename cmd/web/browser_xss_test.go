package main

import (
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// Hostile text stored through the API runs nowhere: the pages that show it
// are opened in a real browser, marks are focused so their notes appear,
// and window.__xss, which every payload would set, stays undefined.
func TestBrowserHostileTextNeverRuns(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)
	payloads := []string{
		`<script>window.__xss=1</script>`,
		`<img src=x onerror="window.__xss=1">`,
		`"><svg onload="window.__xss=1">`,
		`</textarea><script>window.__xss=1</script>`,
		`<a href="javascript:window.__xss=1">link</a>`,
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	post := func(path string, v any) *http.Response {
		body, _ := json.Marshal(v)
		resp, err := client.Post(base+path, "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("/api/login", map[string]string{"username": "admin", "password": "correct horse battery"}); r.StatusCode != http.StatusOK {
		t.Fatalf("log in: %d", r.StatusCode)
	}
	for i, p := range payloads {
		r := post("/api/events/1/articles", map[string]any{
			"outlet": "Outlet " + p, "headline": "Headline " + p, "byline": p, "language": "en", "allow_near_duplicate": true,
			"body": "Troops occupied Shusha, " + p + " said the \"" + p + "\" report number " + string(rune('a'+i)) + ", and Artsakh again.",
		})
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("add article %d: %d", i, r.StatusCode)
		}
	}
	var xss, shown bool
	for _, page := range []string{"/", "/events/1", "/events/1?blind=1", "/events/1/distinctive?article=4", "/events/1/alignments", "/outlets"} {
		if err := chromedp.Run(ctx,
			chromedp.Navigate(base+page),
			chromedp.WaitReady("main", chromedp.ByQuery),
			// Focus every mark so that its note is shown, as a reader would.
			chromedp.Evaluate(`document.querySelectorAll('mark[tabindex]').forEach(m => { m.focus(); m.click(); }); true`, nil),
			chromedp.Evaluate(`window.__xss !== undefined`, &xss),
			chromedp.Evaluate(`document.body.innerText.includes('<script>window.__xss=1</script>') || document.body.innerText.includes('Outlet A')`, &shown),
		); err != nil {
			t.Fatalf("open %s: %v", page, err)
		}
		if xss {
			t.Errorf("%s: a stored payload ran", page)
		}
		if page == "/events/1" {
			browsertest.Screenshot(t, ctx, "50-hostile-text-as-text")
			if !shown {
				t.Error("the hostile text is not shown as text on the event page")
			}
		}
	}
}
