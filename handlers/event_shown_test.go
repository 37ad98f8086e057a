package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"framelens/framing"
)

// largeEvent stores an event of n short articles that all name the city,
// half of them Northburg and half Southville.
func largeEvent(t *testing.T, ts *testServer, n int) (int64, []framing.Article) {
	t.Helper()
	ctx := context.Background()
	ts.seedLexicon()
	ev, err := ts.Store.CreateEvent(ctx, framing.EventInput{Title: "Floods"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		city := "Northburg"
		if i%2 == 1 {
			city = "Southville"
		}
		body := fmt.Sprintf("The river flooded %s on Monday, report %d said. %s", city, i, distinctText(i))
		if _, err := ts.Store.AddArticle(ctx, ev.ID, validArticle(fmt.Sprintf("Outlet %02d", i), fmt.Sprintf("Flood report %d", i), body)); err != nil {
			t.Fatal(err)
		}
	}
	articles, err := ts.Store.Articles(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	return ev.ID, articles
}

func TestALargeEventsPageShowsTheTextsOfAFewAndSumsTheTableOverAll(t *testing.T) {
	ts := newTestServer(t)
	id, articles := largeEvent(t, ts, 20)
	d := ts.get(pagePath(id)).wantStatus(http.StatusOK).doc()
	if n := d.Find("[data-testid=article]").Length(); n != framing.DefaultShown {
		t.Errorf("%d texts shown, want the first %d", n, framing.DefaultShown)
	}
	if got := textOf(d.Find("[data-testid=all-articles]").First()); got != "All 20 articles" {
		t.Errorf("summary column %q", got)
	}
	var totals []string
	d.Find("[data-testid=comparison-row]").First().Find(".cell-totals .cell-term").Each(func(_ int, s *goquery.Selection) {
		totals = append(totals, strings.Join(strings.Fields(s.Text()), " "))
	})
	if strings.Join(totals, " | ") != "Northburg 10 articles Northern usage | Southville 10 articles Southern usage" {
		t.Errorf("the river's row sums to %q", totals)
	}
	if n := d.Find("[data-testid=picker] input[name=show]").Length(); n != 20 {
		t.Errorf("the picker offers %d articles, want 20", n)
	}
	if n := d.Find("[data-testid=picker] input[name=show][checked]").Length(); n != framing.DefaultShown {
		t.Errorf("the picker ticks %d, want the %d shown", n, framing.DefaultShown)
	}

	// The reader picks two, one of each city's name.
	picked := fmt.Sprintf("?show=%d&show=%d", articles[3].ID, articles[12].ID)
	d = ts.get(pagePath(id) + picked).wantStatus(http.StatusOK).doc()
	var shown []string
	d.Find("[data-testid=article] .column__outlet").Each(func(_ int, s *goquery.Selection) { shown = append(shown, textOf(s)) })
	if strings.Join(shown, ",") != "Outlet 03,Outlet 12" {
		t.Errorf("picked two, shown %q", shown)
	}
	ctx := d.Find("details.ctx").First()
	url := attrOf(ctx.Find(".ctx__lines"), "hx-get")
	if !strings.Contains(url, fmt.Sprintf("show=%d", articles[3].ID)) {
		t.Fatalf("the contexts load from %q, which forgets the pick", url)
	}
	lines := ts.get(url).wantStatus(http.StatusOK).doc()
	var outlets []string
	lines.Find(".ctx__outlet").Each(func(_ int, s *goquery.Selection) { outlets = append(outlets, textOf(s)) })
	if strings.Join(outlets, ",") != "Outlet 03,Outlet 12" {
		t.Errorf("context lines of the picked articles: %q", outlets)
	}
}

func TestAPageOfAHundredLongArticlesStaysSmall(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	ts.seedLexicon()
	ev, err := ts.Store.CreateEvent(ctx, framing.EventInput{Title: "Big"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		body := strings.Repeat(fmt.Sprintf("The Bluewater rose by the city of Northburg, report %d said. ", i), 150) + distinctText(i)
		if _, err := ts.Store.AddArticle(ctx, ev.ID, validArticle(fmt.Sprintf("Outlet %d", i), "Flood", body)); err != nil {
			t.Fatal(err)
		}
	}
	r := ts.get(pagePath(ev.ID)).wantStatus(http.StatusOK)
	if len(r.Body) > 1500_000 {
		t.Errorf("the page of 100 articles of about 1,500 words is %d bytes, over 1.5 MB", len(r.Body))
	}
}
