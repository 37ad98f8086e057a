package browsertest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"context"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core 4.14.1 from its npm package (MPL-2.0, see
// axe/LICENSE), the accessibility checker the browser tests run.
//
//go:embed axe/axe.min.js
var axeSource string

// Violation is one accessibility rule a page breaks.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  int    `json:"nodes"`
	Target string `json:"target"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s — %d element(s), first %s", v.ID, v.Impact, v.Help, v.Nodes, v.Target)
}

// Axe runs axe-core's WCAG 2 A and AA rules on the current page and
// returns the serious and critical violations.
func Axe(t *testing.T, ctx context.Context) []Violation {
	t.Helper()
	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
	  .then(r => JSON.stringify(r.violations
	    .filter(v => v.impact === "serious" || v.impact === "critical")
	    .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: String(v.nodes[0].target)}))))`
	var out string
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axeSource, nil),
		chromedp.Evaluate(run, &out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("read axe-core results %q: %v", strings.TrimSpace(out)[:min(200, len(out))], err)
	}
	return vs
}
