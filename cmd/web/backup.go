package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"framelens/framing"
)

const backupUsageLine = "usage: web backup [-db data.db] OUT"

const backupHelp = backupUsageLine + `

Writes a consistent copy of the database to the new file OUT, also while
the server is running and writing: the copy holds every change that was
finished when it began and nothing half done. OUT must not exist yet (a
backup never overwrites a file). The copy is synced to disk and checked
with SQLite's integrity check before the command ends.

To restore: stop the server, copy OUT over the database file (data.db),
delete data.db-wal and data.db-shm if they are there, start the server.

Exit status: 0 when the copy is written and checked, 1 when it failed,
2 if the command line is wrong.

`

// runBackup is the backup command. It returns the exit status.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("web backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", envOr(getenv, "FRAMELENS_DB", "data.db"), "SQLite database file to copy; it must exist (env FRAMELENS_DB)")
	// The file may come before or after the flags.
	var files []string
	var err error
	for rest := args; ; rest = fs.Args()[1:] {
		if err = fs.Parse(rest); err != nil || fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
	}
	if errors.Is(err, flag.ErrHelp) {
		writeHelp(stdout, backupHelp, fs)
		return 0
	}
	if err == nil && len(files) != 1 {
		err = fmt.Errorf("give one file to write the backup to, not %d", len(files))
	}
	if err != nil {
		fmt.Fprintf(stderr, "web backup: %v\n%s\n(web backup -h for more)\n", err, backupUsageLine)
		return exitUsage
	}
	out := files[0]
	if err := backup(ctx, *dbPath, out); err != nil {
		fmt.Fprintln(stderr, "web backup:", errorText(err))
		return 1
	}
	size := int64(0)
	if fi, err := os.Stat(out); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes); SQLite's integrity check found no problem.\n", *dbPath, out, size)
	return 0
}

// backup copies the database at dbPath to out. A database that does not
// exist is an error here, not a new empty database to copy.
func backup(ctx context.Context, dbPath, out string) error {
	if isPostgres(dbPath) {
		// A file copy is SQLite's way; pg_dump copies one consistent
		// snapshot while the instances keep writing.
		return framing.Errorf(framing.EInvalid,
			"This server keeps its data in PostgreSQL, which the backup command does not copy: back it up with pg_dump, for example pg_dump --format=custom --file=%s DATABASE_URL (see docs/deploy.md).", out)
	}
	db, err := openExistingDatabase(ctx, dbPath, "give -db with the server's database file")
	if err != nil {
		return err
	}
	defer db.close()
	return db.backups.Backup(ctx, out)
}
