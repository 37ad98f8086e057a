package deploy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"framelens/internal/ssetest"
)

// hangBound only bounds a hang: nothing here waits for time to pass.
const hangBound = 60 * time.Second

const adminPassword = "correct horse battery"

// TestNginxServesTwoInstancesWithoutStickinessAndThroughRollingRestarts
// runs the recipe without containers on loopback: nginx with
// nginx/framelens.conf (its port changed) in front of two instances of
// the app sharing one SQLite file, which is enough to prove the proxy's
// part; PostgreSQL is the store's and pgstore's tests' business.
func TestNginxServesTwoInstancesWithoutStickinessAndThroughRollingRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: builds the app and starts nginx")
	}
	nginx := nginxPath()
	if nginx == "" {
		if os.Getenv("FRAMELENS_DEPLOY") == "1" {
			t.Fatal("FRAMELENS_DEPLOY=1 but nginx is not installed")
		}
		t.Skip("skipping: nginx is not installed (Debian's nginx; FRAMELENS_DEPLOY=1 makes this a failure)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "web")
	build := exec.Command("go", "build", "-o", bin, "./cmd/web")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "data.db")
	a := startApp(t, bin, db, "a")
	b := startApp(t, bin, db, "b") // after a: a new database is created and seeded once
	proxy := startNginx(t, nginx, dir, a.addr, b.addr)

	t.Run("health checks pass through the proxy", func(t *testing.T) {
		resp := get(t, http.DefaultClient, proxy.url+"/healthz")
		if resp.status != http.StatusOK || !strings.Contains(resp.body, `"ok"`) {
			t.Errorf("/healthz: %d %s", resp.status, resp.body)
		}
	})

	teacher := &http.Client{Jar: mustJar(t)}
	login := post(t, teacher, proxy.url+"/api/login", `{"username":"admin","password":"`+adminPassword+`"}`)
	if login.status != http.StatusOK {
		t.Fatalf("login: %d %s", login.status, login.body)
	}
	var events struct{ Events []struct{ ID int64 } }
	decode(t, get(t, teacher, proxy.url+"/api/events"), &events)
	if len(events.Events) == 0 {
		t.Fatal("no demo event")
	}
	var session struct {
		ID        int64
		Code      string
		StreamURL string `json:"stream_url"`
	}
	created := post(t, teacher, proxy.url+"/api/sessions", fmt.Sprintf(`{"event_id":%d}`, events.Events[0].ID))
	if created.status != http.StatusCreated {
		t.Fatalf("open a class session: %d %s", created.status, created.body)
	}
	decode(t, created, &session)

	t.Run("no sticky sessions: one login works on both instances", func(t *testing.T) {
		for i := range 6 {
			r := get(t, teacher, fmt.Sprintf("%s/api/sessions/%d?n=%d", proxy.url, session.ID, i))
			if r.status != http.StatusOK {
				t.Fatalf("request %d: %d %s", i, r.status, r.body)
			}
		}
		served := proxy.servedBy(t, fmt.Sprintf("/api/sessions/%d?n=", session.ID))
		if !served[a.addr] || !served[b.addr] {
			t.Errorf("the teacher's requests reached %v, want both instances %s and %s", served, a.addr, b.addr)
		}
	})

	t.Run("class streams pass through unbuffered", func(t *testing.T) {
		// Round robin puts one stream on each instance. A student joins
		// on each instance directly; each instance tells its own stream
		// (without PostgreSQL the instances do not tell each other), and
		// each stream's event must come through nginx at once.
		s1 := openStream(t, teacher, proxy.url+session.StreamURL)
		s2 := openStream(t, teacher, proxy.url+session.StreamURL)
		for _, s := range []<-chan string{s1, s2} {
			if first := next(t, s); !strings.Contains(first, `"phase"`) {
				t.Fatalf("first event %q", first)
			}
		}
		for i, inst := range []*app{a, b} {
			j := post(t, http.DefaultClient, inst.url+"/api/join", fmt.Sprintf(`{"code":%q,"nickname":"Student %d"}`, session.Code, i))
			if j.status >= 300 {
				t.Fatalf("join on %s: %d %s", inst.addr, j.status, j.body)
			}
		}
		for _, s := range []<-chan string{s1, s2} {
			if ev := next(t, s); !strings.Contains(ev, `"students":`) {
				t.Errorf("event after a join: %q", ev)
			}
		}
	})

	t.Run("graceful restarts one instance at a time lose no request", func(t *testing.T) {
		var ok, failed atomic.Int64
		var failures sync.Map
		stop := make(chan struct{})
		var load sync.WaitGroup
		for w := range 4 {
			load.Go(func() {
				c := &http.Client{Timeout: hangBound}
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					var r response
					if i%2 == 0 {
						r = get(t, c, proxy.url+"/")
					} else {
						r = post(t, c, proxy.url+"/api/analyze", `{"text":"Protesters clashed with police."}`)
					}
					if r.status == http.StatusOK {
						ok.Add(1)
					} else {
						failed.Add(1)
						failures.Store(fmt.Sprintf("%d/%d", w, i), fmt.Sprintf("%d %.200s", r.status, r.body))
					}
				}
			})
		}
		for _, inst := range []*app{a, b} {
			inst.restart(t)
			proxy.waitRouted(t, inst.addr)
		}
		close(stop)
		load.Wait()
		failures.Range(func(k, v any) bool { t.Errorf("request %s: %s", k, v); return true })
		if ok.Load() == 0 {
			t.Error("no request was served during the restarts")
		}
		t.Logf("%d requests served during two restarts, %d failed", ok.Load(), failed.Load())
	})
}

type app struct {
	name, bin, db string
	addr, url     string
	cmd           *exec.Cmd
	log           *bytes.Buffer
}

