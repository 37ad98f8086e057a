// Command gen writes intake's generated test fixtures:
//
//	go generate ./intake
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"framelens/intake/internal/fixturegen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "fixturegen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("fixturegen", flag.ContinueOnError)
	out := fs.String("out", "testdata", "directory to write the fixtures to")
	font := fs.String("font", "", "TrueType font with Cyrillic glyphs (default: the one the fpdf module ships)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *font == "" {
		path, err := fixturegen.FontPath()
		if err != nil {
			return err
		}
		*font = path
	}
	files, err := fixturegen.Build(*font)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			return fmt.Errorf("write fixture: %w", err)
		}
		fmt.Printf("%s\t%d bytes\n", name, len(files[name]))
	}
	return nil
}
