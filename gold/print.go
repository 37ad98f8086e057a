package gold

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Print writes a report as a table: the total, then a line per passage
// topic and per lexicon; with verbose, every miss and wrong tag.
func Print(w io.Writer, r Report, verbose bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "mode %s, %d passages\t gold\t found\t recall\t matches\t correct\t precision\t voice\t must-not\t cross-topic\t\n", r.Mode, r.Passages)
	line := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t %d\t %d\t %.3f\t %d\t %d\t %.3f\t %.3f\t %d\t %d\t\n", name, c.Gold, c.Found, c.Recall(),
			c.Matches, c.Correct, c.Precision(), c.VoiceAccuracy(), c.NotTagged, c.CrossTopic)
	}
	line("TOTAL", r.Total)
	for _, k := range Keys(r.ByTopic) {
		line("passages on "+k, *r.ByTopic[k])
	}
	for _, k := range Keys(r.ByLexicon) {
		line("lexicon "+k, *r.ByLexicon[k])
	}
	tw.Flush()
	if verbose {
		for _, f := range r.Findings {
			fmt.Fprintf(w, "%-9s %-28s %q  %s\n", f.Kind, f.Passage, f.Text, f.Detail)
		}
	}
}
