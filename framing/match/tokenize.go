package match

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Token is one word in a text, as byte offsets into it. Words are runs of
// letters, digits and combining marks; an apostrophe between letters stays
// inside the word ("Azerbaijan's"); hyphens, dashes, spaces and all other
// punctuation separate words, which is what makes "Nagorno-Karabakh" and
// "Nagorno Karabakh" the same two words.
type Token struct {
	Start, End int
}

// wordByte marks the ASCII bytes that are word characters.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

// isWordRune reports the word characters: letters, digits and combining
// marks. The ASCII case is decided inline.
func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return wordByte[r]
	}
	return isWordRuneOutsideASCII(r)
}

func isWordRuneOutsideASCII(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// IsApostrophe reports the characters used as apostrophes: straight, right
// single quotation mark and modifier letter apostrophe.
func IsApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc'
}

// runeAt is utf8.DecodeRuneInString(text[i:]) with the ASCII case first.
func runeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// runeBefore is utf8.DecodeLastRuneInString(text[:i]) with the ASCII case
// first.
func runeBefore(text string, i int) (rune, int) {
	if c := text[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(text[:i])
}

// wordAt reports whether a word character starts at byte i, and its size.
func wordAt(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return wordByte[c], 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r), size
}

// Tokenize appends the words of text to dst and returns it; pass a reused
// slice to avoid allocation.
func Tokenize(text string, dst []Token) []Token {
	for i := 0; ; {
		start, end, _ := nextWord(text, i)
		if start < 0 {
			return dst
		}
		dst = append(dst, Token{Start: start, End: end})
		i = end
	}
}

const (
	lanes7 = 0x7F7F7F7F7F7F7F7F
	lanes8 = 0x8080808080808080
	lanes1 = 0x0101010101010101
)

// asciiWordBytes counts how many of the eight bytes at text[i:] are, from
// the first, ASCII letters or digits. It classifies all eight at once:
// with the top bit of each byte cleared, adding a constant sets that bit
// exactly when the byte is at least some value, and no carry crosses into
// the next byte.
func asciiWordBytes(text string, i int) int {
	return wordPrefix(load8(text, i))
}

// load8 reads the eight bytes at text[i:] as a little-endian word.
func load8(text string, i int) uint64 {
	b := text[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// wordPrefix is asciiWordBytes for eight bytes already loaded.
func wordPrefix(x uint64) int {
	return bits.TrailingZeros64(^wordLanes(x)&lanes8) / 8
}

// wordLanes sets the top bit of each byte of x that is an ASCII letter or
// digit.
func wordLanes(x uint64) uint64 {
	y := x & lanes7
	lower := y | 0x20*lanes1
	letter := (lower + (0x80-'a')*lanes1) &^ (lower + (0x80-'z'-1)*lanes1)
	digit := (y + (0x80-'0')*lanes1) &^ (y + (0x80-'9'-1)*lanes1)
	return (letter | digit) &^ x & lanes8
}

// nextWord finds the first word at or after byte i: its start and end,
// or -1, -1 when there is none. ascii reports a word of ASCII letters,
// digits and straight apostrophes only, which folds by lowering its letters.
func nextWord(text string, i int) (start, end int, ascii bool) {
	n := len(text)
	for i < n {
		// Skip to the next word character.
		if c := text[i]; c < utf8.RuneSelf {
			if !wordByte[c] {
				i++
				continue
			}
		} else if ok, size := wordAt(text, i); !ok {
			i += size
			continue
		}
		start := i
		ascii = true
		for i < n {
			// Most words are ASCII: take eight bytes at a time while they last.
			if i+8 <= n {
				k := asciiWordBytes(text, i)
				i += k
				if k == 8 {
					continue
				}
				// text[i] is not an ASCII letter or digit; only an
				// apostrophe or a non-ASCII character can go on the word.
				if c := text[i]; c < utf8.RuneSelf && c != '\'' {
					break
				}
			}
			if i >= n {
				break
			}
			c := text[i]
			if c < utf8.RuneSelf && wordByte[c] {
				i++
				continue
			}
			if ok, size := wordAt(text, i); ok {
				ascii = false
				i += size
				continue
			}
			// An apostrophe with a word character on both sides is inside the word.
			r, size := utf8.DecodeRuneInString(text[i:])
			if IsApostrophe(r) && i+size < n {
				if ok, _ := wordAt(text, i+size); ok {
					ascii = ascii && r == '\''
					i += size
					continue
				}
			}
			break
		}
		return start, i, ascii
	}
	return -1, -1, false
}
