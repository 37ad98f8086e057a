package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"framelens/framing"
)

const damPage = `<!doctype html><html><head><title>Dam opens</title></head>` +
	`<body><p>The new dam on the Silverbrook river opened on Tuesday.</p></body></html>`

// server is an httptest server on a chosen loopback address that counts
// the requests it answered, so a test can prove a refused fetch sent none.
type server struct {
	*httptest.Server
	hits atomic.Int64
}

func startServer(t *testing.T, listen string, h http.HandlerFunc) *server {
	t.Helper()
	l, err := net.Listen("tcp", listen)
	if err != nil {
		t.Skipf("cannot listen on %s here: %v", listen, err)
	}
	s := &server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	s.Listener.Close()
	s.Listener = l
	s.Start()
	t.Cleanup(s.Close)
	return s
}

func (s *server) port() int {
	return s.Listener.Addr().(*net.TCPAddr).Port
}

func serveDamPage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, damPage)
}

func allowPrivate(opt Options) *Fetcher {
	opt.AllowPrivate = true
	return New(opt)
}

func TestDefaultFetcherRefusesLoopbackInEveryForm(t *testing.T) {
	v4 := startServer(t, "127.0.0.1:0", serveDamPage)
	p := v4.port()
	tests := []struct {
		url, phrase string
	}{
		{fmt.Sprintf("http://127.0.0.1:%d/", p), "not public"},
		{fmt.Sprintf("http://localhost:%d/", p), "not public"},
		{fmt.Sprintf("http://LocalHost:%d/", p), "not public"},
		{fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/", p), "not public"},
		{fmt.Sprintf("http://[::ffff:7f00:1]:%d/", p), "not public"},
		{fmt.Sprintf("http://0.0.0.0:%d/", p), "not public"},
		{fmt.Sprintf("http://2130706433:%d/", p), "not a valid address"},
		{fmt.Sprintf("http://0177.0.0.1:%d/", p), "not a valid address"},
		{fmt.Sprintf("http://0x7f000001:%d/", p), "not a valid address"},
		{fmt.Sprintf("http://127.1:%d/", p), "not a valid address"},
	}
	f := New(DefaultOptions())
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), tt.url)
			wantUserError(t, err, framing.EInvalid, tt.phrase)
			if msg := framing.ErrorMessage(err); strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, strconv.Itoa(p)) {
				t.Errorf("message %q names the internal address", msg)
			}
		})
	}
	if n := v4.hits.Load(); n != 0 {
		t.Fatalf("the loopback server answered %d requests, want none", n)
	}
	// The same server is reachable when private addresses are allowed, so
	// the refusals above are the policy's doing.
	page, err := allowPrivate(DefaultOptions()).Fetch(context.Background(), tests[0].url)
	if err != nil || !bytes.Equal(page.Body, []byte(damPage)) {
		t.Fatalf("AllowPrivate fetch = %q, %v; want the dam page", page.Body, err)
	}
}

func TestDefaultFetcherRefusesIPv6Loopback(t *testing.T) {
	v6 := startServer(t, "[::1]:0", serveDamPage)
	url := fmt.Sprintf("http://[::1]:%d/", v6.port())
	_, err := New(DefaultOptions()).Fetch(context.Background(), url)
	wantUserError(t, err, framing.EInvalid, "not public")
	if n := v6.hits.Load(); n != 0 {
		t.Fatalf("the [::1] server answered %d requests, want none", n)
	}
	if _, err := allowPrivate(DefaultOptions()).Fetch(context.Background(), url); err != nil {
		t.Fatalf("AllowPrivate fetch of %s: %v", url, err)
	}
}

func TestAllowPrivateFetchesThePage(t *testing.T) {
	var gotUA, gotAccept string
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAccept = r.UserAgent(), r.Header.Get("Accept")
		serveDamPage(w, r)
	})
	page, err := allowPrivate(DefaultOptions()).Fetch(context.Background(), s.URL+"/dam-opens")
	if err != nil {
		t.Fatal(err)
	}
	want := Page{URL: s.URL + "/dam-opens", ContentType: "text/html", Charset: "utf-8", Body: []byte(damPage)}
	if page.URL != want.URL || page.ContentType != want.ContentType || page.Charset != want.Charset ||
		!bytes.Equal(page.Body, want.Body) {
		t.Fatalf("page = %+v\nwant %+v", page, want)
	}
	if gotUA != DefaultOptions().UserAgent || !strings.HasPrefix(gotAccept, "text/html") {
		t.Errorf("request sent User-Agent %q, Accept %q", gotUA, gotAccept)
	}
}

// onlyFirstLoopbackIsPublic stands in for the internet: 127.0.0.1 plays a
// public site, and everything else meets the real policy, so 127.0.0.2
// (which Linux answers on too) is private.
func onlyFirstLoopbackIsPublic(ap netip.AddrPort) error {
	if ap.Addr() == netip.MustParseAddr("127.0.0.1") {
		return nil
	}
	return publicWebAddr(ap)
}

