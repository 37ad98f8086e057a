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
	"framelens/store"
)

// measureReanalysis adds a lexicon through the API (a copy of the first
// shipped one under a new name), which makes every stored article's
// analysis out of date, and measures how long the server takes to
// analyse and keep them all again, while one client keeps reading page
// (a kept page must go on answering).
func measureReanalysis(ctx context.Context, out io.Writer, srv *server, db, page string) error {
	st, err := store.Open(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	cookie, err := login(ctx, srv.base)
	if err != nil {
		return err
	}
	lexicon, err := exportLexicon(ctx, srv.base)
	if err != nil {
		return err
	}
	before, err := st.LexiconKey(ctx)
	if err != nil {
		return err
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

	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.base+"/api/lexicons/import", lexicon)
	if err != nil {
		stopReading()
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		stopReading()
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		stopReading()
		return fmt.Errorf("import a lexicon: status %d", resp.StatusCode)
	}
	key, err := st.LexiconKey(ctx)
	if err != nil || key == before {
		stopReading()
		return fmt.Errorf("the lexicon key did not change (%v)", err)
	}
	for {
		left, err := st.ArticlesWithoutAnalysis(ctx, key, 1)
		if err != nil {
			stopReading()
			return err
		}
		if len(left) == 0 {
			break
		}
		if time.Since(start) > 5*time.Minute {
			stopReading()
			return fmt.Errorf("the server had not re-analysed the articles after 5 minutes")
		}
		select {
		case <-ctx.Done():
			stopReading()
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	took := time.Since(start)
	stopReading()
	wg.Wait()
	if readErr != nil {
		return fmt.Errorf("reading %s during the re-analysis: %w", page, readErr)
	}
	var articles int
	if err := st.EachArticle(ctx, "", func(_ framing.Article) error { articles++; return nil }); err != nil {
		return err
	}
	m, _ := srv.memory()
	fmt.Fprintf(out, "re-analysis after a lexicon was added: %d stored articles analysed and kept again in %s; meanwhile %s answered %d times, the slowest in %s; peak RSS %s\n",
		articles, took.Round(10*time.Millisecond), page, reads, ms(slowest), mib(m.peak))
	return nil
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
