// Package store keeps Framelens's data in SQLite. It is the only package that
// speaks SQL: one file per table group, each query beside the method that
// runs it, migrations as numbered files embedded in the binary. It returns
// framing's types and framing.Error for what a user did wrong.
package store