func TestRedirectToAPrivateAddressIsRefusedWhenDialled(t *testing.T) {
	internal := startServer(t, "127.0.0.2:0", serveDamPage)
	public := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			serveDamPage(w, r)
		case "/to-internal":
			http.Redirect(w, r, internal.URL+"/secret", http.StatusFound)
		case "/via-page":
			http.Redirect(w, r, "/to-internal", http.StatusMovedPermanently)
		}
	})
	f := newFetcher(DefaultOptions(), onlyFirstLoopbackIsPublic)

	if _, err := f.Fetch(context.Background(), public.URL+"/page"); err != nil {
		t.Fatalf("the stand-in public site must be fetched: %v", err)
	}
	for _, path := range []string{"/to-internal", "/via-page"} {
		_, err := f.Fetch(context.Background(), public.URL+path)
		wantUserError(t, err, framing.EInvalid, "not public")
	}
	_, err := f.Fetch(context.Background(), internal.URL+"/secret")
	wantUserError(t, err, framing.EInvalid, "not public")
	if n := internal.hits.Load(); n != 0 {
		t.Fatalf("the private server answered %d requests, want none", n)
	}
}

// hopServer redirects /hop/N to /hop/N-1 and serves the page at /hop/0.
func hopServer(t *testing.T) *server {
	return startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if err != nil || n <= 0 {
			serveDamPage(w, r)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
}

func TestRedirectsAreFollowedUpToTheLimit(t *testing.T) {
	s := hopServer(t)
	opt := DefaultOptions()
	opt.MaxRedirects = 3
	f := allowPrivate(opt)

	page, err := f.Fetch(context.Background(), s.URL+"/hop/3")
	if err != nil {
		t.Fatalf("3 redirects with a limit of 3: %v", err)
	}
	if page.URL != s.URL+"/hop/0" {
		t.Errorf("page.URL = %q, want the final %q", page.URL, s.URL+"/hop/0")
	}
	_, err = f.Fetch(context.Background(), s.URL+"/hop/4")
	wantUserError(t, err, framing.EInvalid, "redirected more than 3 times")
}

func TestNegativeMaxRedirectsFollowsNone(t *testing.T) {
	s := hopServer(t)
	opt := DefaultOptions()
	opt.MaxRedirects = -1
	_, err := allowPrivate(opt).Fetch(context.Background(), s.URL+"/hop/1")
	wantUserError(t, err, framing.EInvalid, "redirected more than 0 times")
}

func TestRedirectToAnotherSchemeOrUserinfoIsRefused(t *testing.T) {
	var target string
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/page" {
			serveDamPage(w, r)
			return
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusFound)
	})
	f := allowPrivate(DefaultOptions())
	for _, loc := range []string{
		"file:///etc/passwd",
		"ftp://127.0.0.1/report.txt",
		"gopher://127.0.0.1:70/1",
		"javascript:alert(1)",
		"data:text/html,<b>dam</b>",
		"http://reader:secret@" + s.Listener.Addr().String() + "/page",
		"http://2130706433:" + strconv.Itoa(s.port()) + "/page",
	} {
		t.Run(loc, func(t *testing.T) {
			target = loc
			before := s.hits.Load()
			_, err := f.Fetch(context.Background(), s.URL+"/go")
			wantUserError(t, err, framing.EInvalid, "redirects to an address that is not a public web page")
			if n := s.hits.Load() - before; n != 1 {
				t.Errorf("server answered %d requests, want only the first", n)
			}
		})
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBodyIsCappedAtMaxBytes(t *testing.T) {
	const limit = 1024
	html := func(n int) []byte { return []byte("<p>" + strings.Repeat("dam ", n)[:n-3]) }
	bomb := gzipped(t, html(1<<20)) // 1 MiB of text in about 1 KiB
	small := gzipped(t, html(limit))
	s := startServer(t, "127.0.0.1:0", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", strconv.Itoa(limit+1))
			w.Write(html(limit + 1))
		case "/chunked": // no length: found while reading
			for range 4 {
				w.Write(html(limit / 2))
				w.(http.Flusher).Flush()
			}
		case "/endless": // stopped by the limit, not by the timeout
			for r.Context().Err() == nil {
				if _, err := w.Write(html(limit / 2)); err != nil {
					return
				}
			}
		case "/gzip-bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		case "/exact":
			w.Write(html(limit))
		case "/gzip-small":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(small)
		}
	})
	opt := DefaultOptions()
	opt.MaxBytes = limit
	f := allowPrivate(opt)
	for _, path := range []string{"/declared", "/chunked", "/endless", "/gzip-bomb"} {
		t.Run(path, func(t *testing.T) {
			_, err := f.Fetch(context.Background(), s.URL+path)
			wantUserError(t, err, framing.ETooLarge, "larger than 1 KB")
		})
	}
	for _, path := range []string{"/exact", "/gzip-small"} {
		t.Run(path, func(t *testing.T) {
			page, err := f.Fetch(context.Background(), s.URL+path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(page.Body, html(limit)) {
				t.Fatalf("body is %d bytes, want the %d bytes sent", len(page.Body), limit)
			}
		})
	}
}

func TestDefaultLimitIsWordedInMegabytes(t *testing.T) {
	err := New(DefaultOptions()).tooLarge()
	wantUserError(t, err, framing.ETooLarge, "larger than 5 MB")
}
