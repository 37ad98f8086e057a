package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"framelens/auth"
	"framelens/framing"
	"framelens/views"
)

const (
	sessionCookie   = "framelens_session"
	sessionLifetime = 7 * 24 * time.Hour
)

// loadUser finds the user of the session cookie, if any, and keeps it in
// echo's context (currentUser). A stale cookie is cleared.
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		cookie, err := c.Cookie(sessionCookie)
		if err != nil || cookie.Value == "" {
			return next(c)
		}
		u, err := s.store.SessionUser(c.Request().Context(), auth.TokenHash(cookie.Value))
		switch {
		case framing.ErrorCode(err) == framing.EUnauthorized:
			s.clearSessionCookie(c)
		case err != nil:
			return err
		default:
			c.Set(userKey, &u)
		}
		return next(c)
	}
}

// requireUser lets only logged-in users through: the API answers 401, a
// page sends the person to the login form and back.
func requireUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if currentUser(c) != nil {
			return next(c)
		}
		if wantsJSON(c) {
			return framing.Errorf(framing.EUnauthorized, "Log in to make changes.")
		}
		target := c.Request().URL.RequestURI()
		if c.Request().Method != http.MethodGet {
			target = c.Request().Referer()
		}
		return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(localPath(target)))
	}
}

// localPath keeps a redirect target on this site: only its path and query
// survive, and paths a browser would read as another host ("//x", "/\x")
// become "/".
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	out := u.EscapedPath()
	if u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	if strings.HasPrefix(out, "//") || strings.HasPrefix(out, "/\\") || strings.HasPrefix(out, "/%5C") {
		return "/"
	}
	return out
}

// takeLogin spends one login attempt of the address and one of the
// account from it, or neither, and says how long to wait when either has
// none left.
func (s *Server) takeLogin(ctx context.Context, byAddress, byAccount string) (time.Duration, error) {
	wait, err := s.loginIPs.Take(ctx, byAddress)
	if err != nil {
		return 0, fmt.Errorf("count a login attempt: %w", err)
	}
	if wait > 0 {
		return wait, nil
	}
	wait, err = s.logins.Take(ctx, byAccount)
	if err == nil && wait == 0 {
		return 0, nil
	}
	if err = errors.Join(err, s.loginIPs.Give(ctx, byAddress)); err != nil {
		return 0, fmt.Errorf("count a login attempt: %w", err)
	}
	return wait, nil
}

// errBadLogin is one message for an unknown user and a wrong password, so
// the answer does not tell which usernames exist.
var errBadLogin = framing.Errorf(framing.EUnauthorized, "The username or password is wrong.")

// logIn checks a username and password and starts a session.
func (s *Server) logIn(c echo.Context, username, password string) (framing.User, error) {
	ctx := c.Request().Context()
	// Guessing is slowed per account from one address and per address,
	// whether the account exists or not, so the limit tells nothing about
	// accounts, and failures from elsewhere never lock the account's owner out.
	address := addressKey(c.RealIP())
	byAddress, byAccount := address, address+" "+strings.ToLower(strings.TrimSpace(username))
	// An attempt is spent before the password is checked, so that guesses
	// sent at once, to any instance, are counted at once; a correct
	// password gives it back.
	wait, err := s.takeLogin(ctx, byAddress, byAccount)
	if err != nil {
		return framing.User{}, err
	}
	if wait > 0 {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())))
		return framing.User{}, framing.Errorf(framing.ETooMany,
			"Too many failed logins. Wait %s, then try again.", waitWords(wait))
	}
	u, hash, err := s.store.UserForLogin(ctx, strings.TrimSpace(username))
	if framing.ErrorCode(err) == framing.ENotFound {
		auth.DummyCheck(password)
		return framing.User{}, errBadLogin
	}
	if err != nil { // not the person's failure: the attempt does not count
		return u, errors.Join(err, s.logins.Give(ctx, byAccount), s.loginIPs.Give(ctx, byAddress))
	}
	if !auth.CheckPassword(hash, password) {
		return framing.User{}, errBadLogin
	}
	if err := errors.Join(s.logins.Reset(ctx, byAccount), s.loginIPs.Give(ctx, byAddress)); err != nil {
		return u, fmt.Errorf("count a login: %w", err)
	}
	// A new login gets a new session: a token planted or seen before the
	// login is worth nothing after it.
	if old, err := c.Cookie(sessionCookie); err == nil && old.Value != "" {
		if err := s.store.DeleteSession(ctx, auth.TokenHash(old.Value)); err != nil {
			return u, err
		}
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return u, err
	}
	if err := s.store.CreateSession(ctx, u.ID, tokenHash, time.Now().Add(sessionLifetime)); err != nil {
		return u, err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: c.Scheme() == "https", Expires: time.Now().Add(sessionLifetime),
	})
	return u, nil
}

