// Package pgstore keeps Framelens's data in PostgreSQL, for several app
// instances on one database. It has the methods of package store, with the
// same signatures and the same observable behaviour: the same framing
// error kinds, orderings, event revisions and corpus version (kept by
// plpgsql triggers, as SQLite's triggers keep them), and the same
// all-or-nothing transactions. Where SQLite relies on its single writer,
// this store takes row locks in a fixed order (see store.go).
//
// Ids start at 1 and grow as SQLite's do on every path that does not
// fail; PostgreSQL never reuses an id, where SQLite gives the highest id
// again once its row is deleted, and an insert that fails on a
// constraint in a race uses one up.
package pgstore
