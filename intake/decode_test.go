package intake_test

import (
	"testing"

	"framelens/framing"
	"framelens/intake"

	"golang.org/x/text/encoding/charmap"
)

func cp1251(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1251.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func cp1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeTextFindsTheEncoding(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		contentType string
		text, enc   string
	}{
		{"plain ascii", []byte("Bridge opens"), "", "Bridge opens", "utf-8"},
		{"utf-8", []byte("Мост открыт, café"), "", "Мост открыт, café", "utf-8"},
		{"utf-8 with BOM", []byte("\xEF\xBB\xBFBridge"), "", "Bridge", "utf-8"},
		{"utf-16le BOM", []byte("\xFF\xFEM\x00o\x00s\x00t\x00 \x00\x1C\x04"), "", "Most М", "utf-16le"},
		{"utf-16be BOM", []byte("\xFE\xFF\x00M\x04\x1C"), "", "MМ", "utf-16be"},
		{"utf-16 surrogate pair", []byte("\xFF\xFE\x3D\xD8\x09\xDE"), "", "😉", "utf-16le"},
		{"BOM beats the header", []byte("\xEF\xBB\xBFМост"), "text/plain; charset=windows-1251", "Мост", "utf-8"},
		{"declared windows-1251", cp1251(t, "Мост"), "text/plain; charset=windows-1251", "Мост", "windows-1251"},
		{"declared koi8-r", []byte{0xED, 0xCF, 0xD3, 0xD4}, "text/plain; charset=KOI8-R", "Мост", "koi8-r"},
		{"declared utf-16le without BOM", []byte("M\x00o\x00"), "text/plain; charset=utf-16le", "Mo", "utf-16le"},
		{"declared utf-8 but not", cp1251(t, "Новый мост через реку открыли в субботу"), "text/plain; charset=utf-8", "Новый мост через реку открыли в субботу", "windows-1251"},
		{"unknown charset ignored", []byte("Bridge"), "text/plain; charset=x-unheard-of", "Bridge", "utf-8"},
		{"russian sentence", cp1251(t, "Жители посёлка впервые прошли по новому мосту через реку."), "", "Жители посёлка впервые прошли по новому мосту через реку.", "windows-1251"},
		{"one russian word", cp1251(t, "Мост"), "", "Мост", "windows-1251"},
		{"german", cp1252(t, "Die Brücke über den Fluss wurde eröffnet. Straße gesperrt."), "", "Die Brücke über den Fluss wurde eröffnet. Straße gesperrt.", "iso-8859-1"},
		{"french", cp1252(t, "Le maire a inauguré le pont samedi, après deux années de travaux."), "", "Le maire a inauguré le pont samedi, après deux années de travaux.", "iso-8859-1"},
		{"windows-1252 quotes", cp1252(t, "The mayor said “it is open” – finally."), "", "The mayor said “it is open” – finally.", "windows-1252"},
		{"one german name", cp1252(t, "Müller"), "", "Müller", "iso-8859-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := intake.DecodeText(tt.data, tt.contentType)
			if err != nil {
				t.Fatalf("DecodeText: %v", err)
			}
			if text != tt.text || enc != tt.enc {
				t.Errorf("got %q as %q, want %q as %q", text, enc, tt.text, tt.enc)
			}
		})
	}
}

func TestDecodeTextRefusesWhatIsNotText(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		words []string
	}{
		{"NUL bytes", []byte("Bridge\x00opens"), []string{"binary data", "NUL"}},
		{"utf-16 without BOM", []byte("B\x00r\x00i\x00d\x00g\x00e\x00"), []string{"NUL"}},
		{"odd utf-16", []byte("\xFF\xFEB\x00r"), []string{"not valid UTF-16"}},
		{"lone high surrogate", []byte("\xFF\xFE\x3D\xD8A\x00"), []string{"not valid UTF-16"}},
		{"lone low surrogate", []byte("\xFE\xFF\xDE\x09"), []string{"not valid UTF-16"}},
		{"high surrogate at the end", []byte("\xFF\xFEA\x00\x3D\xD8"), []string{"not valid UTF-16"}},
		{"NUL inside utf-16", []byte("\xFF\xFEA\x00\x00\x00"), []string{"NUL characters"}},
		{"bad utf-8 after BOM", []byte("\xEF\xBB\xBFab\xff"), []string{"says it is UTF-8"}},
		{"control characters", []byte("ab\x01\x02\x03\x04\x05\x06\x07\x08cd\x1b\x1c"), []string{"binary data"}},
		{"binary high bytes", []byte{0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x01, 0x02, 0x03, 0xC0, 0xFE}, []string{"binary data"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := intake.DecodeText(tt.data, "")
			wantFileError(t, err, framing.EInvalid, "file", tt.words...)
		})
	}
}
