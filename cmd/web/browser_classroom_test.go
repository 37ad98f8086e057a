package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"framelens/internal/browsertest"
)

// classRussian is a short illustrative text written for this test, so that
// students mark multibyte text too.
const classRussian = "Иллюстративный текст для урока. Войска вошли в Ханкенди в понедельник.\n" +
	"Так называемые сепаратисты ждали у реки, сообщил корреспондент."

// selectJS selects the first occurrence of a phrase in an article's text
// with the DOM's Range API, as a mouse or a finger would, and the page
// turns the selection into byte offsets.
func selectJS(article int, phrase string) string {
	return fmt.Sprintf(`(() => {
		const body = document.querySelectorAll('[data-body]')[%d];
		const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const i = n.data.indexOf(%q);
			if (i < 0) continue;
			const r = document.createRange();
			r.setStart(n, i); r.setEnd(n, i + %d);
			const sel = getSelection(); sel.removeAllRanges(); sel.addRange(r);
			return true;
		}
		return false;
	})()`, article, phrase, len([]rune(phrase)))
}

// mark selects a phrase, waits for the mark panel and submits it, then
// waits until the page lists want marks.
func mark(t *testing.T, ctx context.Context, who string, article int, phrase, note, concept string, want int, shot string) {
	t.Helper()
	var found bool
	actions := []chromedp.Action{
		chromedp.Evaluate(selectJS(article, phrase), &found),
		chromedp.WaitVisible(`[data-testid=mark-panel]`, chromedp.ByQuery),
	}
	if shot != "" {
		actions = append(actions, chromedp.ActionFunc(func(context.Context) error {
			browsertest.Screenshot(t, ctx, shot)
			return nil
		}))
	}
	if note != "" {
		actions = append(actions, chromedp.SendKeys(`#mark-note`, note, chromedp.ByQuery))
	}
	if concept != "" {
		actions = append(actions, chromedp.Evaluate(fmt.Sprintf(`(() => {
			const s = document.querySelector('#mark-concept');
			s.value = Array.from(s.options).find(o => o.text === %q).value;
		})()`, concept), nil))
	}
	actions = append(actions,
		chromedp.Click(`[data-testid=mark-submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(fmt.Sprintf(`[data-testid=own-mark]:nth-child(%d)`, want), chromedp.ByQuery),
	)
	if err := chromedp.Run(ctx, actions...); err != nil || !found {
		t.Fatalf("%s marks %q: found %v, %v", who, phrase, found, err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	var s string
	if err := chromedp.Run(ctx, chromedp.Text(sel, &s, chromedp.ByQuery)); err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// One teacher and three students, each in a browser context of their
// own: the teacher opens a blind session on the demo event, the students
// join by code (one on a phone), mark words, one undoes a mark; the
// dashboard follows live; the reveal shows the lexicon and the outlets to
// everyone; the export holds the marks.
func TestBrowserClassroomSessionFromJoinToExport(t *testing.T) {
	const within = 4 * time.Minute // four browsers share the machine
	teacher := browsertest.NewFor(t, within)
	base := startAdminServer(t)
	resp, err := http.Post(base+"/api/events/1/articles", "application/json", strings.NewReader(fmt.Sprintf(
		`{"outlet":"Учебный листок","headline":"Войска в городе","language":"ru","illustrative":true,"body":%q}`, classRussian)))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("add the Russian article: %v %v", resp, err)
	}
	resp.Body.Close()

	code := teacherOpensSession(t, teacher, base, "/events/1", "Media literacy: who says what")
	if len(code) != 7 || code[3] != '-' {
		t.Fatalf("join code %q", code)
	}
	browsertest.Screenshot(t, teacher, "40-dashboard-empty")
	var dashboard string
	if err := chromedp.Run(teacher, chromedp.Location(&dashboard)); err != nil {
		t.Fatal(err)
	}

	// Each student is a browser of their own: no cookie is shared.
	students := []context.Context{browsertest.NewFor(t, within), browsertest.NewFor(t, within), browsertest.NewFor(t, within)}
	phone := students[0]
	if err := chromedp.Run(phone, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	// A wrong code keeps the nickname typed; the right one (typed in
	// lower case, without the dash) lets the student in.
	var kept string
	if err := chromedp.Run(phone,
		chromedp.Navigate(base+"/join"),
		chromedp.WaitVisible(`#f-code`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-code`, "ZZZ-ZZZ", chromedp.ByQuery),
		chromedp.SendKeys(`#f-nickname`, "Ana <b>", chromedp.ByQuery),
		chromedp.Click(`[data-testid=join-form] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#f-code-error`, chromedp.ByQuery),
		chromedp.Value(`#f-nickname`, &kept, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("wrong code: %v", err)
	}
	if kept != "Ana <b>" {
		t.Errorf("the nickname typed was not kept: %q", kept)
	}
	browsertest.Screenshot(t, phone, "41-join-wrong-code-phone")
	for _, v := range browsertest.Axe(t, phone) {
		t.Errorf("accessibility of the join form: %s", v)
	}
	if err := chromedp.Run(phone,
		chromedp.SetValue(`#f-code`, strings.ToLower(strings.ReplaceAll(code, "-", "")), chromedp.ByQuery),
		chromedp.Click(`[data-testid=join-form] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=read]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("join on the phone: %v", err)
	}
	for i, name := range []string{"Ben", "Chloé"} {
		if err := chromedp.Run(students[i+1],
			chromedp.Navigate(base+"/join?code="+code),
			chromedp.WaitVisible(`#f-nickname`, chromedp.ByQuery),
			chromedp.SendKeys(`#f-nickname`, name, chromedp.ByQuery),
			chromedp.Click(`[data-testid=join-form] button[type=submit]`, chromedp.ByQuery),
			chromedp.WaitVisible(`[data-testid=read]`, chromedp.ByQuery),
		); err != nil {
			t.Fatalf("%s joins: %v", name, err)
		}
	}
	if got := text(t, phone, `[data-testid=nickname]`); got != "Ana <b>" {
		t.Errorf("nickname shown as %q", got)
	}
	var page string
	if err := chromedp.Run(phone, chromedp.Evaluate(`document.getElementById('read').textContent`, &page)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "Anadolu") || !strings.Contains(page, "Outlet A") {
		t.Errorf("the blind student page names an outlet or shows no alias")
	}

	// At 360 px nothing runs off the side of the page.
	var wide int
	if err := chromedp.Run(phone, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Evaluate(`document.documentElement.scrollWidth`, &wide),
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil || wide > 360 {
		t.Errorf("the student page is %d px wide at 360 px: %v", wide, err)
	}
	mark(t, phone, "Ana", 0, "Nagorno-Karabakh", "", "", 1, "42a-mark-panel-phone")
	mark(t, phone, "Ana", 3, "Ханкенди", "топоним", "", 2, "")
	browsertest.Screenshot(t, phone, "42-student-phone-marked")
	mark(t, students[1], "Ben", 0, "Nagorno-Karabakh", "", "", 1, "")
	mark(t, students[1], "Ben", 3, "Так называемые сепаратисты", "", "The Karabakh Armenian armed forces", 2, "")
	mark(t, students[2], "Chloé", 0, "Armenian occupation", "", "", 1, "")
	mark(t, students[2], "Chloé", 0, "sensitive issues", "", "", 2, "")
	if err := chromedp.Run(students[2],
		chromedp.Click(`[data-testid=own-mark]:nth-child(2) [data-undo]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`[data-testid=own-mark]:nth-child(2)`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("Chloé undoes a mark: %v", err)
	}
	// A reload keeps the marks.
	if err := chromedp.Run(phone, chromedp.Reload(), chromedp.WaitVisible(`[data-testid=own-mark]:nth-child(2)`, chromedp.ByQuery)); err != nil {
		t.Fatalf("reload keeps Ana's marks: %v", err)
	}

	// The dashboard followed without a reload.
	waitUntil := func(ctx context.Context, sel, want string, ok func(string) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			var got string
			_ = chromedp.Run(ctx, chromedp.Text(sel, &got, chromedp.ByQuery))
			if ok(got) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s shows %q, want %s", sel, got, want)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitText := func(ctx context.Context, sel, want string) {
		t.Helper()
		waitUntil(ctx, sel, want, func(got string) bool { return strings.Contains(got, want) })
	}
	waitText(teacher, `[data-count=students]`, "3")
	waitText(teacher, `[data-count=marks]`, "5")
	// Chloé's undone mark ("Armenian occupation", listed second, after
	// "sensitive issues") is gone from the wordings too.
	waitUntil(teacher, `[data-testid=wordings]`, "Nagorno-Karabakh and sensitive issues, no Armenian occupation", func(got string) bool {
		return strings.Contains(got, "Nagorno-Karabakh") && strings.Contains(got, "sensitive issues") &&
			!strings.Contains(got, "Armenian occupation")
	})
	var heat int
	if err := chromedp.Run(teacher, chromedp.Evaluate(`document.querySelectorAll('#live .heat').length`, &heat)); err != nil || heat == 0 {
		t.Errorf("the heat map shows no marked passage: %d %v", heat, err)
	}
	browsertest.Screenshot(t, teacher, "43-dashboard-live")
	for _, v := range browsertest.Axe(t, teacher) {
		t.Errorf("accessibility of the live dashboard: %s", v)
	}

	if err := chromedp.Run(teacher,
		chromedp.Click(`[data-testid=projector-link]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=projector-code]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("projector: %v", err)
	}
	waitText(teacher, `[data-testid=projector-students]`, "3")
	if got := text(t, teacher, `[data-testid=projector-code]`); got != code {
		t.Errorf("projector shows %q, want %q", got, code)
	}
	if err := chromedp.Run(teacher, chromedp.EmulateViewport(1920, 1080)); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, teacher, "44-projector")
	for _, v := range browsertest.Axe(t, teacher) {
		t.Errorf("accessibility of the projector view: %s", v)
	}
	if err := chromedp.Run(teacher, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(dashboard),
		chromedp.WaitVisible(`[data-testid=reveal]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}

	// Reveal: the lexicon beside the class's marks; the students' pages
	// follow and name the outlets.
	if err := chromedp.Run(teacher,
		chromedp.Click(`[data-testid=reveal]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=known]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=missed]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=propose]`, chromedp.ByQuery),
		// Ben tagged "Так называемые сепаратисты" with the lexicon's own concept.
		chromedp.WaitVisible(`[data-testid=agree]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("reveal: %v", err)
	}
	browsertest.Screenshot(t, teacher, "45-dashboard-revealed")
	checkReveal(t, teacher, "#live", "the dashboard")
	var missedSaid bool
	if err := chromedp.Run(teacher, chromedp.Evaluate(`/“(said|told)”/.test(document.querySelector('[data-testid=missed]').textContent)`, &missedSaid)); err != nil || missedSaid {
		t.Errorf("the dashboard lists plain said as missed: %v %v", missedSaid, err)
	}
	waitText(phone, `[data-testid=phase-notice]`, "revealed")
	waitText(phone, `#read .column__outlet`, "ANADOLU AGENCY") // shown in capitals
	var lex int
	if err := chromedp.Run(phone, chromedp.Evaluate(`document.querySelectorAll('#read .lex').length`, &lex)); err != nil || lex == 0 {
		t.Errorf("the student's page shows no lexicon wording after the reveal: %d %v", lex, err)
	}
	var tip string
	if err := chromedp.Run(phone, chromedp.Click(`#read .lex`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-lex-tip]`, chromedp.ByQuery),
		chromedp.Text(`[data-lex-tip]`, &tip, chromedp.ByQuery)); err != nil || !strings.Contains(tip, "usage") {
		t.Errorf("tapping a lexicon wording says %q, %v", tip, err)
	}
	browsertest.Screenshot(t, phone, "46-student-phone-revealed")
	checkReveal(t, phone, "#read", "the student's page")
	dark := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}
	if err := chromedp.Run(phone, emulation.SetEmulatedMedia().WithFeatures(dark)); err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, phone, "46b-student-phone-revealed-dark")
	if err := chromedp.Run(phone, emulation.SetEmulatedMedia().WithFeatures(nil)); err != nil {
		t.Fatal(err)
	}

	var csv string
	if err := chromedp.Run(teacher, chromedp.Evaluate(
		`fetch(document.querySelector('[data-testid=export-marks]').href).then(r => r.text())`, &csv,
		func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(strings.TrimSpace(csv), "\n"); lines != 5 || !strings.Contains(csv, "Ханкенди") ||
		!strings.Contains(csv, "топоним") || !strings.Contains(csv, "Ana <b>") ||
		!strings.Contains(csv, "The Karabakh Armenian armed forces") {
		t.Errorf("marks export (%d lines): %s", lines, csv)
	}

	// The printable summary, as the printer sees it.
	if err := chromedp.Run(teacher,
		chromedp.Navigate(dashboard+"/summary"),
		chromedp.WaitVisible(`[data-testid=wordings]`, chromedp.ByQuery),
		emulation.SetEmulatedMedia().WithMedia("print"),
	); err != nil {
		t.Fatalf("summary: %v", err)
	}
	browsertest.Screenshot(t, teacher, "47-summary-print")
	if err := chromedp.Run(teacher, emulation.SetEmulatedMedia().WithMedia(""), chromedp.Navigate(dashboard),
		chromedp.WaitVisible(`[data-testid=close]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(teacher,
		chromedp.Click(`[data-testid=close]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=closed-notice]`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("close: %v", err)
	}
	waitText(phone, `[data-testid=phase-notice]`, "closed")
	var undo int
	if err := chromedp.Run(phone, chromedp.Evaluate(`document.querySelectorAll('[data-undo], [data-mark-form]').length`, &undo)); err != nil || undo != 0 {
		t.Errorf("a closed session still offers marking or undo: %d %v", undo, err)
	}
	for _, ctx := range []context.Context{teacher, phone} {
		for _, v := range browsertest.Axe(t, ctx) {
			t.Errorf("accessibility: %s", v)
		}
	}
}

// teacherOpensSession logs the teacher in on an event's page, opens a
// blind class session titled title and returns its join code, once the
// dashboard's live stream is connected.
func teacherOpensSession(t *testing.T, teacher context.Context, base, eventPath, title string) string {
	t.Helper()
	var code string
	if err := chromedp.Run(teacher,
		chromedp.Navigate(base+"/login?next="+eventPath),
		chromedp.WaitVisible(`#f-username`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-username`, "admin", chromedp.ByQuery),
		chromedp.SendKeys(`#f-password`, adminPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=class-session]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=class-session]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=session-form]`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-title`, title, chromedp.ByQuery),
		chromedp.Click(`#f-blind`, chromedp.ByQuery),
		chromedp.Click(`[data-testid=session-form] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid=join-code]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=join-code]`, &code, chromedp.ByQuery),
		chromedp.WaitVisible(`.stream-status.is-live`, chromedp.ByQuery),
	); err != nil {
		t.Fatalf("teacher opens a session on %s: %v", eventPath, err)
	}
	return code
}