func startApp(t *testing.T, bin, db, name string) *app {
	t.Helper()
	a := &app{name: name, bin: bin, db: db, addr: freeAddr(t)}
	a.url = "http://" + a.addr
	a.start(t)
	t.Cleanup(func() { a.stop(t) })
	return a
}

func (a *app) start(t *testing.T) {
	t.Helper()
	a.log = &bytes.Buffer{}
	a.cmd = exec.Command(a.bin, "-addr", a.addr, "-db", a.db, "-trust-proxy", "127.0.0.1")
	a.cmd.Env = append(os.Environ(), "FRAMELENS_ADMIN_PASSWORD="+adminPassword)
	a.cmd.Stdout, a.cmd.Stderr = a.log, a.log
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitHealthy(t, a.url)
}

// stop ends the instance as systemd and docker do: SIGTERM, then wait
// while it finishes the requests in flight.
func (a *app) stop(t *testing.T) {
	t.Helper()
	if a.cmd == nil || a.cmd.Process == nil {
		return
	}
	a.cmd.Process.Signal(syscall.SIGTERM)
	if err := a.cmd.Wait(); err != nil {
		t.Errorf("instance %s stopped: %v\n%s", a.name, err, a.log)
	}
	a.cmd = nil
}

func (a *app) restart(t *testing.T) {
	t.Helper()
	a.stop(t)
	a.start(t)
}

func waitHealthy(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(hangBound)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond) // polling a process that is starting
	}
	t.Fatalf("%s never became healthy", url)
}

type proxyServer struct {
	url, accessLog string
	probe          atomic.Int64
}

// startNginx runs nginx in dir with the repository's site file, its
// listening port changed, and an upstream naming the two instances.
func startNginx(t *testing.T, nginx, dir, a, b string) *proxyServer {
	t.Helper()
	site, err := os.ReadFile("nginx/framelens.conf")
	if err != nil {
		t.Fatal(err)
	}
	upstream, err := os.ReadFile("nginx/upstream-local.conf")
	if err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	site = bytes.Replace(site, []byte("listen 80;"), []byte("listen "+addr+";"), 1)
	site = bytes.Replace(site, []byte("listen [::]:80;"), nil, 1)
	upstream = bytes.Replace(upstream, []byte("127.0.0.1:8081"), []byte(a), 1)
	upstream = bytes.Replace(upstream, []byte("127.0.0.1:8082"), []byte(b), 1)
	p := &proxyServer{url: "http://" + addr, accessLog: filepath.Join(dir, "access.log")}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root root;" // workers must read the test's folders
	}
	main := fmt.Sprintf(`daemon off;
%s
worker_processes 1;
error_log %[2]s/error.log;
pid %[2]s/nginx.pid;
events { worker_connections 256; }
http {
    log_format upstreams '$upstream_addr $status $request_uri';
    access_log %[2]s/access.log upstreams;
    client_body_temp_path %[2]s/body;
    proxy_temp_path %[2]s/proxy;
    fastcgi_temp_path %[2]s/fastcgi;
    uwsgi_temp_path %[2]s/uwsgi;
    scgi_temp_path %[2]s/scgi;
    include %[2]s/upstream.conf;
    include %[2]s/framelens.conf;
}
`, user, dir)
	for name, data := range map[string][]byte{"nginx.conf": []byte(main), "upstream.conf": upstream, "framelens.conf": site} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput(); err != nil {
		t.Fatalf("nginx -t: %v\n%s", err, out)
	}
	cmd := exec.Command(nginx, "-p", dir, "-c", filepath.Join(dir, "nginx.conf"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT) // nginx's graceful stop
		cmd.Wait()
	})
	waitHealthy(t, p.url)
	return p
}

// servedBy reads which instances served the requests whose URI starts
// with prefix.
func (p *proxyServer) servedBy(t *testing.T, prefix string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(p.accessLog)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && strings.HasPrefix(f[2], prefix) {
			out[f[0]] = true
		}
	}
	return out
}

// waitRouted waits until nginx sends requests to addr again: after an
// instance is back, nginx tries it only once fail_timeout has passed, and
// restarting the other before then would leave nginx none to send to.
func (p *proxyServer) waitRouted(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(hangBound)
	for time.Now().Before(deadline) {
		uri := fmt.Sprintf("/healthz?probe=%d", p.probe.Add(1))
		get(t, http.DefaultClient, p.url+uri)
		if p.servedBy(t, uri)[addr] {
			return
		}
		time.Sleep(50 * time.Millisecond) // polling nginx's view of the instance
	}
	t.Fatalf("nginx never routed to %s again", addr)
}

type response struct {
	status int
	body   string
}

func get(t *testing.T, c *http.Client, url string) response {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return do(t, c, req)
}

func post(t *testing.T, c *http.Client, url, body string) response {
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return do(t, c, req)
}

func do(t *testing.T, c *http.Client, req *http.Request) response {
	resp, err := c.Do(req)
	if err != nil {
		return response{status: 0, body: err.Error()}
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, body: string(body)}
}

func decode(t *testing.T, r response, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		t.Fatalf("%d %s: %v", r.status, r.body, err)
	}
}

// openStream reads a stream's data lines until the test ends.
func openStream(t *testing.T, c *http.Client, url string) <-chan string {
	t.Helper()
	return ssetest.Open(t, c, url)
}

func next(t *testing.T, lines <-chan string) string {
	t.Helper()
	select {
	case l := <-lines:
		return l
	case <-time.After(hangBound):
		t.Fatal("no event")
	}
	return ""
}

func nginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
		return "/usr/sbin/nginx"
	}
	return ""
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func mustJar(t *testing.T) http.CookieJar {
	j, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return j
}
