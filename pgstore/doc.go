// Package pgstore keeps Framelens's data in PostgreSQL, for several app
// instances on one database. It has every exported method of package
// store but Backup, with the same signatures and the same observable
// behaviour: the same framing error kinds and messages, orderings (text
// byte by byte, usernames without regard to case), event revisions and
// corpus version (kept by plpgsql triggers, migration 00002, as SQLite's
// triggers keep them), and all-or-nothing transactions. Where SQLite
// relies on its one writer, this store takes row locks in a fixed order
// (see Store). The
// differential tests drive both stores with the same calls and compare
// every answer.
//
// What differs, on purpose:
//   - Ids start at 1 and grow as SQLite's do on every path that stores
//     what it is given (refusals are looked for before the insert, so
//     they use up none). PostgreSQL never gives an id twice, where SQLite
//     gives the highest id again once its row is deleted; a write that
//     loses a race on a constraint uses one up.
//   - Times are kept to the microsecond (SQLite's defaults keep seconds)
//     and come back in UTC, as SQLite's driver gives them.
//   - There is no Backup: the application copies only SQLite's file, and
//     PostgreSQL is backed up with pg_dump (the backup command says so,
//     and the store contract runs its backup part only for a store that
//     has the method). IntegrityCheck asks the
//     server a question (PostgreSQL checks its pages as it reads them);
//     Writable asks whether the server takes writes (a standby, or a
//     database set read-only), since there are no files to name.
package pgstore
