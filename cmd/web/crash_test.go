package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"framelens/store"
)

// restartAndCheck starts the server again on the database a kill left,
// waits until it answers, stops it, and checks the file with SQLite's
// integrity check; it returns the store opened on the file.
func restartAndCheck(t *testing.T, db string) *store.Store {
	t.Helper()
	p := startProcess(t, db)
	resp, err := http.Get(p.base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz after the restart: %d", resp.StatusCode)
	}
	p.stop(t)
	ctx := context.Background()
	if err := store.CheckFile(ctx, db); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

const crashArticles = 3000

func crashBody(n int) string { return reportText(uint64(n), 2500) }

// A server killed with SIGKILL in the middle of a bulk import restarts on
// a sound database in which the import's first lines are stored, each
// article whole (its text byte for byte, its headline and outlet), and
// every later line absent.
func TestAServerKilledDuringABulkImportKeepsEveryArticleWholeOrAbsent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	db := filepath.Join(t.TempDir(), "data.db")
	p := startProcess(t, db)
	client := p.login(t)
	eventID := getEvents(t, p.base).Events[0].ID
	before := getEvents(t, p.base).Events[0].Articles

	var file bytes.Buffer
	enc := json.NewEncoder(&file)
	for n := 1; n <= crashArticles; n++ {
		_ = enc.Encode(map[string]string{"outlet": fmt.Sprintf("Crash Wire %d", n%7), "headline": fmt.Sprintf("Crash report %d", n),
			"language": "en", "body": crashBody(n)})
	}
	go func() {
		resp, err := client.Post(fmt.Sprintf("%s/api/events/%d/articles/bulk", p.base, eventID), "application/x-ndjson", &file)
		if err == nil {
			resp.Body.Close()
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if time.Now().After(deadline) {
			t.Fatal("the import stored no 100 articles within 20 s")
		}
		if n := getEvents(t, p.base).Events[0].Articles - before; n >= 100 {
			if n >= crashArticles {
				t.Fatal("the import finished before the kill")
			}
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.kill(t)

	st := restartAndCheck(t, db)
	articles, err := st.Articles(context.Background(), eventID)
	if err != nil {
		t.Fatal(err)
	}
	imported := 0
	for _, a := range articles {
		if !strings.HasPrefix(a.Outlet, "Crash Wire") {
			continue
		}
		imported++
		n := imported // lines are imported in order, one transaction each
		if a.Headline != fmt.Sprintf("Crash report %d", n) || a.Outlet != fmt.Sprintf("Crash Wire %d", n%7) || a.Body != crashBody(n) {
			t.Fatalf("stored article %d is not line %d whole: %q by %q, %d bytes of text", a.ID, n, a.Headline, a.Outlet, len(a.Body))
		}
	}
	if imported < 100 || imported >= crashArticles {
		t.Fatalf("%d articles of the import are stored, want the first 100 or more and not all", imported)
	}
	t.Logf("killed after %d of %d lines", imported, crashArticles)
}

// termFields is a term's form with every field carrying tag, so that a
// stored term shows whether it is one edit whole.
func termFields(tag, perspective string) map[string][]string {
	return map[string][]string{
		"phrase": {"crashword " + tag}, "language": {"en"}, "perspective": {perspective}, "match": {"stem"},
		"note": {"Note " + tag}, "neutral": {"neutral " + tag}, "source_title": {"Source " + tag},
		"source_url": {"https://example.org/" + strings.ReplaceAll(tag, " ", "-")},
	}
}

var termAnchor = regexp.MustCompile(`#term-(\d+)$`)

// A server killed with SIGKILL while lexicon edits (new terms and changes
// to them) arrive from four clients restarts on a sound database where
// every term is one edit whole, and the lexicon's version counts exactly
// the edits stored: at least those answered, at most those sent.
func TestAServerKilledDuringLexiconEditsKeepsEveryTermWholeAndTheVersionTrue(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "data.db")
	p := startProcess(t, db)
	client := p.login(t)

	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	lexicons, err := st.Lexicons(ctx)
	st.Close()
	if err != nil || len(lexicons) == 0 {
		t.Fatalf("no seeded lexicon: %v", err)
	}
	lex := lexicons[0]
	perspective := lex.Perspectives[0].Slug
	lexURL := fmt.Sprintf("%s/lexicons/%d", p.base, lex.ID)
	resp, err := client.PostForm(lexURL+"/concepts", map[string][]string{"name": {"Crash concept"}, "category": {"tests"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var conceptID int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), fmt.Sprintf("/lexicons/%d/concepts/%%d/terms/new", lex.ID), &conceptID); err != nil {
		t.Fatalf("create the concept: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	baseVersion := lex.Version + 1 // the concept was one edit

	type tally struct{ sent, acked, createsSent, createsAcked int }
	results := make(chan tally, 4)
	stopEditing := make(chan struct{})
	acked := make(chan struct{}, 1000)
	for w := range 4 {
		go func() {
			var n tally
			defer func() { results <- n }()
			var terms []string
			for e := 0; ; e++ {
				select {
				case <-stopEditing:
					return
				default:
				}
				tag := fmt.Sprintf("w%d e%d", w, e)
				url := fmt.Sprintf("%s/concepts/%d/terms", lexURL, conceptID)
				create := len(terms) == 0 || e%5 == 0
				if !create {
					url = fmt.Sprintf("%s/terms/%s", lexURL, terms[e%len(terms)])
				}
				n.sent++
				if create {
					n.createsSent++
				}
				resp, err := client.PostForm(url, termFields(tag, perspective))
				if err != nil {
					return // the server is gone
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusSeeOther {
					t.Errorf("edit %s: status %d", tag, resp.StatusCode)
					return
				}
				n.acked++
				if create {
					n.createsAcked++
					if m := termAnchor.FindStringSubmatch(resp.Header.Get("Location")); m != nil {
						terms = append(terms, m[1])
					}
				}
				acked <- struct{}{}
			}
		}()
	}
	timeout := time.After(20 * time.Second)
	for range 60 {
		select {
		case <-acked:
		case <-timeout:
			t.Fatal("60 lexicon edits were not answered within 20 s")
		}
	}
	p.kill(t)
	close(stopEditing)
	var total tally
	for range 4 {
		n := <-results
		total.sent += n.sent
		total.acked += n.acked
		total.createsSent += n.createsSent
		total.createsAcked += n.createsAcked
	}

	st = restartAndCheck(t, db)
	after, err := st.Lexicon(ctx, lex.ID)
	if err != nil {
		t.Fatal(err)
	}
	edits := int(after.Version - baseVersion)
	if edits < total.acked || edits > total.sent {
		t.Fatalf("the lexicon's version counts %d edits; %d were answered and %d sent", edits, total.acked, total.sent)
	}
	var stored int
	for _, c := range after.Concepts {
		for _, term := range c.Terms {
			tag, ok := strings.CutPrefix(term.Phrase, "crashword ")
			if !ok {
				continue
			}
			stored++
			want := termFields(tag, perspective)
			if c.ID != conceptID || term.Note != want["note"][0] || term.Neutral != want["neutral"][0] ||
				term.SourceTitle != want["source_title"][0] || term.SourceURL != want["source_url"][0] || term.Perspective != perspective {
				t.Errorf("term %d is not one edit whole: %+v", term.ID, term)
			}
		}
	}
	if stored < total.createsAcked || stored > total.createsSent {
		t.Fatalf("%d crash terms are stored; %d creations were answered and %d sent", stored, total.createsAcked, total.createsSent)
	}
	t.Logf("killed with %d edits answered of %d sent; %d stored; %d terms", total.acked, total.sent, edits, stored)
}
