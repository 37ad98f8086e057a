package intake

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// toUnicode is a font's ToUnicode map. The library has one too, but it
// offsets a bfrange by the last byte only, so a range wider than 256 codes
// (<0000> <FFFF> <0000>, as FPDF and tFPDF write for every embedded
// TrueType font) decodes to the wrong letters; this one adds whole codes.
type toUnicode struct {
	widths map[int]bool // byte lengths of the code space ranges
	chars  map[uint32]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	n      int       // code length in bytes
	dst    []uint16  // UTF-16 of the first code's text, for a string destination
	list   pdf.Value // one destination per code, for an array destination
}

// maxCMapEntries bounds what a hostile font's map can make us hold.
const maxCMapEntries = 1 << 17

// readToUnicode parses the ToUnicode stream, or returns nil when it holds
// no mapping, so that the library's decoder is used instead. scratch is any
// dictionary: CMaps open with "/CIDInit /ProcSet findresource begin", and
// the interpreter's begin needs a dictionary on the stack, which only a
// value read from the file can be. Nothing is defined in it, since every
// def in a CMap follows its own "n dict begin".
func readToUnicode(stream, scratch pdf.Value) *toUnicode {
	m := &toUnicode{widths: map[int]bool{}, chars: map[uint32]string{}}
	pdf.Interpret(stream, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "findresource":
			stk.Push(scratch)
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				if n := len(args[i].RawString()); n >= 1 && n <= 4 {
					m.widths[n] = true
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(m.chars) < maxCMapEntries; i += 2 {
				code := args[i].RawString()
				if len(code) >= 1 && len(code) <= 4 {
					m.chars[codeValue(code)] = decodeUTF16BE(args[i+1].RawString())
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && len(m.ranges) < maxCMapEntries; i += 3 {
				lo, hi := args[i].RawString(), args[i+1].RawString()
				if len(lo) < 1 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				r := cmapRange{lo: codeValue(lo), hi: codeValue(hi), n: len(lo)}
				if args[i+2].Kind() == pdf.Array {
					r.list = args[i+2]
				} else {
					r.dst = utf16Units(args[i+2].RawString())
				}
				m.ranges = append(m.ranges, r)
			}
		}
	})
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// Decode implements pdf.TextEncoding.
func (m *toUnicode) Decode(raw string) string {
	var out []rune
	for len(raw) > 0 {
		n, text, ok := m.lookup(raw)
		if !ok {
			out = append(out, '\uFFFD')
		} else {
			out = append(out, []rune(text)...)
		}
		raw = raw[n:]
	}
	return string(out)
}

// lookup maps the code at the start of raw, trying the code lengths the
// code space declares, shortest first.
func (m *toUnicode) lookup(raw string) (int, string, bool) {
	first := 0
	for n := 1; n <= 4 && n <= len(raw); n++ {
		if len(m.widths) > 0 && !m.widths[n] {
			continue
		}
		if first == 0 {
			first = n
		}
		code := codeValue(raw[:n])
		if s, ok := m.chars[code]; ok {
			return n, s, true
		}
		for _, r := range m.ranges {
			if r.n != n || code < r.lo || code > r.hi {
				continue
			}
			off := code - r.lo
			if r.list.Kind() == pdf.Array {
				return n, decodeUTF16BE(r.list.Index(int(off)).RawString()), true
			}
			if len(r.dst) == 0 {
				return n, "", true
			}
			units := append([]uint16{}, r.dst...)
			units[len(units)-1] += uint16(off)
			return n, string(utf16.Decode(units)), true
		}
	}
	if first == 0 {
		first = 1
	}
	return min(first, len(raw)), "", false
}

func codeValue(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func utf16Units(s string) []uint16 {
	units := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		units = append(units, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return units
}

func decodeUTF16BE(s string) string {
	return string(utf16.Decode(utf16Units(s)))
}
