package main

import (
	"bufio"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A live stream of a classroom session never goes idle; shutting down
// must end it rather than wait for it until the shutdown timeout.
func TestShutdownEndsOpenClassroomStreams(t *testing.T) {
	base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": adminPassword},
		"-db", filepath.Join(t.TempDir(), "data.db"))
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	resp, err := client.Post(base+"/api/login", "application/json",
		strings.NewReader(`{"username":"admin","password":"`+adminPassword+`"}`))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("log in: %v %v", resp, err)
	}
	resp.Body.Close()
	resp, err = client.Post(base+"/api/sessions", "application/json", strings.NewReader(`{"event_id":1}`))
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("open a session: %v %v", resp, err)
	}
	resp.Body.Close()
	stream, err := client.Get(base + "/api/sessions/1/stream")
	if err != nil || stream.StatusCode != http.StatusOK {
		t.Fatalf("open the stream: %v %v", stream, err)
	}
	defer stream.Body.Close()
	first, err := bufio.NewReader(stream.Body).ReadString('\n')
	if err != nil || !strings.HasPrefix(first, "id: ") {
		t.Fatalf("first line of the stream %q, %v", first, err)
	}
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("stop: %v", err)
		}
	case <-time.After(shutdownTimeout / 2):
		t.Fatal("shutdown is still waiting for the open stream")
	}
}
