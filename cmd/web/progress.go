package main

import (
	"fmt"
	"io"
	"os"

	"framelens/framing"
)

// progressPrinter writes the running count of an import. On a terminal it
// rewrites one line in place; elsewhere (a log file, a CI job) it writes a
// line every progressEvery lines, so the log stays short.
type progressPrinter struct {
	w        io.Writer
	terminal bool
	written  bool
}

func newProgressPrinter(w io.Writer) *progressPrinter {
	return &progressPrinter{w: w, terminal: isTerminal(w)}
}

func (p *progressPrinter) update(pr framing.ImportProgress) {
	switch {
	case p.terminal:
		// The counts only grow, so each text covers the one before.
		fmt.Fprintf(p.w, "\rimported %d / %d lines…", pr.Imported, pr.Lines)
	case pr.Lines%progressEvery == 0:
		fmt.Fprintf(p.w, "imported %d / %d lines…\n", pr.Imported, pr.Lines)
	default:
		return
	}
	p.written = true
}

// finish ends the line rewritten in place, so what follows starts on a
// line of its own.
func (p *progressPrinter) finish() {
	if p.terminal && p.written {
		fmt.Fprintln(p.w)
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
