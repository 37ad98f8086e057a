package handlers_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"framelens/analysis"
	"framelens/auth"
	"framelens/demo"
	"framelens/fetch"
	"framelens/handlers"
	"framelens/importjobs"
	"framelens/lexicons"
)

// docBlock is one ```sh example of docs/api.md, with the JSON block that
// shows its answer, if one follows.
type docBlock struct {
	line   int
	script string
	answer string
}

// docBlocks reads the shell examples of a Markdown file in order.
func docBlocks(t *testing.T, path string) []docBlock {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []docBlock
	lastWasSh := false
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		fence := strings.TrimSpace(lines[i])
		if fence != "```sh" && fence != "```json" {
			continue
		}
		start := i
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		text := strings.Join(body, "\n")
		// A JSON block right after a shell block shows its answer.
		follows := lastWasSh && start > 0 && strings.TrimSpace(lines[start-1]) == "```"
		switch {
		case fence == "```sh":
			blocks = append(blocks, docBlock{line: start + 1, script: text})
		case follows:
			blocks[len(blocks)-1].answer = text
		}
		lastWasSh = fence == "```sh"
	}
	return blocks
}

var (
	curlCall       = regexp.MustCompile(`(^|\$\()\s*curl\s`)
	expectedStatus = regexp.MustCompile(`^#\s*(\d{3})\b`)
	reportedStatus = regexp.MustCompile(`(?m)^HTTP (\d{3})$`)
)

// expectations lists, for each curl call of a script in order, the status
// its comment names ("# 201 …"), or "" where none is named: then any
// answer below 400 will do.
func expectations(script string) []string {
	var out []string
	open := false
	for _, line := range strings.Split(script, "\n") {
		trimmed := strings.TrimSpace(line)
		if m := expectedStatus.FindStringSubmatch(trimmed); m != nil && open {
			out[len(out)-1], open = m[1], false
			continue
		}
		if !strings.HasPrefix(trimmed, "#") && curlCall.MatchString(trimmed) {
			out = append(out, "")
			open = true
		}
	}
	return out
}

// docFetcher serves the page the import-by-URL example names, as the web
// would: no test reaches the internet.
type docFetcher struct{ page []byte }

func (f docFetcher) Fetch(_ context.Context, rawURL string) (fetch.Page, error) {
	return fetch.Page{URL: rawURL, ContentType: "text/html", Charset: "utf-8", Body: f.page}, nil
}

// docServer is the application as the docs describe it: the shipped
// lexicons, the demo event and an account admin.
func docServer(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st := openTestStore(t)
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedLexicons(ctx, shipped); err != nil {
		t.Fatal(err)
	}
	ev, articles, err := demo.Event()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SeedEvent(ctx, demo.SeedName, ev, articles); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateUser(ctx, "admin", hash, "admin"); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	analyzer := analysis.New(st, log)
	imports := importjobs.New(st, analyzer.Refresh)
	shutdown := make(chan struct{})
	srv := httptest.NewServer(handlers.New(handlers.Deps{Stores: storesOf(st), Analyzer: analyzer, Imports: imports,
		Fetcher: docFetcher{page: []byte(russianPage)}, Log: log, Shutdown: shutdown}))
	t.Cleanup(func() {
		close(shutdown)
		srv.Close()
		imports.Close()
		analyzer.Close()
		st.Close()
	})
	return srv
}

