package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"framelens/gold"
	"framelens/lexicons"
)

const evalUsageLine = "usage: web eval [-set dev|heldout|all] [-mode detected|declared] [-gold DIR] [-v]"

const evalHelp = `web eval scores the shipped lexicons against the gold set: short passages of
real coverage annotated with the wordings a teacher would point at. It prints
recall, precision and voice accuracy in total, per passage topic and per
lexicon; -v lists every miss and every wrong tag.

`

// runEval is the eval command: run it from the module's root, where the
// gold set's files are.
func runEval(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("web eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	set := fs.String("set", "all", "which passages: dev (used to tune the lexicons), heldout (never used to tune them) or all")
	mode := fs.String("mode", string(gold.Detected), "detected: topics from each passage's own anchors; declared: the topics its annotator gives")
	dir := fs.String("gold", gold.Dir, "the gold set's folder")
	verbose := fs.Bool("v", false, "list every miss and wrong tag")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		writeHelp(stdout, evalHelp, fs)
		return 0
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err == nil && *mode != string(gold.Detected) && *mode != string(gold.Declared) {
		err = fmt.Errorf("unknown mode %q", *mode)
	}
	if err != nil {
		fmt.Fprintf(stderr, "web eval: %v\n%s\n", err, evalUsageLine)
		return exitUsage
	}
	if err := evaluate(stdout, *dir, *set, gold.Mode(*mode), *verbose); err != nil {
		fmt.Fprintf(stderr, "web eval: %v\n", err)
		return 1
	}
	return 0
}

func evaluate(out io.Writer, dir, set string, mode gold.Mode, verbose bool) error {
	passages, err := gold.Load(os.DirFS(dir))
	if err != nil {
		return err
	}
	if passages, err = gold.Select(passages, set); err != nil {
		return err
	}
	lexs, err := lexicons.Shipped()
	if err != nil {
		return err
	}
	r, err := gold.Evaluate(lexs, passages, mode)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "set %s\n", set)
	gold.Print(out, r, verbose)
	return nil
}
