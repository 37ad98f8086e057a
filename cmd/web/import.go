package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"framelens/bulk"
	"framelens/framing"
)

// Exit statuses of the import command.
const (
	exitImported = 0 // every line imported
	exitRefused  = 1 // some lines refused, or the import failed
	exitUsage    = 2 // the command line is wrong
)

// progressEvery is how many lines apart the running count is printed when
// stderr is not a terminal (a log file or a CI job).
const progressEvery = 100

const importUsageLine = "usage: web import -event ID [-db data.db] [-format jsonl|csv] FILE"

var importHelp = fmt.Sprintf(importUsageLine+`

Imports the articles in FILE (- for standard input) into an event. FILE is
JSON Lines (one JSON object per line) or CSV with a header row naming the
columns in any order. The fields are those of POST /api/events/{id}/articles:
  %s
outlet, headline, language and body are required.

At most %d articles are read from one file, and one line may be up to %s.
Lines that cannot be imported, or whose text is already in the event, are
listed with their line numbers; the others are imported.

Exit status: 0 if every line was imported, 1 if some lines were refused or
the import failed, 2 if the command line is wrong.

`, strings.Join(bulk.Fields(), ", "), bulk.MaxRecords, framing.HumanBytes(bulk.MaxLineBytes))

type importConfig struct {
	dbPath  string
	eventID int64
	format  bulk.Format
	file    string
}

// parseImportConfig reads the import command's flags and its one file
// argument, which may come before or after the flags.
func parseImportConfig(args []string, getenv func(string) string) (importConfig, *flag.FlagSet, error) {
	var cfg importConfig
	var format string
	fs := flag.NewFlagSet("web import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.dbPath, "db", envOr(getenv, "FRAMELENS_DB", "data.db"), "SQLite database file, which must exist, or a postgres:// address (env FRAMELENS_DB)")
	fs.Int64Var(&cfg.eventID, "event", 0, "id of the event to add the articles to (required; shown in the event's address /events/ID)")
	fs.StringVar(&format, "format", "", "jsonl or csv; detected from the first character when left out")
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return cfg, fs, err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	var err error
	if cfg.format, err = bulk.ParseFormat(format); err != nil {
		return cfg, fs, fmt.Errorf("-format %q: %s", format, framing.ErrorMessage(err))
	}
	switch {
	case cfg.eventID <= 0:
		return cfg, fs, errors.New("give the event to import into with -event ID")
	case len(files) == 0:
		return cfg, fs, errors.New("give the file to import, or - for standard input")
	case len(files) > 1:
		return cfg, fs, fmt.Errorf("give one file to import, not %d (%s)", len(files), strings.Join(files, ", "))
	}
	cfg.file = files[0]
	return cfg, fs, nil
}

// runImport is the import command. It returns the exit status.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, fs, err := parseImportConfig(args, getenv)
	if errors.Is(err, flag.ErrHelp) {
		writeHelp(stdout, importHelp, fs)
		return exitImported
	}
	if err != nil {
		fmt.Fprintf(stderr, "web import: %v\n%s\n(web import -h for more)\n", err, importUsageLine)
		return exitUsage
	}
	ev, report, err := importFile(ctx, cfg, stdin, newProgressPrinter(stderr))
	if ev.ID != 0 {
		printReport(stdout, ev, report)
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "web import: stopped after line %d; the articles imported until then (%d) are kept.\n", report.LastLine, report.Imported)
		return exitRefused
	case err != nil:
		fmt.Fprintln(stderr, "web import:", errorText(err))
		return exitRefused
	case report.Lines == 0:
		fmt.Fprintln(stderr, "web import: the file has no article lines after its header.")
		return exitRefused
	case len(report.Skipped) > 0:
		return exitRefused
	}
	return exitImported
}

// importFile imports the file of cfg into its event. The event is looked
// up before the file is opened, so a wrong id fails before anything is
// read from standard input.
func importFile(ctx context.Context, cfg importConfig, stdin io.Reader, progress *progressPrinter) (framing.Event, framing.ImportReport, error) {
	var report framing.ImportReport
	db, err := openExistingDatabase(ctx, cfg.dbPath, "start the server once to create it, or give -db")
	if err != nil {
		return framing.Event{}, report, err
	}
	defer db.close()
	ev, err := db.Event(ctx, cfg.eventID)
	if err != nil {
		return framing.Event{}, report, err
	}

	src := stdin
	if cfg.file != "-" {
		f, err := os.Open(cfg.file)
		if err != nil {
			return framing.Event{}, report, fmt.Errorf("open the file to import: %w", err)
		}
		defer f.Close()
		src = f
	}
	r, err := bulk.NewReader(src, cfg.format)
	if err != nil {
		return framing.Event{}, report, err
	}
	defer progress.finish()
	report, err = db.ImportArticles(ctx, ev.ID, r.Lines(), progress.update)
	return ev, report, err
}

// printReport writes the outcome and every refused line, one problem per
// line: "line 7: headline: Headline is required."
func printReport(w io.Writer, ev framing.Event, r framing.ImportReport) {
	fmt.Fprintf(w, "Imported %d of %s into event %d (%s).\n", r.Imported, framing.Plural(r.Lines, "line", "lines"), ev.ID, ev.Title)
	if len(r.Skipped) == 0 {
		return
	}
	if len(r.Skipped) == 1 {
		fmt.Fprintln(w, "1 line was not imported:")
	} else {
		fmt.Fprintf(w, "%d lines were not imported:\n", len(r.Skipped))
	}
	for _, p := range r.Skipped {
		if len(p.Fields) == 0 {
			fmt.Fprintf(w, "line %d: %s\n", p.Line, p.Message)
			continue
		}
		for _, f := range p.Fields {
			fmt.Fprintf(w, "line %d: %s: %s\n", p.Line, f.Field, f.Message)
		}
	}
}

// errorText is the message for a person: an application error's own
// words, anything else in full, since the person running the command is
// the one who can fix the file or the database.
func errorText(err error) string {
	if framing.ErrorCode(err) == framing.EInternal {
		return err.Error()
	}
	return framing.ErrorMessage(err)
}
