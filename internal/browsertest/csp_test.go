package browsertest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A page that breaks the policy (an inline script and an inline style)
// is caught, and a page that keeps it is not: the check every browser
// test runs at its end can fail.
func TestInlineScriptAndStyleUnderThePolicyAreCaught(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/bad" {
			w.Write([]byte(`<!doctype html><title>bad</title><p style="color:red">x</p><script>document.title="ran"</script>`))
			return
		}
		w.Write([]byte(`<!doctype html><title>good</title><p class="x">x</p>`))
	}))
	defer srv.Close()
	ctx := New(t)

	var title string
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/good"), chromedp.Title(&title)); err != nil {
		t.Fatal(err)
	}
	if got := CSPRefusals(ctx); len(got) != 0 {
		t.Errorf("a page keeping the policy: %q", got)
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/bad"), chromedp.Title(&title)); err != nil {
		t.Fatal(err)
	}
	got := CSPRefusals(ctx)
	if title == "ran" || len(got) < 2 || !strings.Contains(strings.Join(got, "\n"), "inline") {
		t.Errorf("title %q; refusals %q, want the inline script and style", title, got)
	}
}
