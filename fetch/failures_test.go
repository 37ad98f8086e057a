package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"framelens/framing"
)

// stall blocks until the client gives up, so a test server never outlives
// the test by much.
func stall(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

func TestSlowSiteRunsIntoTheTimeout(t *testing.T) {
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/slow-body" {
			fmt.Fprint(w, "<p>The dam")
			w.(http.Flusher).Flush()
		}
		stall(r)
	})
	opt := DefaultOptions()
	opt.Timeout = 300 * time.Millisecond
	f := allowPrivate(opt)
	for _, path := range []string{"/slow-headers", "/slow-body"} {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			_, err := f.Fetch(context.Background(), s.URL+path)
			wantUserError(t, err, framing.EInvalid, "took longer than 300ms")
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("gave up after %s, want about 300ms", d)
			}
		})
	}
}

func TestCancelledCallerGetsItsContextError(t *testing.T) {
	s := startServer(t, "127.0.0.1:0", func(_ http.ResponseWriter, r *http.Request) { stall(r) })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := allowPrivate(DefaultOptions()).Fetch(ctx, s.URL)
	if !errors.Is(err, context.DeadlineExceeded) || framing.ErrorCode(err) != framing.EInternal {
		t.Fatalf("error = %v, want the caller's deadline as an internal error", err)
	}
}

func TestOnlyArticleContentTypesAreAccepted(t *testing.T) {
	const docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	bodies := map[string]struct{ header, body string }{
		"/png":       {"image/png", "\x89PNG\r\n\x1a\n...."},
		"/json":      {"application/json", `{"dam":"open"}`},
		"/video":     {"video/mp4", "...."},
		"/zip":       {"application/zip", "PK\x03\x04...."},
		"/octet-png": {"application/octet-stream", "\x89PNG\r\n\x1a\n...."},
		"/html-1251": {"text/html; charset=windows-1251", damPage},
		"/xhtml":     {"application/xhtml+xml", damPage},
		"/text":      {"text/plain", "The dam opened on Tuesday."},
		"/pdf":       {"application/pdf", "%PDF-1.7\n...."},
		"/docx":      {docx, "PK\x03\x04...."},
		"/octet-pdf": {"application/octet-stream", "%PDF-1.7\n...."},
		"/no-type":   {"", damPage},
	}
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		b := bodies[r.URL.Path]
		w.Header()["Content-Type"] = nil // no sniffing by the test server
		if b.header != "" {
			w.Header().Set("Content-Type", b.header)
		}
		fmt.Fprint(w, b.body)
	})
	f := allowPrivate(DefaultOptions())
	refused := map[string]string{
		"/png": "image/png", "/json": "application/json", "/video": "video/mp4",
		"/zip": "application/zip", "/octet-png": "image/png",
	}
	for path, mediaType := range refused {
		t.Run(path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), s.URL+path)
			wantUserError(t, err, framing.EInvalid, "of type "+mediaType+".")
		})
	}
	accepted := []struct{ path, mediaType, charset string }{
		{"/html-1251", "text/html", "windows-1251"},
		{"/xhtml", "application/xhtml+xml", ""},
		{"/text", "text/plain", ""},
		{"/pdf", "application/pdf", ""},
		{"/docx", docx, ""},
		{"/octet-pdf", "application/pdf", ""},
		{"/no-type", "text/html", "utf-8"},
	}
	for _, tt := range accepted {
		t.Run(tt.path, func(t *testing.T) {
			page, err := f.Fetch(context.Background(), s.URL+tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if page.ContentType != tt.mediaType || page.Charset != tt.charset {
				t.Fatalf("type %q charset %q, want %q %q", page.ContentType, page.Charset, tt.mediaType, tt.charset)
			}
		})
	}
}

func TestErrorStatusesAreReported(t *testing.T) {
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/broken":
			http.Error(w, "stack trace of the site", http.StatusInternalServerError)
		case "/odd":
			w.WriteHeader(599)
		case "/empty":
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	})
	f := allowPrivate(DefaultOptions())
	tests := []struct{ path, phrase string }{
		{"/missing", "The site answered 404 Not Found"},
		{"/gone", "The site answered 410 Gone"},
		{"/forbidden", "The site answered 403 Forbidden"},
		{"/broken", "The site answered 500 Internal Server Error"},
		{"/odd", "The site answered 599 instead of the page."},
		{"/empty", "empty page"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), s.URL+tt.path)
			wantUserError(t, err, framing.EInvalid, tt.phrase)
		})
	}
}

func TestConnectionFailuresAreExplained(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := l.Addr().String()
	l.Close()
	tlsSite := httptest.NewTLSServer(http.HandlerFunc(serveDamPage))
	defer tlsSite.Close()
	notTLS := rawServer(t, "SSH-2.0-OpenSSH_9.6\r\n")

	f := allowPrivate(DefaultOptions())
	tests := []struct{ name, url, phrase string }{
		{"closed port", "http://" + closedAddr + "/", "refused the connection"},
		{"untrusted certificate", tlsSite.URL, "secure connection (https) could not be verified"},
		{"not tls on https", "https://" + notTLS + "/", "secure connection (https) could not be verified"},
		{"unknown site", "http://framelens-no-such-site.invalid/", "could not find the site framelens-no-such-site.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), tt.url)
			wantUserError(t, err, framing.EInvalid, tt.phrase)
		})
	}
}

// rawServer answers every connection with greeting and closes it: a port
// where something other than a web server listens. It returns host:port.
func rawServer(t *testing.T, greeting string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Write([]byte(greeting))
			c.Close()
		}
	}()
	return l.Addr().String()
}

func TestEnvironmentProxyIsNotUsed(t *testing.T) {
	proxy := startServer(t, "127.0.0.1:0", serveDamPage)
	for _, name := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"} {
		t.Setenv(name, proxy.URL)
	}
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	// Through the proxy this name would "resolve"; directly it cannot.
	_, err := allowPrivate(DefaultOptions()).Fetch(context.Background(), "http://framelens-proxy-check.invalid/")
	wantUserError(t, err, framing.EInvalid, "could not find the site")
	if n := proxy.hits.Load(); n != 0 {
		t.Fatalf("the proxy answered %d requests, want none", n)
	}
	// net/http reads the environment once per process, so the check above
	// only bites when it runs first; the transport itself must say no proxy.
	for _, f := range []*Fetcher{New(DefaultOptions()), allowPrivate(DefaultOptions())} {
		if tr, ok := f.client.Transport.(*http.Transport); !ok || tr.Proxy != nil {
			t.Fatalf("transport %T has a proxy function", f.client.Transport)
		}
	}
}

func TestOneFetcherServesConcurrentFetches(t *testing.T) {
	s := startServer(t, "127.0.0.1:0", serveDamPage)
	f := allowPrivate(DefaultOptions())
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if _, err := f.Fetch(context.Background(), s.URL); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
