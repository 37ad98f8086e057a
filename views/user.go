package views

import (
	"context"

	"framelens/framing"
)

type userKey struct{}

// WithUser records the logged-in user for the pages rendered with ctx.
func WithUser(ctx context.Context, u *framing.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// CurrentUser is the logged-in user, or nil.
func CurrentUser(ctx context.Context) *framing.User {
	u, _ := ctx.Value(userKey{}).(*framing.User)
	return u
}
