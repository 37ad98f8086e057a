package main

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// legendCheck reads every legend of the page: names that appear twice, and
// pairs of colour and texture that two perspectives share.
const legendCheck = `(() => {
  const names = {}, looks = {}, out = {entries: 0, repeatedNames: [], sharedLooks: []};
  document.querySelectorAll('[data-testid=legend-entry]').forEach(li => {
    out.entries++;
    const name = li.textContent.trim(), look = li.dataset.color + '/' + li.dataset.texture;
    if (names[name]) out.repeatedNames.push(name);
    if (looks[look] && looks[look] !== name) out.sharedLooks.push(looks[look] + ' and ' + name + ': ' + look);
    names[name] = true; looks[look] = name;
  });
  return out;
})()`

// swatchContrast is the lowest contrast between a legend swatch's colour
// and the page's surface, by the WCAG formula.
const swatchContrast = `(() => {
  const lum = hex => {
    const c = hex.replace('#', '').match(/../g).map(h => parseInt(h, 16) / 255)
      .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const surface = lum(getComputedStyle(document.documentElement).getPropertyValue('--surface').trim());
  let worst = 99, which = '';
  document.querySelectorAll('[data-testid=legend-entry] .swatch').forEach(s => {
    const p = lum(getComputedStyle(s).getPropertyValue('--p').trim());
    const ratio = (Math.max(p, surface) + 0.05) / (Math.min(p, surface) + 0.05);
    if (ratio < worst) { worst = ratio; which = s.parentElement.textContent.trim(); }
  });
  return {ratio: worst, which: which};
})()`

type legendReport struct {
	Entries       int      `json:"entries"`
	RepeatedNames []string `json:"repeatedNames"`
	SharedLooks   []string `json:"sharedLooks"`
}

// A teacher projects the demo event: one legend entry per perspective,
// each with a look of its own; attribution in its own section after the
// concept rows; voice readable from a label; the same in dark mode, which
// passes axe and keeps the swatches bright; on a phone the concept column
// stays put while the table scrolls.
func TestBrowserComparisonLegendAttributionVoiceDarkModeAndPhone(t *testing.T) {
	ctx := browsertest.New(t)
	base := startAdminServer(t)

	var legend legendReport
	var attributionAfterRows, verbRowInConcepts bool
	var quotedLabel, scareLabel, ownLabel string
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1366, 900),
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(legendCheck, &legend),
		chromedp.Evaluate(`(() => {
		  const a = document.querySelector('[data-testid=attribution]');
		  const rows = document.querySelectorAll('[data-testid=comparison-row]');
		  return !!a && rows.length > 0 && !!(rows[rows.length-1].compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
		})()`, &attributionAfterRows),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid=comparison-row] th')).some(th => th.textContent.includes('Verb of saying'))`, &verbRowInConcepts),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.column mark.m.v-quoted'), '::after').content`, &quotedLabel),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-testid=voice-legend] .v-scare'), '::after').content`, &scareLabel),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.column mark.m.v-own'), '::after').content`, &ownLabel),
	); err != nil {
		t.Fatalf("open the comparison: %v", err)
	}
	browsertest.Screenshot(t, ctx, "60-comparison-legend")
	if legend.Entries < 5 || len(legend.RepeatedNames) > 0 || len(legend.SharedLooks) > 0 {
		t.Errorf("legend: %d entries, names repeated %v, looks shared %v", legend.Entries, legend.RepeatedNames, legend.SharedLooks)
	}
	if !attributionAfterRows || verbRowInConcepts {
		t.Errorf("attribution section after the concept rows: %v; verb of saying among the concept rows: %v", attributionAfterRows, verbRowInConcepts)
	}
	if !strings.Contains(quotedLabel, "quoted") || !strings.Contains(scareLabel, "scare") || ownLabel != "none" {
		t.Errorf("voice labels: quoted %s, scare %s, own %s", quotedLabel, scareLabel, ownLabel)
	}

	var printLabel string
	if err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.column mark.m.v-quoted'), '::after').content`, &printLabel),
		emulation.SetEmulatedMedia().WithMedia(""),
	); err != nil {
		t.Fatalf("print view: %v", err)
	}
	if !strings.Contains(printLabel, "quoted") {
		t.Errorf("on paper a quoted wording is labelled %s", printLabel)
	}

	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	type contrast struct {
		Ratio float64 `json:"ratio"`
		Which string  `json:"which"`
	}
	var darkContrast, lightContrast contrast
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(swatchContrast, &lightContrast),
		emulation.SetEmulatedMedia().WithFeatures(dark),
		chromedp.Reload(),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(swatchContrast, &darkContrast),
	); err != nil {
		t.Fatalf("dark mode: %v", err)
	}
	browsertest.Screenshot(t, ctx, "61-comparison-dark")
	if darkContrast.Ratio < 3 {
		t.Errorf("in dark mode the swatch of %q has only %.2f:1 contrast with the surface (want 3:1)", darkContrast.Which, darkContrast.Ratio)
	}
	for _, v := range browsertest.Axe(t, ctx) {
		t.Errorf("dark mode: %s", v)
	}
	for _, p := range []string{"/events/1/alignments", "/events/1/distinctive", "/lexicons/1"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+p), chromedp.WaitReady("main", chromedp.ByQuery)); err != nil {
			t.Fatal(err)
		}
		for _, v := range browsertest.Axe(t, ctx) {
			t.Errorf("%s in dark mode: %s", p, v)
		}
	}
	t.Logf("lowest swatch contrast: light %.2f (%s), dark %.2f (%s)", lightContrast.Ratio, lightContrast.Which, darkContrast.Ratio, darkContrast.Which)

	var before, after, scrolled float64
	if err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithFeatures(nil),
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/events/1"),
		chromedp.WaitVisible(`[data-testid=comparison]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[data-testid=comparison-row] th').getBoundingClientRect().left`, &before),
		chromedp.Evaluate(`(() => { const s = document.querySelector('.comparison .table-scroll'); s.scrollLeft = 250; return s.scrollLeft; })()`, &scrolled),
		chromedp.Evaluate(`document.querySelector('[data-testid=comparison-row] th').getBoundingClientRect().left`, &after),
		chromedp.ScrollIntoView(`.comparison .table-scroll`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("phone: %v", err)
	}
	browsertest.Screenshot(t, ctx, "62-phone-table-scrolled")
	if scrolled < 100 || after != before {
		t.Errorf("on a phone the table scrolled %.0f px and the concept column moved from %.1f to %.1f", scrolled, before, after)
	}
}
