package bulk

import "framelens/framing"

// MaxLineBytes caps one JSON line or one CSV record (which may span several
// lines inside quotes). It leaves room for a body at framing.MaxBodyBytes
// written with \u escapes, which triple the size of non-Latin text (Python's
// json.dumps escapes that way by default), plus the other fields. A longer
// line is refused as too large and the import goes on with the next line.
const MaxLineBytes = 3*framing.MaxBodyBytes + 64<<10

// MaxRecords is the most articles one import reads: 5,000 records, blank
// lines not counted, refused lines counted. The record after the limit is
// reported as too many and nothing after it is read, so a larger collection
// is imported in several files.
const MaxRecords = 5000

// readBufferSize is how much of the input is read at a time.
const readBufferSize = 64 << 10
