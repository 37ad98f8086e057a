// Package browsertest starts headless Chromium for the browser tests and
// saves their screenshots. Without a browser the tests skip with a clear
// message, unless FRAMELENS_E2E=1 says the run must have one.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}

func findBrowser() string {
	if p := os.Getenv("FRAMELENS_CHROMIUM"); p != "" {
		return p
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// New starts a fresh headless browser with its own profile and returns a
// context for chromedp actions; it is closed when the test ends.
func New(t *testing.T) context.Context {
	t.Helper()
	return NewFor(t, 90*time.Second)
}

// NewFor is New for a test that needs its browser for longer than New's
// 90 s, such as one that drives several browsers at once.
func NewFor(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	path := findBrowser()
	if path == "" {
		if os.Getenv("FRAMELENS_E2E") == "1" {
			t.Fatal("FRAMELENS_E2E=1 but no Chromium found: apt-get install -y chromium")
		}
		t.Skip("no Chromium found (apt-get install -y chromium, or set FRAMELENS_CHROMIUM); skipping browser test")
	}
	// Chromium may still write to its profile for a moment after it is told
	// to quit, which t.TempDir's strict cleanup reports as a failure.
	profile, err := os.MkdirTemp("", "framelens-chromium-")
	if err != nil {
		t.Fatalf("profile dir: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1366, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		for range 10 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start Chromium at %s: %v", path, err)
	}
	csp, err := watchCSP(ctx)
	if err != nil {
		t.Fatalf("watch the Content Security Policy: %v", err)
	}
	// Registered after the browser's own cleanup, so it runs first, while
	// the log can still be read.
	t.Cleanup(func() {
		for _, refused := range csp.take() {
			t.Errorf("the browser refused something under the Content Security Policy: %s", refused)
		}
	})
	return context.WithValue(ctx, cspKey{}, csp)
}

// Screenshot saves a full-page PNG named name into FRAMELENS_SCREENSHOTS
// (for people to look at) or the test's temporary directory.
func Screenshot(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	dir := os.Getenv("FRAMELENS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot dir: %v", err)
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("save screenshot: %v", err)
	}
	return path
}

// ScreenshotOf saves a PNG of the element sel (CSS) only, named name, as
// Screenshot does.
func ScreenshotOf(t *testing.T, ctx context.Context, name, sel string) string {
	t.Helper()
	dir := os.Getenv("FRAMELENS_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshot dir: %v", err)
	}
	var png []byte
	if err := chromedp.Run(ctx, chromedp.Screenshot(sel, &png, chromedp.ByQuery)); err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("save screenshot: %v", err)
	}
	return path
}
