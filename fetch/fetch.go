package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"framelens/framing"
)

// Options limit what one fetch may do. Zero fields take DefaultOptions'
// values; a negative MaxRedirects follows no redirect.
type Options struct {
	// AllowPrivate turns the destination check off (private, loopback and
	// link-local addresses, any port): for tests and trusted local setups,
	// never for a server that strangers can use.
	AllowPrivate bool
	Timeout      time.Duration // the whole fetch: DNS, connect, redirects, body
	MaxBytes     int64         // body size after decompression
	MaxRedirects int
	UserAgent    string
}

// DefaultOptions suit an article import: 15 s, 5 MiB, 5 redirects.
func DefaultOptions() Options {
	return Options{
		Timeout:      15 * time.Second,
		MaxBytes:     5 << 20,
		MaxRedirects: 5,
		UserAgent:    "Framelens/1 (+article import)",
	}
}

// Page is what a site answered: the final URL after redirects, the media
// type (lower case, without parameters), the charset parameter if the site
// named one, and the body as sent (gzip already undone).
type Page struct {
	URL         string
	ContentType string
	Charset     string
	Body        []byte
}

// importable are the media types an extractor can turn into article text.
var importable = map[string]bool{
	"text/html":             true,
	"application/xhtml+xml": true,
	"text/plain":            true,
	"application/pdf":       true,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": true,
}

const accept = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.8," +
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.8"

// Fetcher downloads pages under its Options. Build it once with New; it is
// safe for concurrent use and reuses connections.
type Fetcher struct {
	opt    Options
	client *http.Client
}

// New builds a Fetcher that refuses non-public destinations unless
// opt.AllowPrivate is set.
func New(opt Options) *Fetcher {
	if opt.AllowPrivate {
		return newFetcher(opt, nil)
	}
	return newFetcher(opt, publicWebAddr)
}

// newFetcher builds a Fetcher whose dialer asks policy before every
// connection; nil allows all.
func newFetcher(opt Options, policy addrPolicy) *Fetcher {
	def := DefaultOptions()
	if opt.Timeout <= 0 {
		opt.Timeout = def.Timeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = def.MaxBytes
	}
	switch {
	case opt.MaxRedirects == 0:
		opt.MaxRedirects = def.MaxRedirects
	case opt.MaxRedirects < 0:
		opt.MaxRedirects = 0
	}
	if opt.UserAgent == "" {
		opt.UserAgent = def.UserAgent
	}
	dialer := &net.Dialer{Timeout: opt.Timeout, KeepAlive: 30 * time.Second}
	if policy != nil {
		dialer.Control = dialControl(policy)
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would dial for us, past the check
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    opt.Timeout,
		MaxIdleConns:           16,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	f := &Fetcher{opt: opt}
	f.client = &http.Client{Transport: transport, CheckRedirect: f.checkRedirect}
	return f
}

// Fetch downloads rawURL. Problems a person can act on (a bad or private
// address, a site that is down, answers 404, sends an image or too much)
// are *framing.Error on field "url", wrapping the cause for the log; a
// cancelled ctx is returned as ctx's error.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (Page, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return Page{}, err
	}
	fetchCtx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(fetchCtx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Page{}, fmt.Errorf("fetch: build request: %w", err)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", accept)
	resp, err := f.client.Do(req)
	if err != nil {
		return Page{}, f.explain(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		status := strings.TrimSpace(fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
		return Page{}, invalid("The site answered %s instead of the page.", status)
	}
	mediaType, charset := parseContentType(resp.Header.Get("Content-Type"))
	sniff := mediaType == "" || mediaType == "application/octet-stream"
	if !sniff && !importable[mediaType] {
		return Page{}, notImportable(mediaType)
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return Page{}, f.tooLarge()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	if err != nil {
		return Page{}, f.explain(ctx, err)
	}
	if int64(len(body)) > f.opt.MaxBytes {
		return Page{}, f.tooLarge()
	}
	if len(body) == 0 {
		return Page{}, invalid("The site sent an empty page.")
	}
	if sniff {
		// Sniffing finds HTML, text and PDF; a .docx sniffs as a zip and
		// must be sent under its own type.
		mediaType, charset = parseContentType(http.DetectContentType(body))
		if !importable[mediaType] {
			return Page{}, notImportable(mediaType)
		}
	}
	return Page{URL: resp.Request.URL.String(), ContentType: mediaType, Charset: charset, Body: body}, nil
}

// checkRedirect re-checks every hop's URL; its address is checked when
// dialled.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opt.MaxRedirects {
		return invalid("The site redirected more than %s, so Framelens stopped following it.", framing.Plural(f.opt.MaxRedirects, "time", "times"))
	}
	if _, err := checkURL(req.URL.String()); err != nil {
		return fmt.Errorf("%w (redirect to %s)", invalid(
			"The page redirects to an address that is not a public web page, so Framelens did not follow it."), err)
	}
	return nil
}

func parseContentType(header string) (mediaType, charset string) {
	mediaType, params, err := mime.ParseMediaType(header)
	if err != nil {
		return "", ""
	}
	return mediaType, params["charset"]
}

func notImportable(mediaType string) error {
	return invalid("The address leads to a file of type %s. Framelens imports web pages, plain text, PDF and Word (.docx) documents.", mediaType)
}

func (f *Fetcher) tooLarge() error {
	return framing.FieldErrorf(framing.ETooLarge, "url",
		"The page is larger than %s, the most Framelens imports.", framing.HumanBytes(int(f.opt.MaxBytes)))
}

// explain turns a transport error into a message about the site, wrapping
// the cause (with addresses and ports) for the log only.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	var (
		appErr  *framing.Error
		dnsErr  *net.DNSError
		netErr  net.Error
		certErr *tls.CertificateVerificationError
		recErr  tls.RecordHeaderError
		alert   tls.AlertError
	)
	var user *framing.Error
	switch {
	case errors.As(err, &appErr):
		return err
	case ctx.Err() != nil:
		return fmt.Errorf("fetch: %w", ctx.Err())
	case errors.Is(err, errNotPublic):
		user = invalid("The address is not public. Framelens only fetches pages from public websites.")
	case errors.Is(err, errPortNotAllowed):
		user = invalid("Framelens only fetches pages from the usual web ports (80 for http, 443 for https).")
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		user = invalid("The site took longer than %s to answer. Try again later.", humanDuration(f.opt.Timeout))
	case errors.As(err, &dnsErr):
		user = invalid("Framelens could not find the site %s. Check the address for typos.",
			strings.TrimSuffix(dnsErr.Name, "."))
	case errors.Is(err, syscall.ECONNREFUSED):
		user = invalid("The site refused the connection. It may be down; try again later.")
	case errors.As(err, &certErr), errors.As(err, &recErr), errors.As(err, &alert):
		user = invalid("The site's secure connection (https) could not be verified, so Framelens did not fetch the page.")
	default:
		user = invalid("Framelens could not read the page from the site. Try again later.")
	}
	return fmt.Errorf("%w (%w)", user, err)
}

func humanDuration(d time.Duration) string {
	if d >= time.Second && d%time.Second == 0 {
		return framing.Plural(int(d/time.Second), "second", "seconds")
	}
	return d.String()
}
