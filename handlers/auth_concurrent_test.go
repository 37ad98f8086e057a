package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Guesses sent at once are counted at once: each spends an attempt before
// its password is checked, so no more get through than the limit allows.
func TestLoginGuessesSentAtOnceGetNoMoreThanTheLimit(t *testing.T) {
	ts := newTestServer(t)
	ts.addAccount("teacher", "teacher")
	const guesses = 30
	statuses := make(chan int, guesses)
	var wg sync.WaitGroup
	for range guesses {
		wg.Go(func() {
			resp, err := http.Post(ts.URL+"/api/login", "application/json",
				strings.NewReader(`{"username":"teacher","password":"wrong password"}`))
			if err != nil {
				statuses <- 0
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	const loginBurst = 8
	if count[http.StatusUnauthorized] != loginBurst || count[http.StatusTooManyRequests] != guesses-loginBurst {
		t.Errorf("statuses %v, want %d checked passwords (401) and the rest refused (429)", count, loginBurst)
	}
}
