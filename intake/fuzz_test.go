package intake_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"framelens/framing"
	"framelens/intake"
)

// checkOutcome is what every input must give: a document with valid
// UTF-8 text in the promised shape, or an application error; never a
// panic, never an internal error for a person's file.
func checkOutcome(t *testing.T, doc intake.Document, err error) {
	t.Helper()
	if err != nil {
		var fe *framing.Error
		if !errors.As(err, &fe) {
			t.Fatalf("error %v is not an application error", err)
		}
		return
	}
	for _, s := range []string{doc.Text, doc.Headline, doc.Byline, doc.Published, doc.Outlet, doc.URL, doc.Language} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %+v", doc)
		}
	}
	if doc.Text == "" || doc.Text != strings.TrimSpace(doc.Text) || strings.Contains(doc.Text, "\n\n\n") {
		t.Fatalf("text out of shape: %q", doc.Text)
	}
}

func FuzzExtractHTML(f *testing.F) {
	for _, name := range []string{"bridge.html", "malicious.html", "page-saved-as.txt", "russian-1251.html"} {
		f.Add(fixture(f, name), "")
	}
	f.Add([]byte(`<script type="application/ld+json">[[[{"@graph":[{"@type":["NewsArticle"],"author":{"@id":"a"}},{"@id":"a","name":["x"]}]}]]]</script><p>t</p>`), "text/html")
	f.Add([]byte(`<meta charset="utf-16"><p>\xff\xfe</p>`), "text/html; charset=koi8-r")
	f.Add([]byte("<svg><math><table><td><p>x<template><p>y"), "")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		doc, err := intake.ExtractHTML(data, "https://example.org/a/b", contentType)
		checkOutcome(t, doc, err)
		if err == nil && doc.URL != "" && !strings.HasPrefix(doc.URL, "http") {
			t.Fatalf("URL %q", doc.URL)
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"bridge.txt", "russian-1251.txt", "latin1.txt", "utf16le-bom.txt"} {
		f.Add(fixture(f, name), "")
	}
	f.Add([]byte("\xFF\xFE\x00\xD8"), "")
	f.Add([]byte("\xEF\xBB\xBF\xC3"), "text/plain; charset=utf-8")
	f.Add([]byte("abc"), "text/plain; charset=utf-16be")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		text, enc, err := intake.DecodeText(data, contentType)
		if err != nil {
			if framing.ErrorCode(err) != framing.EInvalid {
				t.Fatalf("error %v is not an invalid-file error", err)
			}
			return
		}
		if !utf8.ValidString(text) || enc == "" || strings.ContainsRune(text, 0) {
			t.Fatalf("DecodeText gave %q as %q", text, enc)
		}
	})
}

// FuzzExtract feeds every reader, PDF and .docx included, damaged input.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"bridge.pdf", "bridge-ru.pdf", "corrupt.pdf", "scanned.pdf", "bridge.docx", "bridge.md", "bridge.txt"} {
		f.Add(fixture(f, name), name)
	}
	lim := intake.Limits{MaxUnpackedBytes: 4 << 20, Timeout: 5 * time.Second, MaxPDFPages: 20}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		doc, err := intake.Extract(context.Background(), name, data, lim)
		checkOutcome(t, doc, err)
	})
}
