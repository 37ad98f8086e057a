package bulk_test

import (
	"bytes"
	"testing"

	"framelens/bulk"
)

// FuzzReader checks that no input makes the reader panic, go back in line
// numbers, or yield an input that is not valid.
func FuzzReader(f *testing.F) {
	f.Add([]byte(goodJSON+"\n\n"+goodJSON2), uint8(0))
	f.Add([]byte(csvHeader+"V,\"Dam\nopens\",en,\""+damBody+"\"\r\n"), uint8(2))
	f.Add([]byte("\uFEFF"+csvHeader+`V,"a""b",en,`+damBody), uint8(0))
	f.Add([]byte(`{"outlet": [1], "x": {}}`+"\n{"), uint8(1))
	formats := []bulk.Format{bulk.Auto, bulk.JSONL, bulk.CSV}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		r, err := bulk.NewReader(bytes.NewReader(data), formats[int(which)%len(formats)])
		if err != nil {
			return
		}
		last := 0
		for l := range r.Lines() {
			if l.N <= last {
				t.Fatalf("line %d after line %d", l.N, last)
			}
			last = l.N
			if l.Err == nil {
				in := l.Input
				if err := in.Normalize(); err != nil || in != l.Input {
					t.Fatalf("line %d: the input %+v is not normalized and valid: %v", l.N, l.Input, err)
				}
			}
		}
	})
}
