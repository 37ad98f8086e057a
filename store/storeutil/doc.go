// Package storeutil is what the SQLite store (package store) and the
// PostgreSQL store (package pgstore) do alike besides their SQL: the words
// of a full or read-only database, assembling lexicons from their tables'
// rows, the lexicon key, finding a lexicon and a term's phrase among its
// concept's, the loop of a bulk import, and the SQL texts and row
// readers that are the same in both dialects. Each store runs its
// queries and transactions; this package runs none, so that the two
// stores cannot drift apart in what they ask or tell people.
package storeutil
