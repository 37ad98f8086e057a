package handlers

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/netip"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"framelens/framing"
	"framelens/static"
)

// logRequests writes one line per request: method, path, status, duration
// and the request id that error pages show.
func (s *Server) logRequests() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod:    true,
		LogURIPath:   true,
		LogStatus:    true,
		LogLatency:   true,
		LogRequestID: true,
		HandleError:  true, // run the error handler first so the status is final
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			if v.Status >= 500 && c.Request().Context().Err() != nil {
				v.Status = statusClientClosed // the client left; the server did not fail
			}
			s.log.LogAttrs(context.Background(), slog.LevelInfo, "request",
				slog.String("method", v.Method),
				slog.String("path", v.URIPath),
				slog.Int("status", v.Status),
				slog.Duration("duration", v.Latency),
				slog.String("request_id", v.RequestID),
			)
			return nil
		},
	})
}

func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Frame-Options", "DENY") // frame-ancestors for browsers that predate it
		if c.Scheme() == "https" {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

// crossOrigin is the standard library's protection against cross-site
// request forgery: a browser marks every request with where it comes from
// (Sec-Fetch-Site, or Origin), and a write that comes from another site is
// refused. It covers every form and every cookie-authenticated API call
// at once, with no token to forget in a form; requests from scripts and
// curl, which carry no cookie of a victim, pass. The session cookies are
// SameSite=Lax as well.
var crossOrigin = http.NewCrossOriginProtection()

func refuseCrossOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := crossOrigin.Check(c.Request()); err != nil {
			return framing.Errorf(framing.EForbidden, "This was sent from another website, so it was refused. Open the page on this site and send it from there.")
		}
		return next(c)
	}
}

// serveStatic serves an embedded file. A request that names the current
// version may be cached for good; the URL changes with the content.
func serveStatic(c echo.Context) error {
	name := c.Param("*")
	if strings.Contains(name, "/") || !static.Has(name) {
		return echo.ErrNotFound
	}
	if c.QueryParam("v") == static.Version(name) {
		c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Response().Header().Set("Cache-Control", "no-cache")
	}
	h := c.Response().Header()
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	if acceptsGzip(c.Request().Header.Get(echo.HeaderAcceptEncoding)) {
		h.Set(echo.HeaderContentEncoding, "gzip")
		contentType := mime.TypeByExtension(path.Ext(name))
		if contentType == "" {
			contentType = echo.MIMEOctetStream
		}
		return c.Blob(http.StatusOK, contentType, static.Gzipped(name))
	}
	http.ServeFileFS(c.Response(), c.Request(), static.FS, name)
	return nil
}

// headAsGet serves a HEAD request as the GET it asks about, without the
// body: Echo v4 routes on the original request's method, so this wraps
// the whole application.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		get := r.Clone(r.Context())
		get.Method = http.MethodGet
		next.ServeHTTP(headersOnly{w}, get)
	})
}

// headersOnly passes headers and status through and drops the body.
type headersOnly struct{ http.ResponseWriter }

func (h headersOnly) Write(b []byte) (int, error) { return len(b), nil }

// parseForms reads a posted form before the handler does, so that a form
// over the size limit is answered 413 instead of reaching the handler
// empty (Echo's FormValue drops the parse error).
func parseForms(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodPost {
			return next(c)
		}
		var err error
		switch ct := r.Header.Get(echo.HeaderContentType); {
		case strings.HasPrefix(ct, echo.MIMEApplicationForm):
			err = r.ParseForm()
		case strings.HasPrefix(ct, echo.MIMEMultipartForm):
			err = r.ParseMultipartForm(MaxRequestBytes)
		}
		// Echo's body limit reports itself as an HTTP error; net/http's as
		// a MaxBytesError.
		var limit *echo.HTTPError
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &limit):
			return limit
		case errors.As(err, &tooBig):
			return echo.ErrStatusRequestEntityTooLarge
		case err != nil:
			return &badRequest{msg: "The form could not be read; send it again."}
		}
		return next(c)
	}
}

// addressKey is who a rate limit counts a request against: an IPv4
// address, or the /64 network of an IPv6 one, since a single home or school
// line is given a whole /64 and could otherwise try each of its addresses
// in turn.
func addressKey(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil || addr.Unmap().Is4() {
		return ip
	}
	return netip.PrefixFrom(addr, 64).Masked().String()
}
