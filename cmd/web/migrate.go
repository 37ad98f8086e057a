package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"framelens/pgstore"
	"framelens/store"
)

const migrateUsageLine = "usage: web migrate-to [-from data.db] -to postgres://…"

const migrateHelp = migrateUsageLine + `

Copies everything in a SQLite database into a new, empty PostgreSQL
database, ids and all: accounts with their passwords, sessions, outlets,
lexicons with their versions, events with their revisions and topics,
articles and their analyses, class sessions, students and marks. The copy
is one transaction: all of it lands, or none. It then counts every
table's rows in both and prints them; a difference undoes the copy.

Stop the server (or keep it from writing) while it runs: what is written
to the SQLite file after the copy began is not copied. A PostgreSQL
database that holds any data is refused. Afterwards start the server with
-db set to the PostgreSQL address.

Exit status: 0 when everything is copied and counted, 1 when the copy
failed (nothing is kept), 2 if the command line is wrong.

`

// runMigrateTo is the migrate-to command. It returns the exit status.
func runMigrateTo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("web migrate-to", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", envOr(getenv, "FRAMELENS_DB", "data.db"), "SQLite database file to copy; it must exist (env FRAMELENS_DB)")
	to := fs.String("to", "", "address of the new, empty PostgreSQL database, postgres://user:password@host/name (required)")
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		writeHelp(stdout, migrateHelp, fs)
		return 0
	}
	switch {
	case err != nil:
	case fs.NArg() > 0:
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case !isPostgres(*to):
		err = errors.New("give the PostgreSQL database to copy into with -to postgres://…")
	case isPostgres(*from):
		err = errors.New("-from is the SQLite file to copy, not a PostgreSQL address")
	}
	if err != nil {
		fmt.Fprintf(stderr, "web migrate-to: %v\n%s\n(web migrate-to -h for more)\n", err, migrateUsageLine)
		return exitUsage
	}
	counts, err := migrateTo(ctx, *from, *to)
	if err != nil {
		fmt.Fprintln(stderr, "web migrate-to:", errorText(err))
		return 1
	}
	fmt.Fprintf(stdout, "Copied %s to %s. Rows in each table, in SQLite and in PostgreSQL:\n", *from, databaseName(*to))
	for _, c := range counts {
		fmt.Fprintf(stdout, "  %-24s %8d %8d\n", c.Table, c.Source, c.Here)
	}
	fmt.Fprintf(stdout, "Every table's rows add up. Start the server with -db %s.\n", databaseName(*to))
	return 0
}

// migrateTo copies the SQLite database at from into the PostgreSQL
// database at to, which must be empty.
func migrateTo(ctx context.Context, from, to string) ([]pgstore.TableCount, error) {
	fi, err := os.Stat(from)
	if err != nil {
		return nil, fmt.Errorf("no database at %s (give -from with the server's database file): %w", from, err)
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a database file", from)
	}
	src, err := store.Open(ctx, from)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	dst, err := pgstore.Open(ctx, to)
	if err != nil {
		return nil, err
	}
	defer dst.Close()
	return dst.Load(ctx, src)
}
