package intake

import (
	"bytes"
	"mime"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"framelens/framing"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

var (
	bomUTF8    = []byte("\xEF\xBB\xBF")
	bomUTF16LE = []byte("\xFF\xFE")
	bomUTF16BE = []byte("\xFE\xFF")
)

// Encoding names as Document.Encoding reports them.
const (
	encUTF8        = "utf-8"
	encUTF16LE     = "utf-16le"
	encUTF16BE     = "utf-16be"
	encWindows1251 = "windows-1251"
	encWindows1252 = "windows-1252"
	encISO88591    = "iso-8859-1"
)

// DecodeText turns the bytes of a text file into UTF-8 and names the
// encoding it found. A byte-order mark decides first, then a charset in
// contentType (a Content-Type header value, may be ""), then valid UTF-8;
// anything else is told apart as windows-1251 (Cyrillic) or windows-1252
// (Western European). Binary data and broken UTF-16 are refused with a
// *framing.Error about the field "file".
func DecodeText(data []byte, contentType string) (text string, enc string, err error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		return decodeUTF8(data[len(bomUTF8):])
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data[2:], true)
	}
	switch e, name := declaredCharset(contentType); name {
	case "", encUTF8:
	case encUTF16LE:
		return decodeUTF16(data, false)
	case encUTF16BE:
		return decodeUTF16(data, true)
	default:
		return decodeWith(data, e, name)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", fileError(framing.EInvalid, nil,
			"This file holds binary data (NUL bytes), not text. Save the article as plain text (UTF-8) or upload it as .docx or .pdf.")
	}
	if utf8.Valid(data) {
		return decodeUTF8(data)
	}
	e, name := detectLegacy(data)
	return decodeWith(data, e, name)
}

// declaredCharset is the encoding named by a Content-Type's charset, if
// it is one we know.
func declaredCharset(contentType string) (encoding.Encoding, string) {
	if contentType == "" {
		return nil, ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["charset"] == "" {
		return nil, ""
	}
	e, name := charset.Lookup(params["charset"])
	if e == nil {
		return nil, ""
	}
	return e, strings.ToLower(name)
}

func decodeUTF8(data []byte) (string, string, error) {
	if !utf8.Valid(data) {
		return "", "", fileError(framing.EInvalid, nil,
			"This file says it is UTF-8 but holds bytes that are not. Save it again as UTF-8 text.")
	}
	return checkDecoded(string(data), encUTF8)
}

// decodeUTF16 refuses what a lenient decoder would quietly turn into
// replacement characters: an odd length and unpaired surrogates.
func decodeUTF16(data []byte, bigEndian bool) (string, string, error) {
	name := encUTF16LE
	if bigEndian {
		name = encUTF16BE
	}
	bad := fileError(framing.EInvalid, nil,
		"This file starts with a UTF-16 marker but its content is not valid UTF-16 text. Save it again as UTF-8 text.")
	if len(data)%2 != 0 {
		return "", "", bad
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i]) | uint16(data[2*i+1])<<8
		}
	}
	for i := 0; i < len(units); i++ {
		switch u := units[i]; {
		case 0xD800 <= u && u < 0xDC00:
			if i+1 >= len(units) || units[i+1] < 0xDC00 || units[i+1] >= 0xE000 {
				return "", "", bad
			}
			i++
		case 0xDC00 <= u && u < 0xE000:
			return "", "", bad
		}
	}
	return checkDecoded(string(utf16.Decode(units)), name)
}

func decodeWith(data []byte, e encoding.Encoding, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fileError(framing.EInvalid, err,
			"This file could not be read as %s text. Save it again as UTF-8 text.", name)
	}
	return checkDecoded(string(bytes.ToValidUTF8(out, []byte("\uFFFD"))), name)
}

// checkDecoded refuses text that decoded but is not prose: NUL characters,
// or more control characters than any article has (binary data read as a
// code page).
func checkDecoded(s, name string) (string, string, error) {
	s = strings.TrimPrefix(s, "\uFEFF")
	controls, total := 0, 0
	for _, r := range s {
		total++
		if r == 0 {
			return "", "", fileError(framing.EInvalid, nil,
				"This file holds NUL characters, which text never has. Save the article as plain text (UTF-8) or upload it as .docx or .pdf.")
		}
		if unicode.IsControl(r) && !strings.ContainsRune("\t\n\r\f\v", r) {
			controls++
		}
	}
	if controls > 0 && controls*100 > total {
		return "", "", fileError(framing.EInvalid, nil,
			"This file holds binary data, not text. Save the article as plain text (UTF-8) or upload it as .docx or .pdf.")
	}
	return s, name, nil
}

// detectLegacy tells windows-1251 from windows-1252 for bytes that are not
// UTF-8. The ICU detector ranks candidates by language statistics; only the
// two code pages our readers use are taken from its list, and when it names
// neither, Cyrillic is recognised by its shape: in windows-1251 whole words
// are high bytes, in Western European text accented letters stand alone
// among ASCII ones.
func detectLegacy(data []byte) (encoding.Encoding, string) {
	sample := data[:min(len(data), 64<<10)]
	if results, err := chardet.NewTextDetector().DetectAll(sample); err == nil {
		for _, r := range results {
			switch strings.ToLower(r.Charset) {
			case encWindows1251:
				return charmap.Windows1251, encWindows1251
			case encISO88591:
				// Decoded as windows-1252, its superset for printable text.
				return charmap.Windows1252, encISO88591
			case encWindows1252:
				return charmap.Windows1252, encWindows1252
			}
		}
	}
	if looksCyrillic1251(sample) {
		return charmap.Windows1251, encWindows1251
	}
	return charmap.Windows1252, encWindows1252
}

// looksCyrillic1251 is true when most letters above ASCII (0xC0–0xFF, the
// Cyrillic alphabet in windows-1251) have another such letter beside them.
func looksCyrillic1251(data []byte) bool {
	high, paired := 0, 0
	for i, b := range data {
		if b < 0xC0 {
			continue
		}
		high++
		if (i > 0 && data[i-1] >= 0xC0) || (i+1 < len(data) && data[i+1] >= 0xC0) {
			paired++
		}
	}
	return high > 0 && paired*2 > high
}
