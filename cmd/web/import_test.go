package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/store"
)

// newImportDB creates a database with one event and returns its path and
// the event.
func newImportDB(t *testing.T) (string, framing.Event) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev, err := st.CreateEvent(context.Background(), framing.EventInput{Title: "Ossel dam opens", Date: "2024-05-07"})
	if err != nil {
		t.Fatal(err)
	}
	return path, ev
}

func storedArticles(t *testing.T, path string, eventID int64) []framing.Article {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Articles(context.Background(), eventID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

type importRun struct {
	code           int
	stdout, stderr string
}

func runImportCommand(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) importRun {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := dispatch(ctx, append([]string{"import"}, args...), envFrom(nil), stdin, &stdout, &stderr)
	return importRun{code, stdout.String(), stderr.String()}
}

func TestImportCommandImportsTheGoodLinesAndListsTheBadOnes(t *testing.T) {
	db, ev := newImportDB(t)
	got := runImportCommand(t, context.Background(), strings.NewReader(""), "-db", db, "-event", fmt.Sprint(ev.ID), "testdata/import.jsonl")

	want := fmt.Sprintf(`Imported 3 of 8 lines into event %d (Ossel dam opens).
5 lines were not imported:
line 4: headline: Headline is required.
line 5: body: This text is the same as line 1's; an article is added once.
line 6: colour: "colour" is not an article field; the fields are outlet, headline, byline, url, published, language, body, illustrative, outlet_country and outlet_url.
line 8: The line is not valid JSON (the error is at character 1 of the line).
line 9: language: Use a language code such as en, ru, hy, az or en-gb.
line 9: body: The text is only 10 characters long; paste the whole article.
`, ev.ID)
	if got.code != exitRefused || got.stdout != want || got.stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 1 and stdout:\n%s", got.code, got.stdout, got.stderr, want)
	}
	articles := storedArticles(t, db, ev.ID)
	var headlines []string
	for _, a := range articles {
		headlines = append(headlines, a.Outlet+": "+a.Headline)
	}
	if strings.Join(headlines, "|") != "Valley Courier: Ossel dam opens to visitors|River Post: Reservoir will fill slowly|Hill Gazette: A new bridge" {
		t.Errorf("stored articles: %v", headlines)
	}
	if !articles[2].Illustrative || articles[1].Byline != "Staff writer" || articles[0].Published != "2024-05-07" {
		t.Errorf("fields lost on the way: %+v", articles)
	}
}

func TestImportCommandExitsZeroWhenEveryLineIsImported(t *testing.T) {
	db, ev := newImportDB(t)
	csv := "\uFEFFOutlet,Headline,Language,Body\n" +
		"Valley Courier,Dam opens,en,\"The Ossel river dam opened to visitors on Tuesday.\n\nThe turbine hall opens on weekends.\"\n" +
		"River Post,Reservoir,en,Engineers said the reservoir will take two seasons to fill.\n"
	// The file comes after the flags here, before them in the other tests.
	got := runImportCommand(t, context.Background(), strings.NewReader(csv), "-", "-event", fmt.Sprint(ev.ID), "-db", db, "-format", "csv")
	want := fmt.Sprintf("Imported 2 of 2 lines into event %d (Ossel dam opens).\n", ev.ID)
	if got.code != exitImported || got.stdout != want {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", got.code, got.stdout, got.stderr, want)
	}
	if a := storedArticles(t, db, ev.ID); len(a) != 2 || !strings.Contains(a[0].Body, "\n\nThe turbine hall") {
		t.Errorf("stored %+v", a)
	}
}

// One refused line is "1 line", in the summary as in the count.
func TestImportCommandSaysOneLineInTheSingular(t *testing.T) {
	db, ev := newImportDB(t)
	jsonl := `{"outlet":"Valley Courier","headline":"","language":"en","body":"The Ossel river dam opened to visitors on Tuesday."}` + "\n"
	got := runImportCommand(t, context.Background(), strings.NewReader(jsonl), "-db", db, "-event", fmt.Sprint(ev.ID), "-")
	want := fmt.Sprintf("Imported 0 of 1 line into event %d (Ossel dam opens).\n1 line was not imported:\nline 1: headline: Headline is required.\n", ev.ID)
	if got.stdout != want {
		t.Errorf("stdout %q, want %q", got.stdout, want)
	}
}

func TestImportCommandPrintsTheCountEveryHundredLinesWhenNotOnATerminal(t *testing.T) {
	db, ev := newImportDB(t)
	var in strings.Builder
	for i := 1; i <= 250; i++ {
		fmt.Fprintf(&in, `{"outlet": "Valley Courier", "headline": "Part %d", "language": "en", "body": "Part %d of the notes on the Ossel dam opening."}`+"\n", i, i)
	}
	got := runImportCommand(t, context.Background(), strings.NewReader(in.String()), "-db", db, "-event", fmt.Sprint(ev.ID), "-")
	if want := "imported 100 / 100 lines…\nimported 200 / 200 lines…\n"; got.code != exitImported || got.stderr != want {
		t.Errorf("exit %d, stderr %q; want 0 and %q", got.code, got.stderr, want)
	}
}

func TestImportCommandRefusesAWrongCommandLineWithStatusTwo(t *testing.T) {
	db, ev := newImportDB(t)
	id := fmt.Sprint(ev.ID)
	tests := []struct {
		name    string
		args    []string
		message string
	}{
		{"nothing", nil, "-event ID"},
		{"no event", []string{"-db", db, "testdata/import.jsonl"}, "-event ID"},
		{"event zero", []string{"-db", db, "-event", "0", "testdata/import.jsonl"}, "-event ID"},
		{"event not a number", []string{"-db", db, "-event", "dam", "testdata/import.jsonl"}, "invalid value"},
		{"no file", []string{"-db", db, "-event", id}, "give the file"},
		{"two files", []string{"-db", db, "-event", id, "a.jsonl", "b.jsonl"}, "one file to import, not 2"},
		{"unknown format", []string{"-db", db, "-event", id, "-format", "xml", "testdata/import.jsonl"}, "Use jsonl or csv"},
		{"unknown flag", []string{"-db", db, "-event", id, "-dry-run", "testdata/import.jsonl"}, "not defined: -dry-run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runImportCommand(t, context.Background(), strings.NewReader(""), tt.args...)
			if got.code != exitUsage || !strings.Contains(got.stderr, tt.message) || !strings.Contains(got.stderr, "usage: web import") || got.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 with %q and the usage", got.code, got.stdout, got.stderr, tt.message)
			}
		})
	}
	if n := len(storedArticles(t, db, ev.ID)); n != 0 {
		t.Errorf("%d articles stored by wrong command lines", n)
	}
}

