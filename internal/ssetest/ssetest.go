// Package ssetest reads a server-sent event stream in tests: the data
// lines of a class stream, as they come, until the test ends.
package ssetest

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
)

// Open requests url with c and returns the stream's data lines. The
// channel is closed when the stream ends; the request is cancelled, and
// its reader waited for, when the test ends.
func Open(t testing.TB, c *http.Client, url string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		cancel()
		t.Fatalf("stream %s: %v", url, err)
	}
	resp, err := c.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("open the stream %s: %v %v", url, resp, err)
	}
	lines := make(chan string, 64)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(lines)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			select {
			case lines <- data:
			case <-ctx.Done():
				return
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	return lines
}
