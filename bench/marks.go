package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// benchAdminPassword is the password of the server's admin account, which
// the marks scenario logs in with to open a session as a teacher would.
const benchAdminPassword = "bench-teacher-password"

// classSize is a class: each connection is one student marking.
const classSize = 40

// marksPerStudent is how many marks one student makes before leaving the
// session and a new student joining in their place: below the server's
// limit of marks per student, so that every mark is a real one. (A
// variable so that a test can see students replaced.)
var marksPerStudent = 250

// span is one word or phrase a student may mark.
type span struct {
	articleID  int64
	start, end int
}

// student is one joined student: their cookie and where they are in the
// list of spans, so that a student never marks the same span twice.
type student struct {
	cookie *http.Cookie
	next   int
	marks  []int64 // the ids of the marks the server acknowledged
}

// classroomMarks opens a session on the event as a teacher, has a class
// of size join it, and returns a request that makes one student post one
// mark. Students take turns from a pool as connections do, and one who
// has made marksPerStudent marks is replaced by a newly joined one. Its
// check counts the acknowledged marks missing from the session's export.
func classroomMarks(size int) func(ctx context.Context, t target) (prepared, error) {
	return func(ctx context.Context, t target) (prepared, error) {
		teacher, err := login(ctx, t.base)
		if err != nil {
			return prepared{}, err
		}
		var sess struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		}
		if err := postJSON(ctx, t.base+"/api/sessions", teacher, map[string]any{"event_id": t.eventID}, http.StatusCreated, &sess, nil); err != nil {
			return prepared{}, fmt.Errorf("open a session: %w", err)
		}
		spans, err := markableSpans(ctx, t)
		if err != nil {
			return prepared{}, err
		}
		var joined atomic.Int64
		join := func(ctx context.Context) (*student, error) {
			n := joined.Add(1)
			nick := fmt.Sprintf("student %d", n)
			var cookies []*http.Cookie
			if err := postJSON(ctx, t.base+"/api/join", nil, map[string]string{"code": sess.Code, "nickname": nick}, http.StatusOK, nil, &cookies); err != nil {
				return nil, fmt.Errorf("join as %q: %w", nick, err)
			}
			for _, c := range cookies {
				if c.Name == "framelens_student" {
					// Each student starts at another place in the texts, as a
					// class reading different paragraphs does.
					return &student{cookie: c, next: int(n) * 97 % len(spans)}, nil
				}
			}
			return nil, fmt.Errorf("join as %q: no student cookie in the answer", nick)
		}
		pool := make(chan *student, size)
		var all []*student // every student who joined, replaced ones too
		var mu sync.Mutex
		for range size {
			st, err := join(ctx)
			if err != nil {
				return prepared{}, err
			}
			pool <- st
			all = append(all, st)
		}
		url := fmt.Sprintf("%s/api/sessions/%d/marks", t.base, sess.ID)
		do := func(ctx context.Context, client *http.Client) (int64, error) {
			var st *student
			select {
			case st = <-pool:
			case <-ctx.Done():
				return 0, ctx.Err()
			}
			defer func() { pool <- st }()
			if len(st.marks) >= marksPerStudent {
				next, err := join(ctx)
				if err != nil {
					return 0, err
				}
				mu.Lock()
				all = append(all, next)
				mu.Unlock()
				st = next
			}
			sp := spans[st.next%len(spans)]
			st.next++
			body, _ := json.Marshal(map[string]any{"article_id": sp.articleID, "start": sp.start, "end": sp.end})
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
			if err != nil {
				return 0, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.AddCookie(st.cookie)
			resp, err := client.Do(req)
			if err != nil {
				return 0, err
			}
			var m struct {
				ID int64 `json:"id"`
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case err != nil:
				return int64(len(raw)), fmt.Errorf("POST a mark: read the answer: %w", err)
			case resp.StatusCode != http.StatusCreated:
				return int64(len(raw)), fmt.Errorf("POST a mark: status %d: %s", resp.StatusCode, bytes.TrimSpace(raw))
			case json.Unmarshal(raw, &m) != nil || m.ID == 0:
				return int64(len(raw)), fmt.Errorf("POST a mark: no mark id in %q", raw)
			}
			st.marks = append(st.marks, m.ID)
			return int64(len(raw)), nil
		}
		check := func(ctx context.Context) (int, error) {
			kept, err := exportedMarks(ctx, t.base, teacher, sess.ID)
			if err != nil {
				return 0, err
			}
			mu.Lock()
			defer mu.Unlock()
			lost := 0
			for _, st := range all {
				for _, id := range st.marks {
					if !kept[id] {
						lost++
					}
				}
			}
			return lost, nil
		}
		return prepared{do: do, check: check}, nil
	}
}

