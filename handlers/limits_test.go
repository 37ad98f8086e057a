package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"framelens/analysis"
	"framelens/framing"
	"framelens/framing/textstat"
	"framelens/handlers"
)

func TestAnAddressThatCreatedManyEventsWithoutALoginIsAnswered429WithRetryAfter(t *testing.T) {
	ts := newTestServer(t)
	for i := range 20 {
		ts.postForm("/events", url.Values{"title": {fmt.Sprintf("Event %d", i)}}).wantStatus(http.StatusSeeOther)
	}
	r := ts.postJSON("/api/events", `{"title": "One too many"}`)
	r.wantAPIError(http.StatusTooManyRequests, "")
	if secs, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || secs < 1 {
		t.Errorf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	// A logged-in user is not limited.
	ts.loggedInAs("teacher", "teacher").postJSON("/api/events", `{"title": "A teacher's"}`).wantStatus(http.StatusCreated)
}

func TestAnAddressMayAddSixtyArticlesInARowWithoutALoginAndThenWaits(t *testing.T) {
	ts := newTestServer(t)
	ev, err := ts.Store.CreateEvent(context.Background(), framing.EventInput{Title: "Class"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		ts.postJSON(eventPath(ev.ID)+"/articles", articleJSON(validArticle(fmt.Sprintf("Student %d", i), "H", distinctText(i)))).
			wantStatus(http.StatusCreated)
	}
	r := ts.postJSON(eventPath(ev.ID)+"/articles", articleJSON(validArticle("Student 61", "H", distinctText(61))))
	r.wantAPIError(http.StatusTooManyRequests, "")
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
}

func TestAnEventTakesNoMoreThanTheCapOfArticles(t *testing.T) {
	ts := newTestServer(t)
	ctx := context.Background()
	ev, err := ts.Store.CreateEvent(ctx, framing.EventInput{Title: "Full"})
	if err != nil {
		t.Fatal(err)
	}
	lines := func(yield func(framing.ImportLine) bool) {
		for i := range framing.MaxArticlesPerEvent + 1 {
			if !yield(framing.ImportLine{N: i + 1, Input: framing.ArticleInput{Outlet: "O", Headline: "H", Language: "en", Body: fmt.Sprintf("Report number %d. %s", i, longText(200))}}) {
				return
			}
		}
	}
	report, err := ts.Store.ImportArticles(ctx, ev.ID, lines, nil)
	if err != nil {
		t.Fatal(err)
	}
	if report.Imported != framing.MaxArticlesPerEvent || len(report.Skipped) != 1 || !strings.Contains(report.Skipped[0].Message, "the most one event takes") {
		t.Fatalf("import past the cap: %d imported, %d refused", report.Imported, len(report.Skipped))
	}
	body := ts.loggedInAs("teacher", "teacher").postJSON(eventPath(ev.ID)+"/articles", articleJSON(validArticle("P", "H", distinctText(1)))).
		wantAPIError(http.StatusUnprocessableEntity, "event")
	if !strings.Contains(body.Error, "2000 articles") {
		t.Errorf("message %q does not give the cap", body.Error)
	}
}

// busyAnalyzer answers every request for alignments as the server would
// with all its heavy-work slots taken.
type busyAnalyzer struct{ *analysis.Service }

func (busyAnalyzer) Alignments(context.Context, framing.Event, []framing.Article) (*framing.Matcher, []textstat.AlignedPair, error) {
	return nil, nil, framing.Errorf(framing.EBusy, "The server is busy.")
}

func TestHeavyWorkRefusedAsBusyIsAnswered503WithRetryAfterAndAClientThatLeftIsLogged499(t *testing.T) {
	st := openTestStore(t)
	t.Cleanup(func() { st.Close() })
	var logs lockedBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	svc := analysis.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(svc.Close)
	h := handlers.New(handlers.Deps{Stores: storesOf(st), Analyzer: busyAnalyzer{svc}, Log: log})
	ev, err := st.CreateEvent(context.Background(), framing.EventInput{Title: "E"})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, eventPath(ev.ID)+"/alignments", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("busy: status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the client has gone before the server reads the event
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, pagePath(ev.ID), nil).WithContext(ctx))
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	last := lines[len(lines)-1]
	if !strings.Contains(last, "status=499") || slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "level=ERROR") }) {
		t.Errorf("a client that left is logged as %q (all: %q)", last, lines)
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// distinctText is an article body unlike any other n's, so that no two
// are near duplicates.
func distinctText(n int) string {
	words := strings.Fields("harbour council budget river school bridge market election farmers railway hospital museum " +
		"drought festival strike court mayor tunnel forest airport library stadium factory border treaty " +
		"pipeline vaccine orchestra satellite glacier vineyard")
	var b strings.Builder
	for i := range 40 {
		b.WriteString(words[(n*7+i*i*(n+3))%len(words)])
		b.WriteString(fmt.Sprintf("%d ", n*100+i))
	}
	return "Report. " + b.String() + "."
}
