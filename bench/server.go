package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// buildServer compiles cmd/web, the program people run, into dir.
func buildServer(dir string) (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		return "", fmt.Errorf("find the module (run the tool inside the repository): %v", err)
	}
	bin := filepath.Join(dir, "web")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/web")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("build ./cmd/web: %v\n%s", err, out.String())
	}
	return bin, nil
}

// server is the Framelens server running as its own process on loopback.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan error
}

var servingAddr = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startServer runs bin on a free loopback port over the database db. Its
// request log is dropped: one line per request would cost the server more
// than some requests do.
func startServer(bin, db string, extraEnv ...string) (*server, error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-db", db, "-seed=false")
	cmd.Env = append(os.Environ(), extraEnv...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the server: %w", err)
	}
	s := &server{cmd: cmd, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if m := servingAddr.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
		s.done <- cmd.Wait()
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
		return s, nil
	case err := <-s.done:
		return nil, fmt.Errorf("the server exited before serving: %v", err)
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the server did not start within 60 s")
	}
}

// stop asks the server to shut down and waits for it.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case err := <-s.done:
		return err
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		return fmt.Errorf("the server did not stop within 30 s")
	}
}

// memory is the server process's resident memory now and at its peak, in
// bytes, from /proc (Linux).
type memory struct{ rss, peak int64 }

func (s *server) memory() (memory, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return memory{}, fmt.Errorf("read the server's memory: %w", err)
	}
	var m memory
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			m.rss = kb << 10
		case "VmHWM":
			m.peak = kb << 10
		}
	}
	return m, nil
}

// cpuTime is the processor time the server has used, user and system.
func (s *server) cpuTime() (time.Duration, error) {
	st, err := readStat(s.cmd.Process.Pid)
	return st.cpu, err
}

func (s *server) cpuTimes() (cpuTimes, error) {
	t, err := s.cpuTime()
	return cpuTimes{app: t}, err
}

// procStat is what the load test reads of a process's /proc stat: its
// parent, its processor time (user and system) and that of its children
// that ended and were waited for.
type procStat struct {
	ppid          int
	cpu, children time.Duration
}

func readStat(pid int) (procStat, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	// Fields after the command name, which is in parentheses: ppid is the
	// 4th field of the whole line, utime, stime, cutime and cstime the
	// 14th to 17th.
	rest := string(data[bytes.LastIndexByte(data, ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("unexpected /proc stat: %q", rest)
	}
	n := func(i int) int64 { v, _ := strconv.ParseInt(f[i], 10, 64); return v }
	const tick = time.Second / 100 // USER_HZ on Linux
	return procStat{ppid: int(n(1)), cpu: time.Duration(n(11)+n(12)) * tick, children: time.Duration(n(13)+n(14)) * tick}, nil
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
