package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// archivePerEvent and archiveOutlets shape the generated archive: events
// of five articles from forty outlets.
const (
	archivePerEvent = 5
	archiveOutlets  = 40
)

// prepareDatabase creates the database with the shipped lexicons, the
// event of six articles and, when archive > 0, that many generated
// articles. It returns the six-article event's id.
func prepareDatabase(ctx context.Context, db string, archive int, progress func(int)) (int64, error) {
	st, err := openStore(ctx, db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if err := seedLexicons(ctx, st); err != nil {
		return 0, err
	}
	id, err := seedComparisonEvent(ctx, st)
	if err != nil {
		return 0, err
	}
	if archive > 0 {
		if err := seedArchive(ctx, st, archive, archivePerEvent, archiveOutlets, progress); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// measureArchive waits until the server has analysed every stored
// article (it does so in the background after starting), opens the pages
// that read across the archive, and reports the server's memory.
func measureArchive(ctx context.Context, out io.Writer, srv *server, db string, n int) error {
	analysed, err := waitAnalysed(ctx, db, n)
	if err != nil {
		return err
	}
	idle, err := srv.memory()
	if err != nil {
		return err
	}

	events := n / archivePerEvent
	paths := []string{"/", "/outlets", "/outlets/words?outlet=" + url.QueryEscape("Archive outlet 1"),
		"/api/outlets/distinctive?outlet=" + url.QueryEscape("Archive outlet 2")}
	for _, ev := range []int{2, 2 + events/2, 1 + events} { // event 1 is the six-article one
		paths = append(paths, fmt.Sprintf("/events/%d", ev), fmt.Sprintf("/events/%d/distinctive", ev),
			fmt.Sprintf("/events/%d/alignments", ev))
	}
	client := newClient(4, nil)
	pageStart := time.Now()
	for _, p := range paths {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.base+p, nil)
		if err != nil {
			return err
		}
		t := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		size, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s with the archive: status %d", p, resp.StatusCode)
		}
		fmt.Fprintf(out, "  GET %-60s %6.1f ms, %d bytes\n", p, float64(time.Since(t))/float64(time.Millisecond), size)
	}
	after, err := srv.memory()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "archive of %d articles: analysed by the server in %s; RSS %s when idle, %s after %d pages (%s); peak RSS %s\n",
		n, analysed.Round(100*time.Millisecond), mib(idle.rss), mib(after.rss), len(paths),
		time.Since(pageStart).Round(time.Millisecond), mib(after.peak))
	return nil
}

// waitAnalysed waits until the server has analysed every stored article
// (it does so in the background after starting) and says how long that
// took from now; n, for the message, is how many there are.
func waitAnalysed(ctx context.Context, db string, n int) (time.Duration, error) {
	st, err := openStore(ctx, db)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	start := time.Now()
	for {
		key, err := st.LexiconKey(ctx)
		if err != nil {
			return 0, err
		}
		left, err := st.ArticlesWithoutAnalysis(ctx, key, 1)
		if err != nil {
			return 0, err
		}
		if len(left) == 0 {
			return time.Since(start), nil
		}
		if time.Since(start) > 5*time.Minute {
			return 0, fmt.Errorf("the server had not analysed the %d articles after 5 minutes", n)
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// prepareSizes stores the sized events (see seedSizedEvents).
func prepareSizes(ctx context.Context, db string, sizes []int) ([]int64, error) {
	if len(sizes) == 0 {
		return nil, nil
	}
	st, err := openStore(ctx, db)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return seedSizedEvents(ctx, st, sizes)
}
