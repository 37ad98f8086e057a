package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"framelens/framing"
	"framelens/static"
)

// sizedWords is the length of the articles of the sized events.
const sizedWords = 1500

// seedSizedEvents stores one event for each size, of that many articles
// of about 1,500 words, each a distinct shuffle of the demo's sentences
// from one of forty outlets, and returns the events' ids.
func seedSizedEvents(ctx context.Context, st benchStore, sizes []int) ([]int64, error) {
	sentences, _, err := demoSentences()
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(3, 4))
	var ids []int64
	for _, n := range sizes {
		ev, err := st.CreateEvent(ctx, framing.EventInput{Title: fmt.Sprintf("Load test: %d articles", n),
			Description: "Generated for the load test from the demo event's sentences."})
		if err != nil {
			return nil, err
		}
		for i := range n {
			var body strings.Builder
			fmt.Fprintf(&body, "Generated article %d of %d.", i+1, n)
			for count := 0; count < sizedWords; {
				s := sentences[r.IntN(len(sentences))]
				body.WriteByte(' ')
				body.WriteString(s)
				count += strings.Count(s, " ") + 1
				if r.IntN(6) == 0 {
					body.WriteByte('\n')
				}
			}
			in := framing.ArticleInput{Outlet: fmt.Sprintf("Outlet %d", i%archiveOutlets+1), Headline: fmt.Sprintf("Article %d", i+1),
				Language: "en", Body: body.String(), Illustrative: true}
			if _, err := st.AddArticle(ctx, ev.ID, in); err != nil {
				return nil, fmt.Errorf("store article %d of the %d-article event: %w", i+1, n, err)
			}
		}
		ids = append(ids, ev.ID)
	}
	return ids, nil
}

// sizeResult is what was measured on one sized event.
type sizeResult struct {
	articles             int
	firstRender          time.Duration
	pageBytes, pageGzip  int64
	page, static         result
	alignFirst, alignRep time.Duration
	distFirst, distRep   time.Duration
	pairs                int
	peak                 int64
}

// measureSizes measures each sized event: the first rendering of its
// page, the kept page under load against the static file in the same
// run, its alignments and an article's distinctive words (first and
// again), and the server's peak memory so far.
func measureSizes(ctx context.Context, out io.Writer, srv *server, ids []int64, sizes []int, lo loadOptions) ([]sizeResult, error) {
	var results []sizeResult
	for k, id := range ids {
		res := sizeResult{articles: sizes[k]}
		path := fmt.Sprintf("/events/%d", id)
		var err error
		if res.firstRender, res.pageBytes, err = timedGet(ctx, srv.base+path, ""); err != nil {
			return nil, err
		}
		if _, res.pageGzip, err = timedGet(ctx, srv.base+path, browserEncodings); err != nil {
			return nil, err
		}
		api := fmt.Sprintf("/api/events/%d", id)
		if res.alignFirst, _, err = timedGet(ctx, srv.base+api+"/alignments", ""); err != nil {
			return nil, err
		}
		var pairs struct {
			Total int `json:"total"`
		}
		if err := getJSON(ctx, srv.base+api+"/alignments?limit=1", &pairs); err != nil {
			return nil, err
		}
		res.pairs = pairs.Total
		if res.alignRep, _, err = timedGet(ctx, srv.base+api+"/alignments?offset=50", ""); err != nil {
			return nil, err
		}
		var event struct {
			Articles []struct {
				ID int64 `json:"id"`
			} `json:"articles"`
		}
		if err := getJSON(ctx, srv.base+api, &event); err != nil || len(event.Articles) == 0 {
			return nil, fmt.Errorf("read event %d: %v", id, err)
		}
		dist := fmt.Sprintf("%s/distinctive?article=%d", api, event.Articles[0].ID)
		if res.distFirst, _, err = timedGet(ctx, srv.base+dist, ""); err != nil {
			return nil, err
		}
		if res.distRep, _, err = timedGet(ctx, srv.base+dist+"&weak=1", ""); err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "  %d articles: first render %s (%d KB, %d KB gzipped), alignments %s then %s (%d pairs), distinctive %s then %s; loading the page …\n",
			res.articles, ms(res.firstRender), res.pageBytes/1000, res.pageGzip/1000, ms(res.alignFirst), ms(res.alignRep), res.pairs,
			ms(res.distFirst), ms(res.distRep))
		res.page = runLoad(ctx, fmt.Sprintf("page of %d", res.articles), getPage(srv.base, path, int(res.pageGzip*9/10)), lo, srv)
		res.static = runLoad(ctx, "static", getPage(srv.base, static.URL("app.css"), 1000), lo, srv)
		if m, err := srv.memory(); err == nil {
			res.peak = m.peak
		}
		results = append(results, res)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return results, nil
}

// timedGet fetches url once and returns how long the whole answer took
// and its size as sent; encodings is the Accept-Encoding to send.
func timedGet(ctx context.Context, url, encodings string) (time.Duration, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, 0, err
	}
	if encodings != "" {
		req.Header.Set("Accept-Encoding", encodings)
	}
	start := time.Now()
	resp, err := newClient(1, nil).Do(req)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("GET %s: status %d, %v", url, resp.StatusCode, err)
	}
	return time.Since(start), n, nil
}

func printSizes(out io.Writer, results []sizeResult) {
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| articles | first render | page | gzipped | kept page req/s | p99 | static req/s | ratio | alignments first / again | pairs | distinctive first / again | errors | peak RSS |")
	fmt.Fprintln(out, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, r := range results {
		ratio := 0.0
		if r.static.perSecond() > 0 {
			ratio = r.page.perSecond() / r.static.perSecond()
		}
		fmt.Fprintf(out, "| %d | %s | %d KB | %d KB | %.0f | %s | %.0f | %.2f | %s / %s | %d | %s / %s | %d | %s |\n",
			r.articles, ms(r.firstRender), r.pageBytes/1000, r.pageGzip/1000, r.page.perSecond(), ms(r.page.quantile(0.99)),
			r.static.perSecond(), ratio, ms(r.alignFirst), ms(r.alignRep), r.pairs, ms(r.distFirst), ms(r.distRep),
			r.page.errors+r.static.errors, mib(r.peak))
	}
}
