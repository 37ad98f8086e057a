package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"framelens/internal/ssetest"
)

// The class streams and calls of the two-instance lesson
// (twoinstances_test.go).

// lessonState is one event of a class stream.
type lessonState struct {
	Phase    string `json:"phase"`
	Students int    `json:"students"`
	Marking  int    `json:"marking"`
	Marks    int    `json:"marks"`
}

// lessonStream is an open class stream, its events decoded as they come.
type lessonStream struct {
	url    string
	events <-chan lessonState
	last   lessonState
}

func openLessonStream(t *testing.T, c *http.Client, url string) *lessonStream {
	t.Helper()
	lines := ssetest.Open(t, c, url)
	events := make(chan lessonState, 64)
	ended := t.Context().Done()
	go func() {
		defer close(events)
		for data := range lines {
			var s lessonState
			if json.Unmarshal([]byte(data), &s) != nil {
				continue
			}
			select {
			case events <- s:
			case <-ended:
				return
			}
		}
	}()
	return &lessonStream{url: url, events: events}
}

// waitFor reads the stream's events until one satisfies ok.
func (s *lessonStream) waitFor(t *testing.T, what string, ok func(lessonState) bool) {
	t.Helper()
	if ok(s.last) {
		return
	}
	hang := time.NewTimer(lessonHang)
	defer hang.Stop()
	for {
		select {
		case ev, open := <-s.events:
			if !open {
				t.Fatalf("%s: the stream %s ended; last event %+v", what, s.url, s.last)
			}
			s.last = ev
			if ok(ev) {
				return
			}
		case <-hang.C:
			t.Fatalf("%s: no such event on %s after %s; last event %+v", what, s.url, lessonHang, s.last)
		}
	}
}

// lessonCall sends in as JSON (when not nil), wants the status and
// decodes the answer into out (when not nil); lessonDo is the same for a
// goroutine, returning the error.
func lessonCall(t *testing.T, c *http.Client, method, url string, in any, status int, out any) {
	t.Helper()
	if err := lessonDo(c, method, url, in, status, out); err != nil {
		t.Fatal(err)
	}
}

func lessonDo(c *http.Client, method, url string, in any, status int, out any) error {
	data, err := lessonSend(c, method, url, in, status)
	if err == nil && out != nil {
		if err = json.Unmarshal(data, out); err != nil {
			err = fmt.Errorf("%s %s: %w", method, url, err)
		}
	}
	return err
}

// lessonGet is the body of a GET that must answer 200.
func lessonGet(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	data, err := lessonSend(c, "GET", url, nil, http.StatusOK)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// lessonSend sends in as JSON (when not nil) and returns the answer's
// body if it has the status wanted.
func lessonSend(c *http.Client, method, url string, in any, status int) ([]byte, error) {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(data)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lessonHang)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, url, err)
	}
	if resp.StatusCode != status {
		return nil, fmt.Errorf("%s %s: status %d, want %d: %s", method, url, resp.StatusCode, status, bytes.TrimSpace(data))
	}
	return data, nil
}
