package handlers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/framing/textstat"
	"framelens/views"
)

// badRequest is input the server cannot read at all (malformed JSON, a body
// that is not UTF-8); input it can read but not accept is a framing error.
type badRequest struct {
	msg   string
	field string
}

func (e *badRequest) Error() string { return e.msg }

var codeStatus = map[string]int{
	framing.EInvalid:      http.StatusUnprocessableEntity,
	framing.ENotFound:     http.StatusNotFound,
	framing.EConflict:     http.StatusConflict,
	framing.ETooLarge:     http.StatusRequestEntityTooLarge,
	framing.EUnauthorized: http.StatusUnauthorized,
	framing.EForbidden:    http.StatusForbidden,
	framing.ETooMany:      http.StatusTooManyRequests,
	framing.EFull:         http.StatusInsufficientStorage,
	framing.EReadOnly:     http.StatusServiceUnavailable,
	framing.EBusy:         http.StatusServiceUnavailable,
}

// busyRetrySeconds is the Retry-After of an answer refused because the
// server is doing as much heavy work as it may (EBusy).
const busyRetrySeconds = 5

// statusClientClosed is nginx's name for a request whose client left
// before the answer: no error of the server's, and no answer to write.
const statusClientClosed = 499

// clientGone is whether err comes from the request's client having left
// (its context ended) rather than from the server.
func clientGone(c echo.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(c.Request().Context().Err(), context.Canceled)
}

// statusOf maps an error to its HTTP status, message safe to show, and the
// field it concerns. It is the one place where error kinds become statuses.
func statusOf(err error) (status int, msg, field string) {
	var br *badRequest
	if errors.As(err, &br) {
		return http.StatusBadRequest, br.msg, br.field
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return he.Code, httpErrorMessage(he), ""
	}
	var fe *framing.Error
	if errors.As(err, &fe) {
		if status, ok := codeStatus[fe.Code]; ok {
			return status, framing.ErrorMessage(fe), fe.Field()
		}
	}
	return http.StatusInternalServerError, framing.ErrorMessage(nil), ""
}

func httpErrorMessage(he *echo.HTTPError) string {
	switch he.Code {
	case http.StatusNotFound:
		return "There is no page at this address."
	case http.StatusMethodNotAllowed:
		return "This address does not accept that kind of request."
	case http.StatusRequestEntityTooLarge:
		return fmt.Sprintf("The request is larger than %s, the most Framelens accepts at once.", framing.HumanBytes(MaxRequestBytes))
	}
	if msg, ok := he.Message.(string); ok && he.Code < 500 {
		return msg
	}
	return http.StatusText(he.Code)
}

// handleError is Echo's error handler: JSON for the API, an error page for
// people. Internal details go to the log with the request id, never out.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if clientGone(c, err) {
		// Nobody is there to read an answer; the log says 499.
		c.Response().Status = statusClientClosed
		return
	}
	status, msg, field := statusOf(err)
	reqID := c.Response().Header().Get(echo.HeaderXRequestID)
	fault := storageFault(err)
	if fault {
		c.Response().Header().Set("Retry-After", "60")
	}
	if framing.ErrorCode(err) == framing.EBusy {
		c.Response().Header().Set("Retry-After", strconv.Itoa(busyRetrySeconds))
	}
	if status >= 500 && framing.ErrorCode(err) != framing.EBusy { // busy is the server keeping its bounds
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path,
			"request_id", reqID, "err", err)
	}

	var werr error
	switch {
	case c.Request().Method == http.MethodHead:
		werr = c.NoContent(status)
	case wantsJSON(c):
		werr = c.JSON(status, apiErrorOf(err, msg, field))
	default:
		if fault {
			// The refused write came from a form (nothing in it is wrong): the
			// browser's Back button returns to it as it was typed.
			msg += " Go back to the form with your browser's Back button: what you typed is still there."
		}
		werr = render(c, status, views.ErrorPage(views.ErrorView{User: currentUser(c),
			Status: status, Title: errorTitle(status, err), Message: msg, RequestID: reqID,
		}))
	}
	if werr != nil {
		s.log.Error("write error response", "request_id", reqID, "err", werr)
	}
}

// apiErrorOf is the JSON body of an error; a near-duplicate refusal also
// names the article and the similarity, rounded down like the message,
// and a bulk import that stopped part way gives its report.
func apiErrorOf(err error, msg, field string) apiError {
	body := apiError{Error: msg, Field: field}
	var nd *textstat.NearDuplicateError
	if errors.As(err, &nd) {
		body.DuplicateOf = nd.Article.ID
		body.Similarity = math.Floor(nd.Similarity*100) / 100
	}
	var stopped *importStopped
	if errors.As(err, &stopped) {
		body.importReportJSON = toImportReportJSON(stopped.report)
	}
	return body
}

func wantsJSON(c echo.Context) bool {
	p := c.Request().URL.Path
	return strings.HasPrefix(p, "/api/") || p == "/healthz"
}

// storageFault is whether the database could not be written (full, or
// read-only): the request was fine and may be sent again later.
func storageFault(err error) bool {
	code := framing.ErrorCode(err)
	return code == framing.EFull || code == framing.EReadOnly
}

func errorTitle(status int, err error) string {
	switch framing.ErrorCode(err) {
	case framing.EFull:
		return "The database is full"
	case framing.EReadOnly:
		return "The database is read-only"
	case framing.EBusy:
		return "Busy"
	}
	switch status {
	case http.StatusNotFound:
		return "Not found"
	case http.StatusRequestEntityTooLarge:
		return "Too large"
	case http.StatusConflict:
		return "Already there"
	case http.StatusForbidden:
		return "Not allowed"
	}
	if status >= 500 {
		return "Something went wrong"
	}
	return "That did not work"
}
