// Package bulk reads many articles for one event from a JSON Lines or CSV
// file, one record at a time, so that a large file is never held in memory
// whole. Each record becomes a framing.ImportLine: a normalized article
// input or the reason the line cannot be imported, with the line number a
// person can look up in the file.
//
// It is pure: it imports framing and the standard library only, never
// net/http or database/sql. The store imports the lines; the command line
// and the HTTP layer only choose where the bytes come from.
package bulk
