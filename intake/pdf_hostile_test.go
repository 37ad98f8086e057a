package intake_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"testing"
	"time"

	"framelens/framing"
	"framelens/intake"
)

// buildPDF writes objects 1…n as a PDF with a correct cross-reference
// table, so that tests can shape page trees and streams no writer makes.
func buildPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, obj := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, obj)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func stream(content string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)
}

func flateStream(content []byte) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(content)
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.String())
}

const (
	catalog   = "<< /Type /Catalog /Pages 2 0 R >>"
	helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	textPage  = "BT /F1 12 Tf 72 700 Td (The ferry on Lake Orm is back.) Tj ET"
)

func pdfPage(parent, contents string) string {
	return "<< /Type /Page /Parent " + parent + " /Resources << /Font << /F1 4 0 R >> >> /Contents " + contents + " >>"
}

func TestHostilePDFsEndQuickly(t *testing.T) {
	tests := []struct {
		name string
		pdf  []byte
		want string // the text, or "" for a refusal
	}{
		{"a plain page", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"), helvetica, stream(textPage)),
			"The ferry on Lake Orm is back."},
		{"a page tree that contains itself", buildPDF(catalog, "<< /Type /Pages /Kids [2 0 R 3 0 R 3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"), helvetica, stream(textPage)),
			"The ferry on Lake Orm is back."},
		{"a page that is its own parent", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 3 0 R /Contents 5 0 R >>", helvetica, stream(textPage)),
			"The ferry on Lake Orm is back."},
		{"a page of bare numbers beside a page of text", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>", pdfPage("2 0 R", "5 0 R"), helvetica,
			flateStream(bytes.Repeat([]byte("1 "), 5<<20)), pdfPage("2 0 R", "7 0 R"), stream(textPage)),
			"The ferry on Lake Orm is back."},
		{"a font map bomb", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"),
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>", stream(textPage),
			flateStream(bytes.Repeat([]byte(" "), 6<<20))),
			""},
		{"an operator with missing operands", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"), helvetica,
			stream("BT Tf Td Tm TJ ' \" Tj /F1 12 Tf [(The ferry) -250 (is back.)] TJ ET")),
			"The ferry is back."},
		// The library's lexer loops forever on these unless the stream is guarded.
		{"a hex string left open at the end of a page", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"), helvetica,
			stream(textPage+" BT /F1 12 Tf 72 600 Td <4142")),
			"The ferry on Lake Orm is back."},
		{"a hex string left open at the end of a font map", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"),
			"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>", stream(textPage), stream("1 beginbfchar <0041")),
			""},
		{"an unknown filter", buildPDF(catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", pdfPage("2 0 R", "5 0 R"), helvetica,
			"<< /Length 4 /Filter /NoSuchDecode >>\nstream\nabcd\nendstream"),
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := intake.Extract(context.Background(), "x.pdf", tt.pdf, intake.DefaultLimits())
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if tt.want == "" {
				if framing.ErrorCode(err) != framing.EInvalid && framing.ErrorCode(err) != framing.ETooLarge {
					t.Errorf("got %q, %v; want a refusal", doc.Text, err)
				}
				return
			}
			if err != nil || doc.Text != tt.want {
				t.Errorf("got %q, %v; want %q", doc.Text, err, tt.want)
			}
		})
	}
}
