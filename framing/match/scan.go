package match

import "unicode/utf8"

// Analysis reads the text once for its words. The same pass notes where
// the bytes that can begin a quotation mark, a sentence stop or a line
// break lie, so that finding quotes and sentences afterwards visits only
// those places instead of searching the text again.

// markLists are the positions noted, in order: stops for Sentences, quotes
// for Quotes. Keeping them apart spares each a walk over the other's.
type markLists struct {
	stops, quotes []int32
}

const (
	markStop  = 1 << iota // a byte Sentences looks for: . ! ? newline, and the lead byte of … and U+2029
	markQuote             // a byte Quotes looks for: " ' newline, and the lead bytes of « » and U+2018–U+203A
)

var markKinds = func() (t [256]uint8) {
	for _, c := range []byte{'.', '!', '?', '\n', 0xE2} {
		t[c] |= markStop
	}
	for _, c := range []byte{'"', '\'', '\n', 0xC2, 0xE2} {
		t[c] |= markQuote
	}
	return t
}()

func (l *markLists) note(c byte, i int) {
	k := markKinds[c]
	if k&markStop != 0 {
		l.stops = append(l.stops, int32(i))
	}
	if k&markQuote != 0 {
		l.quotes = append(l.quotes, int32(i))
	}
}

type scanKind uint8

const (
	scanEnd    scanKind = iota // no word left
	scanPacked                 // an ASCII word of up to 16 bytes, packed and folded
	scanASCII                  // an ASCII word too long to pack
	scanOther                  // a word with non-ASCII characters
)

const caseBits = 0x2020202020202020

// lowBytes[n] keeps the low n bytes of a word, for n up to 8; sixteen
// entries, so that indexing it with n&15 needs no bounds check.
var lowBytes = [16]uint64{0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff, 0xffffffffffffff, 0xffffffffffffffff}

// scanWord finds the first word at or after byte i, as nextWord does, and
// appends to marks the positions of mark bytes it passes on the way. An
// ASCII word of up to 16 bytes comes back packed. It is the general way;
// the common word is found by wordLoop.fast. Mark bytes inside a word
// (an apostrophe, the lead byte of a typographic one) are not noted:
// neither Quotes nor Sentences acts on them.
func scanWord(text string, i int, marks *markLists) (start, end int, key packedWord, kind scanKind) {
	n := len(text)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if wordByte[c] {
				break
			}
			if markKinds[c] != 0 {
				marks.note(c, i)
			}
			i++
			continue
		}
		ok, size := wordAt(text, i)
		if ok {
			break
		}
		if markKinds[c] != 0 {
			marks.note(c, i)
		}
		i += size
	}
	if i >= n {
		return -1, -1, packedWord{}, scanEnd
	}
	start, end, ascii := nextWord(text, i)
	if !ascii {
		return start, end, packedWord{}, scanOther
	}
	if key, ok := packASCII(text, start, end); ok {
		return start, end, key, scanPacked
	}
	return start, end, packedWord{}, scanASCII
}
