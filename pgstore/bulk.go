package pgstore

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
)

// ImportArticles stores the good lines of a bulk import in the event and
// reports the others with their line numbers, as store.ImportArticles
// does: each line in its own short transaction, article and outlet
// together; a text already in the event, or earlier in the same import,
// is reported as a duplicate (EConflict) and the import goes on; when ctx
// ends it stops between two lines; a line whose Err is not a
// *framing.Error, or a database failure, stops it with that error, and a
// full or read-only database keeps its error kind with a message that
// says what was stored before. An event that does not exist is ENotFound
// before any line is read.
func (s *Store) ImportArticles(ctx context.Context, eventID int64, lines iter.Seq[framing.ImportLine],
	progress func(framing.ImportProgress)) (framing.ImportReport, error) {
	var report framing.ImportReport
	if _, err := s.Event(ctx, eventID); err != nil {
		return report, err
	}
	lineOf := map[string]int{} // fingerprint of each text imported → its line
	for line := range lines {
		if err := ctx.Err(); err != nil {
			report.StoppedAt = line.N
			return report, fmt.Errorf("import into event %d stopped after %d lines: %w", eventID, report.Lines, err)
		}
		report.Lines++
		report.LastLine = line.N
		if err := s.importLine(ctx, eventID, line, &report, lineOf); err != nil {
			report.StoppedAt = line.N
			return report, importStopped(report, err)
		}
		if progress != nil {
			progress(framing.ImportProgress{Line: line.N, Lines: report.Lines, Imported: report.Imported, Refused: len(report.Skipped)})
		}
	}
	return report, nil
}

// importLine stores one line or records in report why it was refused.
// The error is for what stops the whole import.
func (s *Store) importLine(ctx context.Context, eventID int64, line framing.ImportLine, report *framing.ImportReport, lineOf map[string]int) error {
	refuse := func(err error) error {
		var e *framing.Error
		if !errors.As(err, &e) {
			return fmt.Errorf("import into event %d, line %d: %w", eventID, line.N, err)
		}
		report.Skipped = append(report.Skipped, framing.LineProblemOf(line.N, e))
		return nil
	}
	if line.Err != nil {
		return refuse(line.Err)
	}
	in := line.Input
	if err := in.Normalize(); err != nil { // the lines may come from anywhere
		return refuse(err)
	}
	fingerprint := framing.Fingerprint(in.Body)
	if first, ok := lineOf[fingerprint]; ok {
		return refuse(framing.FieldErrorf(framing.EConflict, "body", "This text is the same as line %d's; an article is added once.", first))
	}
	// A line once begun is finished even if ctx ends meanwhile: it is one
	// short transaction, and the import stops before the next line.
	txCtx := context.WithoutCancel(ctx)
	var a framing.Article
	err := s.inTx(txCtx, func(tx pgx.Tx) error {
		var err error
		a, err = insertArticle(txCtx, tx, eventID, in)
		return err
	})
	var e *framing.Error
	switch {
	case err == nil:
		lineOf[fingerprint] = line.N
		report.Imported++
		report.ArticleIDs = append(report.ArticleIDs, a.ID)
		return nil
	case errors.As(err, &e) && (e.Code == framing.EConflict || e.Code == framing.EInvalid):
		// A duplicate, or a line past the cap on articles per event.
		return refuse(e)
	}
	return fmt.Errorf("import into event %d, line %d: %w", eventID, line.N, err) // the event is gone, or the database failed
}

// importStopped is the error of an import that a full or read-only
// database stopped at report.StoppedAt: of the fault's kind, but saying
// what was stored before that line, where the fault's own words would say
// that nothing was. The fault stays in the chain, for the log. Any other
// error is returned as it is.
func importStopped(report framing.ImportReport, err error) error {
	code := framing.ErrorCode(err)
	var fault, again string
	switch code {
	case framing.EFull:
		fault, again = "The database is full", "once space is freed on the server"
	case framing.EReadOnly:
		fault, again = "The database is read-only just now", "once it can be written"
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
