package handlers

import (
	"context"
	"errors"
	"fmt"
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

// Limiter counts attempts per key, so that guessing and flooding are
// slowed down: throttle.Limiter in this process (SQLite, one instance),
// pgstore.Throttle across the instances of one database.
type Limiter interface {
	// Take spends one of key's attempts and returns zero, or, when none
	// is left, returns how long to wait.
	Take(ctx context.Context, key string) (time.Duration, error)
	// Give returns an attempt that turned out not to count.
	Give(ctx context.Context, key string) error
	// Reset gives key its whole allowance back.
	Reset(ctx context.Context, key string) error
}

// NewLimiter makes the limiter called name that allows burst attempts in
// a row and one more every every.
type NewLimiter func(name string, burst int, every time.Duration) Limiter

func inProcessLimiter(_ string, burst int, every time.Duration) Limiter {
	return throttle.New(burst, every)
}

// limitCreated refuses an anonymous request to create something with 429
// and Retry-After once its address has created as many as l allows; only
// what was created (an answer below 400) counts: a refused request gives
// its attempt back.
func limitCreated(l Limiter, what string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx := c.Request().Context()
			if currentUser(c) != nil {
				return next(c)
			}
			address := addressKey(c.RealIP())
			wait, err := l.Take(ctx, address)
			if err != nil {
				return fmt.Errorf("limit %s created: %w", what, err)
			}
			if wait > 0 {
				c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
				return framing.Errorf(framing.ETooMany,
					"Too many %s were added from this address in the last minutes. Wait %s, then try again, or log in.", what, waitWords(wait))
			}
			err = next(c)
			if err != nil || c.Response().Status >= http.StatusBadRequest {
				if gerr := l.Give(context.WithoutCancel(ctx), address); gerr != nil {
					return errors.Join(err, fmt.Errorf("limit %s created: %w", what, gerr))
				}
			}
			return err
		}
	}
}
