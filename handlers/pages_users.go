package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"framelens/auth"
	"framelens/framing"
	"framelens/views"
)

// requireAdmin lets only admins through; it runs after requireUser.
func requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if u := currentUser(c); u == nil || u.Role != framing.RoleAdmin {
			return framing.Errorf(framing.EForbidden, "Only an admin can manage accounts.")
		}
		return next(c)
	}
}

func (s *Server) usersPage(c echo.Context) error {
	return s.renderUsers(c, http.StatusOK, views.UsersView{Notice: map[string]string{"1": "Account added."}[c.QueryParam("added")]})
}

func (s *Server) renderUsers(c echo.Context, status int, v views.UsersView) error {
	users, err := s.store.Users(c.Request().Context())
	if err != nil {
		return err
	}
	v.Users, v.User = users, currentUser(c)
	return render(c, status, views.UsersPage(v))
}

func (s *Server) createUserForm(c echo.Context) error {
	username, role := c.FormValue("username"), c.FormValue("role")
	in, hash, err := auth.PrepareAccount(framing.NewAccount{Username: username, Password: c.FormValue("password"), Role: role})
	if err == nil {
		_, err = s.store.CreateUser(c.Request().Context(), in.Username, hash, in.Role)
	}
	if errs, ok := views.FieldErrorsFrom(err); ok {
		status, _, _ := statusOf(err)
		return s.renderUsers(c, status, views.UsersView{Username: username, Role: role, Errors: errs})
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/users?added=1")
}
