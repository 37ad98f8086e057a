package handlers

import (
	"github.com/labstack/echo/v4"

	"framelens/framing"
)

// userKey is where loadUser keeps the logged-in user in echo's context.
const userKey = "framelens.user"

// currentUser is the logged-in user of the request, or nil. Authorization
// reads it here; pages get it as a field of their view model.
func currentUser(c echo.Context) *framing.User {
	u, _ := c.Get(userKey).(*framing.User)
	return u
}
