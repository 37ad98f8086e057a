package handlers

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/throttle"
)

// Without a login, each address may create createdArticlesBurst articles
// in a row and one more every createdArticlesRefill (60 in ten minutes: a
// class of 30 sharing a school's address, each pasting two), and
// createdEventsBurst events, one more every createdEventsRefill. A
// logged-in teacher or researcher is not limited; the bulk import needs a
// login and is held by the cap on articles per event instead.
const (
	createdArticlesBurst  = 60
	createdArticlesRefill = 10 * time.Second
	createdEventsBurst    = 20
	createdEventsRefill   = 30 * time.Second
)

// limitCreated refuses an anonymous request to create something with 429
// and Retry-After once its address has created as many as l allows; only
// what was created (an answer below 400) counts.
func limitCreated(l *throttle.Limiter, what string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if currentUser(c) != nil {
				return next(c)
			}
			address := addressKey(c.RealIP())
			if wait := l.Wait(address); wait > 0 {
				c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
				return framing.Errorf(framing.ETooMany,
					"Too many %s were added from this address in the last minutes. Wait %s, then try again, or log in.", what, waitWords(wait))
			}
			err := next(c)
			if err == nil && c.Response().Status < http.StatusBadRequest {
				l.Fail(address) // spends one of the address's allowance
			}
			return err
		}
	}
}
