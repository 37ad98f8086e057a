package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"framelens/demo"
	"framelens/framing"
)

// BenchmarkFirstRenderOfALargeEvent renders the page of an event of
// FRAMELENS_BENCH_ARTICLES (default 100) articles of about 1,500 words,
// analyses kept, each time as if first (another pick of articles, so
// the page cache does not answer).
//
//	FRAMELENS_BENCH_ARTICLES=1000 go test ./handlers -run XXX -bench FirstRender -benchtime 5x
func BenchmarkFirstRenderOfALargeEvent(b *testing.B) {
	n := 100
	if v, err := strconv.Atoi(os.Getenv("FRAMELENS_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	srv, st := newSeededServer(b)
	handler := srv.Config.Handler
	_, arts, err := demo.Event()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ev, err := st.CreateEvent(ctx, framing.EventInput{Title: "A large event"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		var body strings.Builder
		for body.Len() < 9000 {
			fmt.Fprintf(&body, "%s\nPart %d of article %d.\n", arts[i%len(arts)].Body, body.Len(), i)
		}
		in := framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i%40), Headline: "H", Language: "en", Body: body.String()}
		if _, err := st.AddArticle(ctx, ev.ID, in); err != nil {
			b.Fatal(err)
		}
	}
	get := func(path string) {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, rec.Code)
		}
	}
	page := fmt.Sprintf("/events/%d", ev.ID)
	get(page) // analyses the articles and keeps the analyses
	pick := 0
	for b.Loop() {
		pick++
		get(fmt.Sprintf("%s?show=%d", page, pick))
	}
}
