package storeutil

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"framelens/framing"
)

// Import is how a store takes part in a bulk import (see ImportArticles).
type Import struct {
	// Add stores one article in its own short transaction, article and
	// outlet together.
	Add func(ctx context.Context, in framing.ArticleInput) (framing.Article, error)
	// Unwritable, if not nil, names for a person the files that the
	// server may not write when the database is read-only
	// ("data.db-shm"), or is "".
	Unwritable func() string
}

// ImportArticles stores the good lines of a bulk import in the event of
// eventID, which exists, and reports the others with their line numbers.
// Each line is stored in its own short transaction, so a line is never
// half imported and a long import does not hold a lock between lines. A
// text already in the event, or earlier in the same import, is reported
// as a duplicate (code EConflict) and the import goes on.
//
// progress, if not nil, is called after each line. When ctx ends the
// import stops between two lines: the report tells what was imported, and
// every article is either complete or absent. A line whose Err is not a
// *framing.Error (the file could not be read further) stops the import
// with that error, as does a database failure. A stopped import's report
// says where it stopped (StoppedAt) and what was stored before; a full or
// read-only database keeps its error kind (EFull, EReadOnly) with a
// message that says the same.
func ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
	progress func(framing.ImportProgress), st Import) (framing.ImportReport, error) {
	var report framing.ImportReport
	imp := importer{st: st, eventID: eventID, report: &report, lineOf: map[string]int{}}
	for line := range lines {
		if err := ctx.Err(); err != nil {
			report.StoppedAt = line.N
			return report, fmt.Errorf("import into event %d stopped after %d lines: %w", eventID, report.Lines, err)
		}
		report.Lines++
		report.LastLine = line.N
		if err := imp.add(ctx, line); err != nil {
			report.StoppedAt = line.N
			return report, importStopped(report, err, st.Unwritable)
		}
		if progress != nil {
			progress(framing.ImportProgress{Line: line.N, Lines: report.Lines, Imported: report.Imported, Refused: len(report.Skipped)})
		}
	}
	return report, nil
}

// importer is the state of one import.
type importer struct {
	st      Import
	eventID int64
	report  *framing.ImportReport
	lineOf  map[string]int // fingerprint of each text imported → its line
}

// add stores one line or records why it was refused. The error is for
// what stops the whole import.
func (imp *importer) add(ctx context.Context, line framing.ImportLine) error {
	if line.Err != nil {
		return imp.refuse(line.N, line.Err)
	}
	in := line.Input
	if err := in.Normalize(); err != nil { // the lines may come from anywhere
		return imp.refuse(line.N, err)
	}
	fingerprint := framing.Fingerprint(in.Body)
	if first, ok := imp.lineOf[fingerprint]; ok {
		return imp.refuse(line.N, framing.FieldErrorf(framing.EConflict, "body",
			"This text is the same as line %d's; an article is added once.", first))
	}
	// A line once begun is finished even if ctx ends meanwhile: it is one
	// short transaction, and the import stops before the next line.
	a, err := imp.st.Add(context.WithoutCancel(ctx), in)
	var e *framing.Error
	switch {
	case err == nil:
		imp.lineOf[fingerprint] = line.N
		imp.report.Imported++
		imp.report.ArticleIDs = append(imp.report.ArticleIDs, a.ID)
		return nil
	case errors.As(err, &e) && (e.Code == framing.EConflict || e.Code == framing.EInvalid):
		// A duplicate, or a line past the cap on articles per event: the
		// report says so for each line.
		return imp.refuse(line.N, e)
	}
	return fmt.Errorf("import into event %d, line %d: %w", imp.eventID, line.N, err) // the event is gone, or the database failed
}

// refuse records err, a problem with line n, in the report. Any error
// that is not a *framing.Error is not about the line: it is returned, to
// stop the import.
func (imp *importer) refuse(n int, err error) error {
	var e *framing.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("import into event %d, line %d: %w", imp.eventID, n, err)
	}
	imp.report.Skipped = append(imp.report.Skipped, framing.LineProblemOf(n, e))
	return nil
}

// importStopped is the error of an import that a full or read-only
// database stopped at report.StoppedAt: of the fault's kind, but saying
// what was stored before that line, where the fault's own words would say
// that nothing was. The fault stays in the chain, for the log. Any other
// error is returned as it is.
func importStopped(report framing.ImportReport, err error, unwritable func() string) error {
	code := framing.ErrorCode(err)
	var fault, again string
	switch code {
	case framing.EFull:
		fault, again = "The database is full", "once space is freed on the server"
	case framing.EReadOnly:
		fault, again = "The database is read-only just now", "once it can be written"
		if unwritable != nil {
			if names := unwritable(); names != "" {
				fault += " (the server may not write " + names + ")"
			}
		}
	default:
		return err
	}
	n := report.StoppedAt
	if report.Imported == 0 {
		return errors.Join(framing.Errorf(code, "%s: the import stopped at line %d, and nothing of it was stored. Import the file again %s.",
			fault, n, again), err)
	}
	stored := fmt.Sprintf("The %d articles imported from the lines before it are stored", report.Imported)
	if report.Imported == 1 {
		stored = "The article imported from the lines before it is stored"
	}
	return errors.Join(framing.Errorf(code,
		"%s: the import stopped at line %d. %s; line %d and every line after it were not saved. Import the file again %s: the lines already stored will be refused as duplicates.",
		fault, n, stored, n, again), err)
}
