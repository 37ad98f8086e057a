package main

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// spaceBesideBoxes measures, for every boxed lexicon wording followed by
// a space and a word, the room between what the box covers (outline
// included) and the next word: the space must still show.
const spaceBesideBoxes = `(() => {
  let worst = 99, where = '';
  document.querySelectorAll(SCOPE + ' .lex').forEach(m => {
    const next = m.nextSibling;
    const text = next && (next.nodeType === 3 ? next : next.firstChild);
    if (!text || text.nodeType !== 3 || !/^ \S/.test(text.data)) return;
    const cs = getComputedStyle(m);
    const outline = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
    const r = document.createRange(); r.setStart(text, 1); r.setEnd(text, 2);
    const boxRects = m.getClientRects(), wordRects = r.getClientRects();
    if (!boxRects.length || !wordRects.length) return;
    const box = boxRects[boxRects.length - 1], word = wordRects[0];
    if (Math.abs(box.top - word.top) > box.height) return; // the next word is on the next line
    const gap = word.left - (box.right + outline);
    if (gap < worst) { worst = gap; where = m.textContent + text.data.slice(0, 12); }
  });
  return {gap: worst, where: where};
})()`

// checkReveal checks a revealed page: a legend explains the boxes, a space
// shows beside each box, and plain "said" is neither boxed nor missed.
func checkReveal(t *testing.T, ctx context.Context, scope, who string) {
	t.Helper()
	var legend string
	var space struct {
		Gap   float64 `json:"gap"`
		Where string  `json:"where"`
	}
	var boxedSaid bool
	if err := chromedp.Run(ctx,
		chromedp.WaitVisible(`[data-testid=box-legend]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=box-legend]`, &legend, chromedp.ByQuery),
		chromedp.Evaluate(strings.ReplaceAll(spaceBesideBoxes, "SCOPE", "'"+scope+"'"), &space),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('`+scope+` .lex')).some(m => /^(said|told)$/i.test(m.textContent.trim()))`, &boxedSaid),
	); err != nil {
		t.Fatalf("%s after the reveal: %v", who, err)
	}
	if !strings.Contains(legend, "lexicon knows") || !strings.Contains(legend, "usage") {
		t.Errorf("%s: the boxes' legend says %q", who, legend)
	}
	if space.Gap < 2 {
		t.Errorf("%s: a box eats the space after it (%.1f px before the next word, at %q)", who, space.Gap, space.Where)
	}
	if boxedSaid {
		t.Errorf("%s: plain said or told is boxed as something to discuss", who)
	}
}
