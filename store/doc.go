// Package store keeps Framelens's data in SQLite. It is the only package that
// speaks SQL: one file per table group, each query beside the method that
// runs it, migrations as numbered files embedded in the binary. It returns
// framing's types and framing.Error for what a user did wrong.
//
// What it must do is the contract in store/storetest, which another
// database passes too. Triggers keep an event's revision (migration 00006)
// and the corpus version (00004) whoever writes, the import command
// included; the contract tests what they keep, so another database may
// keep them its own way.
package store
