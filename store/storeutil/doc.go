// Package storeutil is what the SQLite store (package store) and the
// PostgreSQL store (package pgstore) do alike besides their SQL: the words
// of a full or read-only database, assembling lexicons from their tables'
// rows, the lexicon key, finding a lexicon and a term's phrase among its
// concept's, and the loop of a bulk import. Each store reads
// its rows and runs its transactions; this package takes what they give
// and holds no SQL, so that the two stores cannot drift apart in what
// they tell people.
package storeutil
