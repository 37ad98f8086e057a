package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"framelens/internal/pgtest"
)

// crashChild makes the test binary run as the server itself, so that a
// test can start the real program as a process of its own and kill it.
const crashChild = "FRAMELENS_TEST_RUN_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(crashChild) == "1" {
		main() // the server, with the arguments the test gave; it exits
		return
	}
	os.Exit(pgtest.Main(m))
}

// serverProcess is the server running as a separate process.
type serverProcess struct {
	cmd  *exec.Cmd
	base string
	done chan error

	mu     sync.Mutex
	output strings.Builder // what it wrote to standard error, its log
}

func (p *serverProcess) logLine(line string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.output.WriteString(line + "\n")
}

// log is what the server has logged so far.
func (p *serverProcess) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.output.String()
}

var servingAddr = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startProcess starts the server as a process on a free loopback port
// over the database at db, with an account admin.
func startProcess(t *testing.T, db string) *serverProcess {
	t.Helper()
	return startProcessWith(t, db, nil)
}

// startProcessWith is startProcess with setup, if not nil, changing the
// command before it starts (another binary, another user).
func startProcessWith(t *testing.T, db string, setup func(*exec.Cmd)) *serverProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-addr", "127.0.0.1:0", "-db", db)
	cmd.Env = append(os.Environ(), crashChild+"=1", "FRAMELENS_ADMIN_PASSWORD="+adminPassword)
	if setup != nil {
		setup(cmd)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProcess{cmd: cmd, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			p.logLine(sc.Text())
			if m := servingAddr.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
	case err := <-p.done:
		t.Fatalf("the server exited before serving: %v\n%s", err, p.log())
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start within 30 s")
	}
	return p
}

// kill ends the process with SIGKILL: no shutdown, no last write.
func (p *serverProcess) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
}

// stop ends the process as an operator does (SIGINT) and waits for it.
func (p *serverProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("the restarted server did not stop cleanly: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop within 30 s")
	}
}

// login is a client with the admin's session.
func (p *serverProcess) login(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Post(p.base+"/api/login", "application/json",
		strings.NewReader(fmt.Sprintf(`{"username":"admin","password":%q}`, adminPassword)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	return c
}