// failingReader fails the test when read: the command must not read
// standard input when it is going to fail anyway.
type failingReader struct{ t *testing.T }

func (r failingReader) Read([]byte) (int, error) {
	r.t.Error("standard input was read")
	return 0, io.EOF
}

func TestImportCommandFailsWithStatusOneAndAClearMessage(t *testing.T) {
	db, ev := newImportDB(t)
	id := fmt.Sprint(ev.ID)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.jsonl")
	headerOnly := filepath.Join(dir, "header.csv")
	if err := os.WriteFile(empty, []byte("\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(headerOnly, []byte("outlet,headline,language,body\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missingDB := filepath.Join(dir, "missing.db")
	tests := []struct {
		name    string
		args    []string
		message string
	}{
		{"no database", []string{"-db", missingDB, "-event", id, "-"}, "no database at " + missingDB},
		{"no such event", []string{"-db", db, "-event", "999", "-"}, "There is no event 999."},
		{"no such file", []string{"-db", db, "-event", id, filepath.Join(dir, "nope.jsonl")}, "open the file to import"},
		{"empty file", []string{"-db", db, "-event", id, empty}, "The file is empty"},
		{"header only", []string{"-db", db, "-event", id, headerOnly}, "no article lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runImportCommand(t, context.Background(), failingReader{t}, tt.args...)
			if got.code != exitRefused || !strings.Contains(got.stderr, tt.message) {
				t.Errorf("exit %d, stderr %q; want 1 with %q", got.code, got.stderr, tt.message)
			}
		})
	}
	if _, err := os.Stat(missingDB); !os.IsNotExist(err) {
		t.Errorf("the import created a database at %s: %v", missingDB, err)
	}
}

// cancelOnRead cancels the import's context when the reader reaches it, as
// Ctrl-C while a line is being read.
type cancelOnRead struct{ cancel context.CancelFunc }

func (r cancelOnRead) Read([]byte) (int, error) {
	r.cancel()
	return 0, io.EOF
}

func TestAnInterruptedImportKeepsWhatWasImportedAndSaysWhereItStopped(t *testing.T) {
	db, ev := newImportDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	line := func(n int) string {
		return fmt.Sprintf(`{"outlet": "Valley Courier", "headline": "Part %d", "language": "en", "body": "Part %d of the notes on the Ossel dam opening."}`+"\n", n, n)
	}
	stdin := io.MultiReader(strings.NewReader(line(1)+line(2)), cancelOnRead{cancel}, strings.NewReader(line(3)))
	got := runImportCommand(t, ctx, stdin, "-db", db, "-event", fmt.Sprint(ev.ID), "-")
	if got.code != exitRefused || !strings.Contains(got.stderr, "stopped after line 2; the articles imported until then (2) are kept") ||
		!strings.HasPrefix(got.stdout, "Imported 2 of 2 lines") {
		t.Errorf("exit %d, stdout %q, stderr %q", got.code, got.stdout, got.stderr)
	}
	if n := len(storedArticles(t, db, ev.ID)); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
}

func TestImportHelpSaysWhatTheExitStatusesMean(t *testing.T) {
	got := runImportCommand(t, context.Background(), strings.NewReader(""), "-h")
	for _, want := range []string{"usage: web import", "Exit status: 0 if every line was imported, 1 if some lines were refused", "-format", "At most 5000 articles"} {
		if got.code != 0 || !strings.Contains(got.stdout, want) {
			t.Errorf("exit %d, help %q; want 0 and %q in it", got.code, got.stdout, want)
		}
	}
}

func TestDispatchServesByDefaultAndWithServe(t *testing.T) {
	for _, args := range [][]string{{"-port", "1"}, {"serve", "-port", "1"}} {
		var stderr bytes.Buffer
		code := dispatch(context.Background(), args, envFrom(nil), strings.NewReader(""), io.Discard, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "not defined: -port") || !strings.Contains(stderr.String(), "web import -event ID") {
			t.Errorf("dispatch(%q) = %d, %q; want the serve flags' error with both usages", args, code, stderr.String())
		}
	}
}
