package intake

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/ledongthuc/pdf"
)

// errStreamTooLarge marks a stream that unpacks past the limit it was read
// under.
var errStreamTooLarge = errors.New("pdf stream over its size limit")

// streamBytes unpacks a stream, or an array of streams read as one (as a
// page's Contents may be), reading at most limit bytes so that a
// compression bomb is measured, not unpacked.
func streamBytes(v pdf.Value, limit int64) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil { // the library panics on unknown filters
			data, err = nil, fmt.Errorf("pdf stream: %v", r)
		}
	}()
	streams := []pdf.Value{v}
	if v.Kind() == pdf.Array {
		streams = streams[:0]
		for i := range min(v.Len(), 4096) {
			streams = append(streams, v.Index(i))
		}
	}
	var buf bytes.Buffer
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rc := s.Reader()
		_, err := io.Copy(&buf, io.LimitReader(rc, limit-int64(buf.Len())+1))
		rc.Close()
		if int64(buf.Len()) > limit {
			return nil, errStreamTooLarge
		}
		if err != nil {
			return nil, fmt.Errorf("pdf stream: %w", err)
		}
		buf.WriteByte('\n') // parts of one content stream meet at a token boundary
	}
	return buf.Bytes(), nil
}

// streamGuard ends every stream the interpreter runs. The library's lexer
// loops forever on a hex string left open at the end of a stream ("<41"
// and nothing after it); with the guard, such a string meets a byte that
// is not a hex digit and fails, and anywhere else the guard is a comment.
const streamGuard = "\n%>\n"

// isolatedStream puts data, with the guard after it, into a one-object PDF
// of its own and returns that object, so that the interpreter reads bytes
// we have checked and ended instead of the file's own stream.
func isolatedStream(data []byte) (pdf.Value, error) {
	var b bytes.Buffer
	b.Grow(len(data) + 256)
	b.WriteString("%PDF-1.4\n")
	objAt := b.Len()
	fmt.Fprintf(&b, "1 0 obj\n<< /Length %d >>\nstream\n", len(data)+len(streamGuard))
	b.Write(data)
	b.WriteString(streamGuard)
	b.WriteString("\nendstream\nendobj\n")
	xrefAt := b.Len()
	fmt.Fprintf(&b, "xref\n0 2\n0000000000 65535 f \n%010d 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", objAt, xrefAt)
	r, err := pdf.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		return pdf.Value{}, fmt.Errorf("isolate pdf stream: %w", err)
	}
	return r.Trailer().Key("Root"), nil
}
