package handlers

import (
	"fmt"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/framing"
	"framelens/views"
)

func (s *Server) outletsPage(c echo.Context) error {
	ctx := c.Request().Context()
	outlets, err := s.store.Outlets(ctx)
	if err != nil {
		return err
	}
	v := views.OutletsView{User: currentUser(c), Outlets: outlets, CanEdit: currentUser(c) != nil}
	if c.QueryParam("saved") == "outlet" {
		v.Notice = "Outlet saved."
	}
	return render(c, http.StatusOK, views.OutletsPage(v))
}

func (s *Server) outletParam(c echo.Context) (framing.Outlet, error) {
	id, err := idParam(c, "oid", "outlet")
	if err != nil {
		return framing.Outlet{}, err
	}
	return s.store.Outlet(c.Request().Context(), id)
}

func (s *Server) editOutletPage(c echo.Context) error {
	o, err := s.outletParam(c)
	if err != nil {
		return err
	}
	in := framing.OutletInput{Country: o.Country, Language: o.Language, URL: o.URL}
	return render(c, http.StatusOK, views.OutletFormPage(views.OutletForm{User: currentUser(c), Outlet: o, Values: in}))
}

func (s *Server) updateOutletForm(c echo.Context) error {
	o, err := s.outletParam(c)
	if err != nil {
		return err
	}
	in := framing.OutletInput{Country: c.FormValue("country"), Language: c.FormValue("language"), URL: c.FormValue("url")}
	_, err = s.store.UpdateOutlet(c.Request().Context(), o.ID, in)
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.OutletFormPage(views.OutletForm{User: currentUser(c), Outlet: o, Values: in, Errors: errs})
		})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/outlets?saved=outlet#outlet-%d", o.ID))
}
