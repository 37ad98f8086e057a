package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"framelens/static"
)

// target is the server under load and what was stored for it.
type target struct {
	base    string
	eventID int64 // the event of six long articles
}

// A scenario is one kind of traffic. prepare runs once against the server
// (it may log in, create what it needs, and check the answer) and returns
// the request each connection repeats, and how to check afterwards that
// the server kept what it acknowledged. conns, when not 0, is the number
// of connections the scenario is about (a class of 40 students), in place
// of the -conns flag.
//
// A new kind of traffic is one more entry in scenarios: a name, a line
// saying what it is, and its prepare function.
type scenario struct {
	name    string
	about   string
	conns   int
	prepare func(ctx context.Context, t target) (prepared, error)
}

// prepared is a scenario ready to run: the request each connection
// repeats and, when not nil, a check run after the load that counts the
// acknowledged writes the server did not keep.
type prepared struct {
	do    request
	check func(ctx context.Context) (lost int, err error)
}

var scenarios = []scenario{
	{name: "comparison", about: "GET /events/{id}: the comparison page of an event of six articles of about 1,500 words",
		prepare: func(ctx context.Context, t target) (prepared, error) {
			return pageOf(ctx, t.base, fmt.Sprintf("/events/%d", t.eventID))
		}},
	{name: "home", about: "GET /: the home page, listing the events",
		prepare: func(ctx context.Context, t target) (prepared, error) { return pageOf(ctx, t.base, "/") }},
	{name: "static", about: "GET the versioned stylesheet, a static file (the baseline)",
		prepare: func(ctx context.Context, t target) (prepared, error) {
			return pageOf(ctx, t.base, static.URL("app.css"))
		}},
	{name: "marks", about: "POST /api/sessions/{id}/marks: a class of 40 students marking words in the six articles at once",
		conns: classSize, prepare: classroomMarks(classSize)},
	{name: "marks200", about: "POST /api/sessions/{id}/marks: 200 students of one session marking at once",
		conns: 200, prepare: classroomMarks(200)},
}

// pageOf fetches path once, and returns a request for it that wants the
// same status and nearly the same size (a page may carry a request's own
// details).
func pageOf(ctx context.Context, base, path string) (prepared, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		return prepared{}, err
	}
	req.Header.Set("Accept-Encoding", browserEncodings)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return prepared{}, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		return prepared{}, fmt.Errorf("GET %s: status %d, %v", path, resp.StatusCode, err)
	}
	return prepared{do: getPage(base, path, int(n*9/10))}, nil
}

func findScenario(name string) (scenario, bool) {
	for _, s := range scenarios {
		if s.name == name {
			return s, true
		}
	}
	return scenario{}, false
}
