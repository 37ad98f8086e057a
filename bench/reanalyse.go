package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"framelens/framing"
)

// measureReanalysis adds a lexicon through the API (a copy of the first
// shipped one under a new name), which makes every stored article's
// analysis out of date, and measures how long the server takes to
// analyse and keep them all again, while one client keeps reading page
// (a kept page must go on answering). It reports the processor time each
// instance and the database spent meanwhile: however many instances
// there are, one of them runs the re-analysis.
func measureReanalysis(ctx context.Context, out io.Writer, g *instances, db, page string) (reanalysis, error) {
	r, err := reanalyse(ctx, g, db, page)
	if err != nil {
		return r, err
	}
	var each []string
	for i, t := range r.instanceCPU {
		each = append(each, fmt.Sprintf("instance %d %s", i+1, t.Round(10*time.Millisecond)))
	}
	if g.cluster != nil {
		each = append(each, fmt.Sprintf("PostgreSQL %s", r.dbCPU.Round(10*time.Millisecond)))
	}
	fmt.Fprintf(out, "re-analysis after a lexicon was added: %d stored articles analysed and kept again in %s (processor time: %s); meanwhile %s answered %d times, the slowest in %s; peak RSS %s\n",
		r.articles, r.took.Round(10*time.Millisecond), strings.Join(each, ", "), page, r.reads, ms(r.slowest), mib(r.peak))
	return r, nil
}

// reanalysis is what measureReanalysis measured.
type reanalysis struct {
	articles    int
	took        time.Duration
	instanceCPU []time.Duration
	dbCPU       time.Duration
	reads       int
	slowest     time.Duration
	peak        int64
}

func reanalyse(ctx context.Context, g *instances, db, page string) (reanalysis, error) {
	srv := g.servers[0]
	st, err := openStore(ctx, db)
	if err != nil {
		return reanalysis{}, err
	}
	defer st.Close()
	cookie, err := login(ctx, srv.base)
	if err != nil {
		return reanalysis{}, err
	}
	lexicon, err := exportLexicon(ctx, srv.base)
	if err != nil {
		return reanalysis{}, err
	}
	oldKey, err := st.LexiconKey(ctx)
	if err != nil {
		return reanalysis{}, err
	}

	reading, stopReading := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var reads int
	var slowest time.Duration
	var readErr error
	wg.Go(func() {
		for reading.Err() == nil {
			took, _, err := timedGet(reading, srv.base+page, browserEncodings)
			if err != nil {
				if reading.Err() == nil {
					readErr = err
				}
				return
			}
			reads++
			slowest = max(slowest, took)
		}
	})

	before := g.perProcess()
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.base+"/api/lexicons/import", lexicon)
	if err != nil {
		stopReading()
		return reanalysis{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		stopReading()
		return reanalysis{}, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		stopReading()
		return reanalysis{}, fmt.Errorf("import a lexicon: status %d", resp.StatusCode)
	}
	key, err := st.LexiconKey(ctx)
	if err != nil || key == oldKey {
		stopReading()
		return reanalysis{}, fmt.Errorf("the lexicon key did not change (%v)", err)
	}
	for {
		left, err := st.ArticlesWithoutAnalysis(ctx, key, 1)
		if err != nil {
			stopReading()
			return reanalysis{}, err
		}
		if len(left) == 0 {
			break
		}
		if time.Since(start) > 5*time.Minute {
			stopReading()
			return reanalysis{}, fmt.Errorf("the server had not re-analysed the articles after 5 minutes")
		}
		select {
		case <-ctx.Done():
			stopReading()
			return reanalysis{}, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	took := time.Since(start)
	after := g.perProcess()
	stopReading()
	wg.Wait()
	if readErr != nil {
		return reanalysis{}, fmt.Errorf("reading %s during the re-analysis: %w", page, readErr)
	}
	var articles int
	if err := st.EachArticle(ctx, "", func(_ framing.Article) error { articles++; return nil }); err != nil {
		return reanalysis{}, err
	}
	m, _ := g.memory()
	r := reanalysis{articles: articles, took: took, reads: reads, slowest: slowest, peak: m.peak,
		dbCPU: after.db - before.db}
	for i := range g.servers {
		r.instanceCPU = append(r.instanceCPU, after.servers[i]-before.servers[i])
	}
	return r, nil
}

// exportLexicon is the first shipped lexicon as exchange JSON, renamed so
// that it imports as a new lexicon.
func exportLexicon(ctx context.Context, base string) (io.Reader, error) {
	var list struct {
		Lexicons []struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
		} `json:"lexicons"`
	}
	if err := getJSON(ctx, base+"/api/lexicons", &list); err != nil || len(list.Lexicons) == 0 {
		return nil, fmt.Errorf("list lexicons: %v", err)
	}
	l := list.Lexicons[0]
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/lexicons/%d/export?format=json", base, l.ID), nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("export lexicon %d: status %d, %v", l.ID, resp.StatusCode, err)
	}
	text := strings.Replace(string(data), `"slug":"`+l.Slug+`"`, `"slug":"`+l.Slug+`-copy"`, 1)
	text = strings.Replace(text, `"slug": "`+l.Slug+`"`, `"slug": "`+l.Slug+`-copy"`, 1)
	return strings.NewReader(text), nil
}
