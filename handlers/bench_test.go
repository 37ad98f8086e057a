package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"framelens/demo"
	"framelens/framing"
	"framelens/static"
)

// BenchmarkEventPage renders the comparison page of an event with six
// articles of about 1,500 words, analyses kept, and reports the 99th
// percentile; the versioned stylesheet served in the same run is the
// baseline.
func BenchmarkEventPage(b *testing.B) {
	srv, st := newSeededServer(b)
	handler := srv.Config.Handler
	_, demoArticles, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "Six long articles"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 6 {
		src := demoArticles[i%len(demoArticles)]
		var body strings.Builder
		for body.Len() < 9000 { // about 1,500 words
			fmt.Fprintf(&body, "%s\nPart %d of outlet %d.\n", src.Body, body.Len(), i)
		}
		in := framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i), Headline: src.Headline, Language: "en", Body: body.String()}
		if _, err := st.AddArticle(ctx, ev.ID, in); err != nil {
			b.Fatal(err)
		}
	}
	page := fmt.Sprintf("/events/%d", ev.ID)
	serve := func(path string) time.Duration {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		handler.ServeHTTP(rec, req)
		d := time.Since(start)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
		return d
	}
	serve(page) // analyse once and keep the analyses, as the first visitor does

	p99 := func(ds []time.Duration) float64 {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		return float64(ds[len(ds)*99/100]) / float64(time.Millisecond)
	}
	var pageTimes, cssTimes []time.Duration
	css := static.URL("app.css")
	for b.Loop() {
		pageTimes = append(pageTimes, serve(page))
		cssTimes = append(cssTimes, serve(css))
	}
	b.ReportMetric(p99(pageTimes), "page-p99-ms")
	b.ReportMetric(p99(cssTimes), "css-p99-ms")
	b.ReportMetric(p99(pageTimes)/p99(cssTimes), "page/css")
}
