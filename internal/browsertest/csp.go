package browsertest

import (
	"context"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/chromedp"
)

// cspLog keeps what the browser refused under the pages' Content Security
// Policy. The policy forbids inline script and style, so a page that
// relies on either works in a test that does not look and breaks in the
// user's browser in the same silent way: every browser test therefore
// fails on a refusal (see NewFor).
type cspLog struct {
	mu      sync.Mutex
	refused []string
}

func (l *cspLog) add(text string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.refused = append(l.refused, text)
}

// take returns what was refused so far and forgets it.
func (l *cspLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.refused
	l.refused = nil
	return out
}

type cspKey struct{}

// watchCSP starts keeping the browser's refusals under the Content
// Security Policy for the tab of ctx.
func watchCSP(ctx context.Context) (*cspLog, error) {
	l := &cspLog{}
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && strings.Contains(e.Entry.Text, "Content Security Policy") {
			l.add(e.Entry.Text)
		}
	})
	return l, chromedp.Run(ctx, log.Enable())
}

// CSPRefusals returns what the browser of ctx refused under the Content
// Security Policy since the last call, and forgets it: for a test that
// provokes a refusal on purpose.
func CSPRefusals(ctx context.Context) []string {
	if l, ok := ctx.Value(cspKey{}).(*cspLog); ok {
		return l.take()
	}
	return nil
}