// docFiles writes the files the examples send.
func docFiles(t *testing.T, dir string) {
	t.Helper()
	lexicon := `{"slug":"my-lexicon","name":"My lexicon","language":"en","description":"An example.","scope":"general",
"perspectives":[{"slug":"mine","name":"Mine","description":"","color":"orange"}],
"concepts":[{"slug":"the-bridge","name":"The bridge","category":"places","description":"",
"terms":[{"phrase":"footbridge","language":"en","perspective":"mine","match":"stem","note":"An example term.","source":{"title":"Example","url":"https://example.org"}}]}]}`
	csv := "kind,slug,name,description,language,color,category,phrase,perspective,match,variants,note,neutral,source_title,source_url,scope,anchors\n" +
		"lexicon,their-lexicon,Their lexicon,Another example.,en,,,,,,,,,,,general,\n" +
		"perspective,theirs,Theirs,,,blue,,,,,,,,,,,\n" +
		"concept,the-river,The river,,,,places,,,,,,,,,,\n" +
		"term,,,,en,,,Greywater,theirs,word,,An example term.,,Example,https://example.org,,\n"
	jsonl := `{"outlet":"Valley Courier","headline":"Dam opens","language":"en","body":"The Ossel river dam opened to visitors on Tuesday morning."}
{"outlet":"River Post","headline":"Reservoir fills","language":"en","body":"Engineers said the reservoir will take two seasons to fill."}
{"outlet":"Hill Gazette","headline":"A new bridge","language":"en","body":"A bridge over the Ossel opened in Kleinfeld on Saturday."}
{"outlet":"Valley Courier","headline":"","language":"en","body":"A line without a headline is refused with its number."}
{"outlet":"Lake News","headline":"Ferry returns","language":"en","body":"The passenger ferry on Lake Orm runs again from Monday."}
{"outlet":"Valley Courier","headline":"Dam opens again","language":"en","body":"The Ossel river dam opened to visitors on Tuesday morning."}
`
	files := map[string][]byte{"report.pdf": fixture(t, "bridge.pdf"), "my-lexicon.json": []byte(lexicon),
		"their-lexicon.csv": []byte(csv), "articles.jsonl": []byte(jsonl)}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Every curl example of docs/api.md runs as written, in order, against a
// real server on loopback: curl's own config sends localhost:8080 there
// and reports each answer's status, which must be the one the example's
// comment names (or below 400). An example's answer shown in JSON must
// hold the offsets the server gives.
func TestEveryCurlExampleOfTheAPIDocsRunsAsWritten(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl on PATH (apt-get install -y curl)")
	}
	srv := docServer(t)
	addr := strings.TrimPrefix(srv.URL, "http://")
	dir, home := t.TempDir(), t.TempDir()
	docFiles(t, dir)
	curlrc := fmt.Sprintf("connect-to = \"localhost:8080:%s\"\nwrite-out = \"%%{stderr}HTTP %%{http_code}\\n\"\n", addr)
	if err := os.WriteFile(filepath.Join(home, ".curlrc"), []byte(curlrc), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "HOME="+home, "CURL_HOME="+home)
	blocks := docBlocks(t, filepath.Join("..", "docs", "api.md"))
	if len(blocks) < 20 {
		t.Fatalf("found %d shell examples in docs/api.md", len(blocks))
	}
	for _, b := range blocks {
		if strings.Contains(b.script, "curl -sN") {
			runStreamExample(t, b, dir, env)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		cmd := exec.CommandContext(ctx, "sh", "-c", b.script)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			t.Errorf("docs/api.md:%d: %v\n%s\n%s", b.line, err, b.script, stderr.String())
			continue
		}
		var got []string
		for _, m := range reportedStatus.FindAllStringSubmatch(stderr.String(), -1) {
			got = append(got, m[1])
		}
		want := expectations(b.script)
		if len(got) != len(want) {
			t.Errorf("docs/api.md:%d: %d curl calls answered, %d expected:\n%s\n%s", b.line, len(got), len(want), b.script, stderr.String())
			continue
		}
		for i := range want {
			if want[i] != got[i] && (want[i] != "" || got[i] >= "400") {
				t.Errorf("docs/api.md:%d: call %d answered %s, the docs say %q:\n%s\n%s", b.line, i+1, got[i], want[i], b.script, stdout.String())
			}
		}
		if b.answer != "" {
			checkDocumentedOffsets(t, b, stdout.Bytes())
		}
	}
}

// runStreamExample starts a streaming example and stops it once the
// stream has said what state the session is in.
func runStreamExample(t *testing.T, b docBlock, dir string, env []string) {
	t.Helper()
	cmd := exec.Command("sh", "-c", b.script)
	cmd.Dir, cmd.Env = dir, env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	}()
	sc := bufio.NewScanner(out)
	var seen []string
	for sc.Scan() {
		seen = append(seen, sc.Text())
		if strings.HasPrefix(sc.Text(), "data:") {
			break
		}
	}
	if !strings.Contains(strings.Join(seen, "\n"), "event: state") {
		t.Errorf("docs/api.md:%d: the stream said %q", b.line, seen)
	}
}

// checkDocumentedOffsets compares every object of a documented answer
// that has start, end and surface with the server's answer.
func checkDocumentedOffsets(t *testing.T, b docBlock, got []byte) {
	t.Helper()
	var doc, actual any
	if json.Unmarshal([]byte(b.answer), &doc) != nil {
		return // an answer abridged with "…" shows the shape, not values
	}
	if err := json.Unmarshal(got, &actual); err != nil {
		t.Errorf("docs/api.md:%d: the answer is not JSON: %v\n%s", b.line, err, got)
		return
	}
	have := map[string]bool{}
	for _, o := range spans(actual) {
		have[o] = true
	}
	for _, o := range spans(doc) {
		if !have[o] {
			t.Errorf("docs/api.md:%d: documented %s, the server answers %v", b.line, o, spans(actual))
		}
	}
}

// spans lists "surface@start-end" for every object with those keys.
func spans(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["surface"].(string); ok {
			out = append(out, fmt.Sprintf("%q@%v-%v", s, x["start"], x["end"]))
		}
		for _, child := range x {
			out = append(out, spans(child)...)
		}
	case []any:
		for _, child := range x {
			out = append(out, spans(child)...)
		}
	}
	return out
}
