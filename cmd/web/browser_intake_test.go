package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// A visitor uploads a Word document, corrects the headline read from it
// and adds the article to the demo event.
func TestBrowserVisitorUploadsAFileCorrectsTheHeadlineAndSaves(t *testing.T) {
	ctx := browsertest.New(t)
	base := startDemoServer(t)
	docx, err := filepath.Abs(filepath.Join("..", "..", "intake", "testdata", "bridge.docx"))
	if err != nil {
		t.Fatal(err)
	}
	var notice, headline, body string
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/events/1/articles/new"),
		chromedp.WaitVisible(`[data-testid=intake]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#f-file`, []string{docx}, chromedp.ByQuery),
		chromedp.SendKeys(`#f-outlet`, "Valley Courier", chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space()="Read the file"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-testid=intake-notice]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=intake-notice]`, &notice, chromedp.ByQuery),
		chromedp.Value(`#f-headline`, &headline, chromedp.ByQuery),
		chromedp.Value(`#f-body`, &body, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("read the file: %v", err)
	}
	browsertest.Screenshot(t, ctx, "40-article-read-from-a-file")
	if !strings.Contains(notice, "bridge.docx") || headline == "" || !strings.Contains(body, "footbridge") {
		t.Fatalf("after reading: notice %q, headline %q, body %.60q", notice, headline, body)
	}
	const corrected = "Marrow Creek footbridge opens to walkers"
	var shown string
	if err := chromedp.Run(ctx,
		chromedp.SetValue(`#f-headline`, corrected, chromedp.ByQuery),
		chromedp.Click(`//div[@class="form-actions"]/button[normalize-space()="Add article"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-testid=columns]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.column__headline')).map(h => h.textContent).join('|')`, &shown),
	); err != nil {
		t.Fatalf("add the article: %v", err)
	}
	browsertest.Screenshot(t, ctx, "41-uploaded-article-on-the-event")
	if !strings.Contains(shown, corrected) {
		t.Errorf("the event shows headlines %q, want the corrected one", shown)
	}
}

// A researcher imports a JSON Lines file from the event page and follows
// it to the report of imported and refused lines.
func TestBrowserImportAFileOfManyArticles(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)
	var lines strings.Builder
	for i := range 300 {
		fmt.Fprintf(&lines, `{"outlet":"Valley Courier","headline":"Dam report %d","language":"en","body":"Report %d: the new dam on the river opened after six years of work and many delays."}`+"\n", i, i)
	}
	lines.WriteString(`{"outlet":"Valley Courier","language":"en","body":"A line without its headline, long enough to be an article."}` + "\n")
	file := filepath.Join(t.TempDir(), "dam-reports.jsonl")
	if err := os.WriteFile(file, []byte(lines.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var counts, problems string
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/login?next=/events/1"),
		chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-username`, "admin", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, adminPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=import]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=import]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#f-file`, []string{file}, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space()="Import"]`, chromedp.BySearch),
		// The page follows the import by itself until the report.
		chromedp.WaitVisible(`[data-testid=import-done]`, chromedp.ByQuery),
		chromedp.Text(`.import-counts`, &counts, chromedp.ByQuery),
		chromedp.Text(`[data-testid=import-problems]`, &problems, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("import: %v", err)
	}
	browsertest.Screenshot(t, ctx, "42-import-report")
	if !strings.Contains(counts, "300 articles imported") || !strings.Contains(problems, "Line 301") {
		t.Errorf("report: %q / %q", counts, problems)
	}
}
