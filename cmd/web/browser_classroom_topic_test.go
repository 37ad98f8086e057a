package main

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// Three illustrative texts written for this test, not articles of any
// outlet: one week at the border in three sides' words.
var classImmigrationTexts = []struct{ outlet, headline, body string }{
	{"Illustrative: restrictionist usage", "Agents overwhelmed at the border",
		"Border Patrol agents caught hundreds of illegal aliens near the Rio Grande this week. " +
			"The sheriff said the border crisis was the result of catch and release."},
	{"Illustrative: advocate usage", "Families wait for their hearings",
		"Hundreds of asylum seekers and undocumented immigrants waited at the US-Mexico border this week. " +
			"Advocates warned that mass deportation would split families."},
	{"Illustrative: wire usage", "Arrivals rise at the southern border",
		"Migrants crossed the southern border in larger numbers this week, officials said. " +
			"Immigration and Customs Enforcement said detention centers were full."},
}

// addIllustrativeEvent creates an event holding the texts and returns its id.
func addIllustrativeEvent(t *testing.T, base, title string, texts []struct{ outlet, headline, body string }) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"title": title, "date": "2024-05-01"})
	resp, err := http.Post(base+"/api/events", "application/json", strings.NewReader(string(body)))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create event: %v %v", resp, err)
	}
	var ev struct{ ID int64 }
	err = json.NewDecoder(resp.Body).Decode(&ev)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("read the new event: %v", err)
	}
	id := strconv.FormatInt(ev.ID, 10)
	for _, a := range texts {
		body, _ := json.Marshal(map[string]any{"outlet": a.outlet, "headline": a.headline, "language": "en", "body": a.body, "illustrative": true})
		r, err := http.Post(base+"/api/events/"+id+"/articles", "application/json", strings.NewReader(string(body)))
		if err != nil || r.StatusCode != http.StatusCreated {
			t.Fatalf("add article: %v %v", r, err)
		}
		r.Body.Close()
	}
	return id
}

// A teacher runs a class session on an event about US immigration, a
// topic other than the demo's: the student's "refers to" list offers the
// immigration lexicon and the general ones only, the student's mark with
// the lexicon's own concept is agreed with at the reveal, and both pages
// are photographed at desktop and phone size, light and dark.
func TestBrowserAClassSessionOnUSImmigrationOffersOnlyItsLexicons(t *testing.T) {
	const within = 3 * time.Minute // two browsers share the machine
	teacher := browsertest.NewFor(t, within)
	base := startAdminServer(t)
	id := addIllustrativeEvent(t, base, "A week at the border", classImmigrationTexts)

	code := teacherOpensSession(t, teacher, base, "/events/"+id, "Who crosses the border, in whose words")
	var dashboard string
	if err := chromedp.Run(teacher, chromedp.Location(&dashboard)); err != nil {
		t.Fatal(err)
	}

	student := browsertest.NewFor(t, within)
	var lexicons []string
	if err := chromedp.Run(student,
		chromedp.Navigate(base+"/join?code="+code),
		chromedp.WaitVisible(`#f-nickname`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-nickname`, "Dana", chromedp.ByQuery),
		chromedp.Click(`[data-testid=join-form] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=read]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#mark-concept optgroup')).map(g => g.label)`, &lexicons),
	); err != nil {
		t.Fatalf("Dana joins: %v", err)
	}
	sort.Strings(lexicons)
	if got, want := strings.Join(lexicons, ", "), "Attribution verbs, Conflict labels, US immigration"; got != want {
		t.Errorf("the refers-to list offers the lexicons %q, want %q", got, want)
	}
	browsertest.Screenshot(t, student, "70-immigration-student")
	mark(t, student, "Dana", 0, "illegal aliens", "a label for people",
		"People who entered or stay without authorisation, and people seeking protection", 1, "70a-immigration-mark-panel")
	mark(t, student, "Dana", 1, "mass deportation", "", "", 2, "")

	if err := chromedp.Run(teacher,
		chromedp.Navigate(dashboard),
		chromedp.WaitVisible(`[data-testid=reveal]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=reveal]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=known]`, chromedp.ByQuery),
		// Dana tagged "illegal aliens" with the lexicon's own concept.
		chromedp.WaitVisible(`[data-testid=agree]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("reveal: %v", err)
	}
	known := text(t, teacher, `[data-testid=known]`)
	if !strings.Contains(known, "illegal aliens") || !strings.Contains(known, "Restrictionist / Republican usage") {
		t.Errorf("the revealed dashboard does not list the marked wording as known, with its usage: %q", known)
	}
	if all := text(t, teacher, `#live`); strings.Contains(all, "usage usage") {
		t.Errorf("the dashboard names a perspective's usage twice: %q", all)
	}
	checkReveal(t, teacher, "#live", "the dashboard")
	if err := chromedp.Run(student, chromedp.WaitVisible(`#read .lex`, chromedp.ByQuery)); err != nil {
		t.Fatalf("the student's page shows no lexicon wording after the reveal: %v", err)
	}
	var boxed string
	if err := chromedp.Run(student, chromedp.Evaluate(
		`Array.from(document.querySelectorAll('#read .lex')).map(m => m.textContent.trim()).join('|')`, &boxed)); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"illegal aliens", "asylum seekers", "undocumented immigrants"} {
		if !strings.Contains(boxed, w) {
			t.Errorf("the revealed student page does not box %q: %s", w, boxed)
		}
	}
	checkReveal(t, student, "#read", "the student's page")

	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	for _, v := range []struct {
		name     string
		ctx      context.Context
		w, h     int64
		scale    float64
		mobile   bool
		features []*emulation.MediaFeature
	}{
		{"71-immigration-dashboard-revealed", teacher, 1366, 900, 1, false, nil},
		{"71b-immigration-dashboard-revealed-dark", teacher, 1366, 900, 1, false, dark},
		{"72-immigration-student-revealed", student, 1366, 900, 1, false, nil},
		{"72b-immigration-student-revealed-dark", student, 1366, 900, 1, false, dark},
		{"73-immigration-student-revealed-phone", student, 390, 844, 2, true, nil},
		{"73b-immigration-student-revealed-phone-dark", student, 390, 844, 2, true, dark},
		{"74-immigration-dashboard-revealed-phone-dark", teacher, 390, 844, 2, true, dark},
	} {
		if err := chromedp.Run(v.ctx,
			emulation.SetDeviceMetricsOverride(v.w, v.h, v.scale, v.mobile),
			emulation.SetEmulatedMedia().WithFeatures(v.features),
		); err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		browsertest.Screenshot(t, v.ctx, v.name)
		for _, a := range browsertest.Axe(t, v.ctx) {
			t.Errorf("accessibility, %s: %s", v.name, a)
		}
	}
	var wide int
	if err := chromedp.Run(student, chromedp.Evaluate(`document.documentElement.scrollWidth`, &wide)); err != nil || wide > 390 {
		t.Errorf("the revealed student page is %d px wide on a 390 px phone: %v", wide, err)
	}
}
