package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"framelens/auth"
	"framelens/framing"
)

const testPassword = "correct horse battery"

func createUser(t *testing.T, st testStore, username string) {
	t.Helper()
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(context.Background(), username, hash, framing.RoleTeacher); err != nil {
		t.Fatal(err)
	}
}

func postForm(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func logIn(t *testing.T, srvURL string, c *http.Client, username string) {
	t.Helper()
	resp, body := postForm(t, c, srvURL+"/login", url.Values{"username": {username}, "password": {testPassword}, "next": {"/lexicons"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/lexicons" {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
}

func TestFirstVisitWithoutAccountsOffersOneTimeSetup(t *testing.T) {
	srv, _ := newSeededServer(t)
	c := newBrowser(t)
	resp, _ := get(t, c, srv.URL+"/login")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/setup" {
		t.Fatalf("/login without accounts: %d to %q, want /setup", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body := postForm(t, c, srv.URL+"/setup", url.Values{"username": {"admin"}, "password": {"short"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "at least 10 characters") || !strings.Contains(body, `value="admin"`) {
		t.Fatalf("setup with a short password: %d, body keeps username: %v", resp.StatusCode, strings.Contains(body, `value="admin"`))
	}
	resp, _ = postForm(t, c, srv.URL+"/setup", url.Values{"username": {"admin"}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setup: %d", resp.StatusCode)
	}
	_, body = get(t, c, srv.URL+"/lexicons")
	if !strings.Contains(body, "Log out") || !strings.Contains(body, "admin") {
		t.Error("after setup the admin is not logged in")
	}
	for _, method := range []string{"GET", "POST"} {
		req, _ := http.NewRequest(method, srv.URL+"/setup", strings.NewReader("username=evil&password=evilevilevil"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode != http.StatusNotFound {
			t.Errorf("%s /setup after setup: %d, want 404", method, r.StatusCode)
		}
	}
}

func TestLoginSetsAProtectedCookieAndLogoutEndsTheSession(t *testing.T) {
	srv, st := newSeededServer(t)
	createUser(t, st, "teacher")
	c := newBrowser(t)

	resp, body := postForm(t, c, srv.URL+"/login", url.Values{"username": {"teacher"}, "password": {"wrong password"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "username or password is wrong") || !strings.Contains(body, `value="teacher"`) {
		t.Errorf("wrong password: %d", resp.StatusCode)
	}
	resp2, body2 := postForm(t, c, srv.URL+"/login", url.Values{"username": {"nobody"}, "password": {"wrong password"}})
	if resp2.StatusCode != resp.StatusCode || !strings.Contains(body2, "username or password is wrong") {
		t.Error("an unknown user gets a different answer from a wrong password")
	}

	resp, _ = postForm(t, c, srv.URL+"/login", url.Values{"username": {"Teacher"}, "password": {testPassword}, "next": {"https://evil.example/x"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/x" {
		t.Errorf("login redirect: %d to %q, want a local /x", resp.StatusCode, resp.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "framelens_session" {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
		t.Fatalf("session cookie %+v", session)
	}
	_, body = get(t, c, srv.URL+"/")
	if !strings.Contains(body, "Log out") {
		t.Error("logged-in page shows no log out")
	}
	resp, _ = postForm(t, c, srv.URL+"/logout", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	// The old token is dead even if someone kept it.
	req, _ := http.NewRequest("GET", srv.URL+"/lexicons/1/concepts/new", nil)
	req.AddCookie(&http.Cookie{Name: "framelens_session", Value: session.Value})
	r, err := newBrowser(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
		t.Errorf("a logged-out token still works: %d", r.StatusCode)
	}
}

func TestAPILoginAndLogout(t *testing.T) {
	srv, st := newSeededServer(t)
	createUser(t, st, "teacher")
	resp, data := postJSON(t, srv.URL+"/api/login", `{"username":"teacher","password":"nope nope nope"}`)
	var e struct{ Error string }
	json.Unmarshal(data, &e)
	if resp.StatusCode != http.StatusUnauthorized || e.Error == "" {
		t.Errorf("wrong password: %d %s", resp.StatusCode, data)
	}
	resp, data = postJSON(t, srv.URL+"/api/login", `{"username":"teacher","password":"`+testPassword+`"}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), `"role":"teacher"`) {
		t.Fatalf("login: %d %s", resp.StatusCode, data)
	}
	if len(resp.Cookies()) == 0 || !resp.Cookies()[0].HttpOnly {
		t.Error("API login sets no HttpOnly cookie")
	}
	resp, _ = postJSON(t, srv.URL+"/api/logout", ``)
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("logout: %d", resp.StatusCode)
	}
}

// Every route that changes a lexicon refuses visitors who are not logged
// in: pages send them to the login form, and nothing changes.
func TestEveryLexiconWriteRouteNeedsALogin(t *testing.T) {
	srv, st := newSeededServer(t)
	before, err := st.LexiconKey(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	routes := []struct{ method, path string }{
		{"GET", "/lexicons/2/concepts/new"},
		{"POST", "/lexicons/2/concepts"},
		{"GET", "/lexicons/2/concepts/3"},
		{"POST", "/lexicons/2/concepts/3"},
		{"POST", "/lexicons/2/concepts/3/delete"},
		{"GET", "/lexicons/2/concepts/3/terms/new"},
		{"POST", "/lexicons/2/concepts/3/terms"},
		{"GET", "/lexicons/2/terms/10"},
		{"POST", "/lexicons/2/terms/10"},
		{"POST", "/lexicons/2/terms/10/delete"},
	}
	c := newBrowser(t)
	for _, r := range routes {
		req, _ := http.NewRequest(r.method, srv.URL+r.path, strings.NewReader("name=X&phrase=Y&note=Z&language=en&source_url=https://example.org"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Errorf("%s %s without login: %d to %q", r.method, r.path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	after, _ := st.LexiconKey(context.Background())
	if after != before {
		t.Errorf("lexicons changed without a login: %s → %s", before, after)
	}
}

func TestAnAdminAddsATeacherWhoCanLogInButNotManageAccounts(t *testing.T) {
	srv, st := newSeededServer(t)
	hash, _ := auth.HashPassword(testPassword)
	if _, err := st.CreateUser(context.Background(), "boss", hash, framing.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	anon := newBrowser(t)
	if resp, _ := get(t, anon, srv.URL+"/admin/users"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous /admin/users: %d", resp.StatusCode)
	}
	admin := newBrowser(t)
	logIn(t, srv.URL, admin, "boss")
	resp, body := get(t, admin, srv.URL+"/admin/users")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "boss") {
		t.Fatalf("admin page: %d", resp.StatusCode)
	}
	resp, _ = postForm(t, admin, srv.URL+"/admin/users", url.Values{"username": {"ms-lee"}, "password": {testPassword}, "role": {"teacher"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add teacher: %d", resp.StatusCode)
	}
	resp, body = postForm(t, admin, srv.URL+"/admin/users", url.Values{"username": {"MS-LEE"}, "password": {testPassword}, "role": {"teacher"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "is taken") || !strings.Contains(body, `value="MS-LEE"`) {
		t.Errorf("duplicate username: %d", resp.StatusCode)
	}
	teacher := newBrowser(t)
	logIn(t, srv.URL, teacher, "ms-lee")
	resp, body = get(t, teacher, srv.URL+"/admin/users")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Only an admin") {
		t.Errorf("teacher on /admin/users: %d", resp.StatusCode)
	}
	if resp, _ := postForm(t, teacher, srv.URL+"/admin/users", url.Values{"username": {"x1"}, "password": {testPassword}, "role": {"admin"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("teacher adding an admin: %d", resp.StatusCode)
	}
}

func TestRepeatedFailedLoginsAreSlowedDownWithoutTellingWhichAccountsExist(t *testing.T) {
	ts := newTestServer(t)
	ts.addAccount("teacher", "teacher")
	login := func(username, password string) reply {
		return ts.postJSON("/api/login", `{"username":"`+username+`","password":"`+password+`"}`)
	}
	for range 8 {
		login("teacher", "wrong password").wantStatus(http.StatusUnauthorized)
		login("nobody", "wrong password").wantStatus(http.StatusUnauthorized)
	}
	r := login("teacher", accountPassword)
	e := r.wantAPIError(http.StatusTooManyRequests, "")
	if r.Header.Get("Retry-After") == "" || !strings.Contains(e.Error, "Wait") {
		t.Errorf("429 without a wait: Retry-After %q, %q", r.Header.Get("Retry-After"), e.Error)
	}
	// An account that does not exist is limited the same way, and the
	// form says the same.
	doc := ts.postForm("/login", url.Values{"username": {"nobody"}, "password": {"x"}, "next": {"/"}}).
		wantStatus(http.StatusTooManyRequests).doc()
	if !strings.Contains(doc.Text(), "Too many failed logins") {
		t.Error("the login form does not say why it refused")
	}
	// Spoofed forwarding headers do not buy new attempts.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/login", strings.NewReader(`{"username":"teacher","password":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", "203.0.113.9")
	ts.send(req).wantStatus(http.StatusTooManyRequests)
}

// fromAddress is the server seen from a browser on another loopback
// address (Linux answers on all of 127.0.0.0/8).
func (ts *testServer) fromAddress(ip string) *testServer {
	c := ts.withNewBrowser()
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	c.Client.Transport = &http.Transport{DialContext: dialer.DialContext}
	c.t.Cleanup(c.Client.CloseIdleConnections)
	return c
}

// Nine wrong passwords for an account from one address do not keep its
// owner out from another; an address that tries many accounts is slowed
// down across them.
func TestFailedLoginsFromOneAddressDoNotLockTheAccountOutElsewhere(t *testing.T) {
	ts := newTestServer(t)
	ts.addAccount("teacherb", "teacher")
	attacker, owner := ts.fromAddress("127.0.0.3"), ts.fromAddress("127.0.0.2")
	login := func(from *testServer, username, password string) reply {
		return from.postJSON("/api/login", `{"username":"`+username+`","password":"`+password+`"}`)
	}
	for range 9 {
		login(attacker, "teacherb", "wrong password")
	}
	login(attacker, "teacherb", accountPassword).wantStatus(http.StatusTooManyRequests)
	login(owner, "teacherb", accountPassword).wantStatus(http.StatusOK)

	sprayer := ts.fromAddress("127.0.0.4")
	for i := range 30 {
		login(sprayer, "user"+strconv.Itoa(i), "wrong password").wantStatus(http.StatusUnauthorized)
	}
	login(sprayer, "teacherb", accountPassword).wantStatus(http.StatusTooManyRequests)
}

func TestLoggingInAgainReplacesTheSessionAndLoggingOutEndsIt(t *testing.T) {
	ts := newTestServer(t)
	user := ts.loggedInAs("teacher", "teacher")
	u, _ := url.Parse(ts.URL)
	first := user.Client.Jar.Cookies(u)
	user.postJSON("/api/login", `{"username":"teacher","password":"`+accountPassword+`"}`).wantStatus(http.StatusOK)
	second := user.Client.Jar.Cookies(u)
	if len(first) == 0 || len(second) == 0 || first[0].Value == second[0].Value {
		t.Fatal("a new login kept the old session token")
	}
	replay := ts.withNewBrowser()
	replay.Client.Jar.SetCookies(u, first)
	replay.postJSON("/api/lexicons/import", `{}`).wantStatus(http.StatusUnauthorized)
	user.postJSON("/api/logout", ``).wantStatus(http.StatusNoContent)
	after := ts.withNewBrowser()
	after.Client.Jar.SetCookies(u, second)
	after.postJSON("/api/lexicons/import", `{}`).wantStatus(http.StatusUnauthorized)
}