// exportedMarks are the ids of the session's marks in its CSV export.
func exportedMarks(ctx context.Context, base string, teacher *http.Cookie, session int64) (map[int64]bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/sessions/%d/export?kind=marks", base, session), nil)
	if err != nil {
		return nil, err
	}
	req.AddCookie(teacher)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("export the marks of session %d: status %d", session, resp.StatusCode)
	}
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("export the marks of session %d: %w", session, err)
	}
	kept := map[int64]bool{}
	for _, r := range rows[min(1, len(rows)):] {
		id, err := strconv.ParseInt(r[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("export the marks of session %d: line %q", session, r)
		}
		kept[id] = true
	}
	return kept, nil
}

// markableSpans lists every word, and every two words in a row, of the
// event's articles as byte spans, the shapes a student selects.
func markableSpans(ctx context.Context, t target) ([]span, error) {
	var ev struct {
		Articles []struct {
			ID   int64  `json:"id"`
			Body string `json:"body"`
		} `json:"articles"`
	}
	if err := getJSON(ctx, fmt.Sprintf("%s/api/events/%d", t.base, t.eventID), &ev); err != nil {
		return nil, err
	}
	var spans []span
	for _, a := range ev.Articles {
		words := wordSpans(a.Body)
		for i, w := range words {
			spans = append(spans, span{a.ID, w[0], w[1]})
			if i+1 < len(words) {
				spans = append(spans, span{a.ID, w[0], words[i+1][1]})
			}
		}
	}
	if len(spans) < marksPerStudent {
		return nil, fmt.Errorf("the event's articles have %d spans to mark; a student needs %d", len(spans), marksPerStudent)
	}
	return spans, nil
}

// wordSpans are the byte spans of the runs of text between spaces.
func wordSpans(text string) [][2]int {
	var out [][2]int
	start := -1
	for i := 0; i <= len(text); i++ {
		space := i == len(text) || strings.IndexByte(" \t\n\r", text[i]) >= 0
		switch {
		case space && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !space && start < 0:
			start = i
		}
	}
	return out
}

// login logs in as the admin and returns the session cookie.
func login(ctx context.Context, base string) (*http.Cookie, error) {
	var cookies []*http.Cookie
	in := map[string]string{"username": "admin", "password": benchAdminPassword}
	if err := postJSON(ctx, base+"/api/login", nil, in, http.StatusOK, nil, &cookies); err != nil {
		return nil, fmt.Errorf("log in: %w", err)
	}
	if len(cookies) == 0 {
		return nil, errors.New("log in: no session cookie in the answer")
	}
	return cookies[0], nil
}

// postJSON posts in as JSON with the cookie, wants the status, and decodes
// the answer into out and its cookies into cookies (either may be nil).
func postJSON(ctx context.Context, url string, cookie *http.Cookie, in any, status int, out any, cookies *[]*http.Cookie) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if cookie != nil {
		req.AddCookie(cookie)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != status {
		return fmt.Errorf("POST %s: status %d: %s", url, resp.StatusCode, bytes.TrimSpace(raw))
	}
	if cookies != nil {
		*cookies = resp.Cookies()
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

func getJSON(ctx context.Context, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
