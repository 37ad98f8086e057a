package intake

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// Sniff names the format of data: FormatPDF, FormatDOCX, FormatHTML,
// FormatMarkdown, FormatText, or "" when it is none that intake reads. The
// content decides first (magic bytes, markup at the start), the file name's
// extension second; a .pdf or .docx without its magic bytes is still sent to
// its reader so that the person hears that the file is damaged.
func Sniff(data []byte, filename string) string {
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case len(data) == 0:
		return ""
	case isPDF(data):
		return FormatPDF
	case bytes.HasPrefix(data, zipMagic):
		if ext == ".docx" || bytes.Contains(data, []byte("word/document.xml")) {
			return FormatDOCX
		}
		return ""
	case bytes.HasPrefix(data, oleMagic), bytes.HasPrefix(data, rtfMagic):
		return ""
	case binaryKind(data) != "" && hasBinaryBytes(data[:min(len(data), 512)]):
		// Magic alone is not enough: a text may start with "MZ" or "GIF8".
		return ""
	case ext == ".pdf":
		return FormatPDF
	case ext == ".docx":
		return FormatDOCX
	}
	head, ok := textHead(data)
	if !ok {
		return ""
	}
	if looksLikeHTML(head) {
		return FormatHTML
	}
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	}
	return FormatText
}

var (
	rtfMagic = []byte("{\\rtf") // text, but markup we do not read
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") // old .doc, and password-protected .docx
)

// isPDF follows the PDF readers' practice of finding the header anywhere in
// the first kilobyte, after junk that some generators prepend.
func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// binaryKind names common non-text files, for the message that refuses them.
func binaryKind(data []byte) string {
	for _, k := range binaryKinds {
		if bytes.HasPrefix(data, k.magic) {
			return k.name
		}
	}
	return ""
}

var binaryKinds = []struct {
	magic []byte
	name  string
}{
	{[]byte("\x89PNG\r\n\x1a\n"), "a PNG image"},
	{[]byte("\xFF\xD8\xFF"), "a JPEG image"},
	{[]byte("GIF8"), "a GIF image"},
	{[]byte("RIFF"), "a media file"},
	{[]byte("\x1F\x8B"), "a gzip archive"},
	{[]byte("Rar!"), "a RAR archive"},
	{[]byte("7z\xBC\xAF\x27\x1C"), "a 7-Zip archive"},
	{[]byte("\x7FELF"), "a program"},
	{[]byte("MZ"), "a program"},
}

// hasBinaryBytes reports control bytes that text files never hold.
func hasBinaryBytes(head []byte) bool {
	for _, b := range head {
		if b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B) {
			return true
		}
	}
	return false
}

// textHead is the start of data as text, for the markup check: decoded from
// UTF-16 when a BOM says so, refused when it holds NUL bytes.
func textHead(data []byte) (string, bool) {
	head := data[:min(len(data), 2048)]
	switch {
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		units := make([]uint16, 0, len(head)/2)
		for i := 2; i+1 < len(head); i += 2 {
			if bytes.HasPrefix(head, bomUTF16LE) {
				units = append(units, uint16(head[i])|uint16(head[i+1])<<8)
			} else {
				units = append(units, uint16(head[i])<<8|uint16(head[i+1]))
			}
		}
		return string(utf16.Decode(units)), true
	case bytes.IndexByte(head, 0) >= 0:
		return "", false
	}
	return string(bytes.TrimPrefix(head, bomUTF8)), true
}

// htmlStarts are the openings by which browsers sniff a document as HTML.
var htmlStarts = []string{
	"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<h1", "<div", "<font",
	"<table", "<a", "<style", "<title", "<b", "<br", "<p", "<!--", "<meta", "<article", "<?xml",
}

func looksLikeHTML(head string) bool {
	s := strings.ToLower(strings.TrimLeft(head, " \t\r\n\f\ufeff"))
	for _, start := range htmlStarts {
		if !strings.HasPrefix(s, start) {
			continue
		}
		if start == "<?xml" {
			return strings.Contains(s, "<html")
		}
		rest := s[len(start):]
		if start == "<!--" || rest == "" || strings.ContainsRune(" >\t\n\r/", rune(rest[0])) {
			return true
		}
	}
	return false
}

// unsupportedMessage tells a person what the file seems to be and what to
// upload instead.
func unsupportedMessage(data []byte, filename string) string {
	const accepted = "Upload a .txt, .md, .html, .docx or .pdf file, or paste the text."
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return "This looks like an old Word .doc file or a password-protected document, which we cannot read. Save it as .docx without a password, or paste the text."
	case bytes.HasPrefix(data, zipMagic):
		return "This is a ZIP archive but not a Word .docx document. " + accepted
	case bytes.HasPrefix(data, rtfMagic):
		return "This is an RTF document, which we cannot read. Save it as .docx or plain text, or paste the text."
	}
	if kind := binaryKind(data); kind != "" {
		return "This looks like " + kind + ", not an article. " + accepted
	}
	if ext := filepath.Ext(filename); ext != "" {
		return "We cannot read " + strings.ToLower(ext) + " files: this one holds binary data, not text. " + accepted
	}
	return "This file holds binary data, not text. " + accepted
}