func (s *Server) logOut(c echo.Context) error {
	if cookie, err := c.Cookie(sessionCookie); err == nil && cookie.Value != "" {
		if err := s.store.DeleteSession(c.Request().Context(), auth.TokenHash(cookie.Value)); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	return nil
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: c.Scheme() == "https", MaxAge: -1})
}

func (s *Server) loginPage(c echo.Context) error {
	n, err := s.store.CountUsers(c.Request().Context())
	if err != nil {
		return err
	}
	if n == 0 {
		return c.Redirect(http.StatusSeeOther, "/setup")
	}
	return render(c, http.StatusOK, views.LoginPage(views.LoginForm{User: currentUser(c), Next: localPath(c.QueryParam("next"))}))
}

func (s *Server) loginForm(c echo.Context) error {
	username, next := c.FormValue("username"), localPath(c.FormValue("next"))
	_, err := s.logIn(c, username, c.FormValue("password"))
	if errors.Is(err, errBadLogin) || framing.ErrorCode(err) == framing.ETooMany {
		status, _, _ := statusOf(err)
		return render(c, status, views.LoginPage(views.LoginForm{User: currentUser(c), Username: username, Next: next, Error: framing.ErrorMessage(err)}))
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) logoutForm(c echo.Context) error {
	if err := s.logOut(c); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/")
}

// setupPage creates the first admin account; once any account exists it is
// gone.
func (s *Server) setupPage(c echo.Context) error {
	ctx := c.Request().Context()
	n, err := s.store.CountUsers(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return echo.ErrNotFound
	}
	if c.Request().Method == http.MethodGet {
		return render(c, http.StatusOK, views.SetupPage(views.SetupForm{User: currentUser(c)}))
	}
	username, password := c.FormValue("username"), c.FormValue("password")
	in, hash, err := auth.PrepareAccount(framing.NewAccount{Username: username, Password: password, Role: framing.RoleAdmin})
	if err == nil {
		_, err = s.store.CreateUser(ctx, in.Username, hash, in.Role)
	}
	if err != nil {
		return refusal(c, err, func(errs views.FieldErrors) templ.Component {
			return views.SetupPage(views.SetupForm{User: currentUser(c), Username: username, Errors: errs})
		})
	}
	if _, err := s.logIn(c, in.Username, password); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/lexicons")
}

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func (s *Server) apiLogin(c echo.Context) error {
	var req loginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u, err := s.logIn(c, req.Username, req.Password)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"username": u.Username, "role": u.Role})
}

func (s *Server) apiLogout(c echo.Context) error {
	if err := s.logOut(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// waitWords says a wait for a person: "a minute", "40 seconds".
func waitWords(d time.Duration) string {
	switch secs := int(d.Seconds()); {
	case secs <= 1:
		return "a second"
	case secs < 60:
		return framing.Plural(secs, "second", "seconds")
	case secs < 120:
		return "a minute"
	default:
		return framing.Plural((secs+59)/60, "minute", "minutes")
	}
}
