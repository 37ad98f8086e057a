package intake_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	"framelens/framing"
	"framelens/intake"

	"github.com/go-pdf/fpdf"
)

func TestDefaultLimitsMatchTheArticleLimit(t *testing.T) {
	lim := intake.DefaultLimits()
	if lim.MaxTextBytes != framing.MaxBodyBytes {
		t.Errorf("MaxTextBytes %d, want the article body limit %d", lim.MaxTextBytes, framing.MaxBodyBytes)
	}
	if lim.MaxFileBytes < lim.MaxTextBytes || lim.MaxUnpackedBytes < lim.MaxFileBytes || lim.Timeout <= 0 || lim.MaxPDFPages <= 0 {
		t.Errorf("limits out of order: %+v", lim)
	}
}

func TestExtractEnforcesLimits(t *testing.T) {
	tests := []struct {
		name, file string
		lim        intake.Limits
		words      []string
	}{
		{"file size", "bridge.txt", intake.Limits{MaxFileBytes: 100}, []string{"The file is 269 bytes; the limit is 100 bytes."}},
		{"file size in MB", "bridge.txt", intake.Limits{MaxFileBytes: 200}, []string{"the limit is 200 bytes"}},
		{"text size", "bridge.txt", intake.Limits{MaxTextBytes: 100}, []string{"The article text in this file is 2", "the limit is 100 bytes", "Split it"}},
		{"text size of a page", "bridge.html", intake.Limits{MaxTextBytes: 500}, []string{"the limit is 500 bytes"}},
		{"pdf pages", "bridge.pdf", intake.Limits{MaxPDFPages: 1}, []string{"longer than the 1-page limit"}},
		{"pdf text while reading", "bridge.pdf", intake.Limits{MaxTextBytes: 100}, []string{"more text than one article may"}},
		{"pdf unpacked content", "bridge.pdf", intake.Limits{MaxUnpackedBytes: 200}, []string{"unpack to more than 200 bytes"}},
		{"docx unpacked", "bridge.docx", intake.Limits{MaxUnpackedBytes: 1000}, []string{"unpacks to more than 1000 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := intake.Extract(context.Background(), tt.file, fixture(t, tt.file), tt.lim)
			wantFileError(t, err, framing.ETooLarge, "file", tt.words...)
		})
	}
}

func TestExtractStopsWhenTheRequestEnds(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, file := range []string{"bridge.txt", "bridge.pdf", "bridge.docx", "bridge.html"} {
		_, err := intake.Extract(cancelled, file, fixture(t, file), intake.DefaultLimits())
		if !errors.Is(err, context.Canceled) || framing.ErrorCode(err) != framing.EInternal {
			t.Errorf("%s with a cancelled context: %v (code %q), want context.Canceled as an internal error", file, err, framing.ErrorCode(err))
		}
	}

	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := intake.Extract(expired, "bridge.pdf", fixture(t, "bridge.pdf"), intake.DefaultLimits())
	wantFileError(t, err, framing.ETooLarge, "file", "took longer than 20s", "paste the text")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline error %v does not wrap context.DeadlineExceeded", err)
	}

	// The extraction's own timeout, with a file whose reader checks it.
	_, err = intake.Extract(context.Background(), "bridge.pdf", fixture(t, "bridge.pdf"), intake.Limits{Timeout: time.Nanosecond})
	wantFileError(t, err, framing.ETooLarge, "file", "took longer than")
}

// zipWith builds a .docx-like archive from parts; raw parts are stored
// with the header the test gives, as a hostile tool would write them.
func zipWith(t *testing.T, parts map[string]string, edit func(*zip.FileHeader)) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		fh := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if edit != nil {
			edit(fh)
		}
		w, err := zw.CreateHeader(fh)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordDoc = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Ferry back on Lake Orm.</w:t></w:r></w:p></w:body></w:document>`

func TestDOCXArchivesThatAreRefused(t *testing.T) {
	many := map[string]string{"word/document.xml": wordDoc}
	for i := range 10_001 {
		many[fmt.Sprintf("word/media/p%d.xml", i)] = ""
	}
	tests := []struct {
		name  string
		data  []byte
		code  string
		words []string
	}{
		{"encrypted entries", zipWith(t, map[string]string{"word/document.xml": wordDoc}, func(fh *zip.FileHeader) { fh.Flags |= 0x1 }),
			framing.EInvalid, []string{"password-protected"}},
		{"too many entries", zipWith(t, many, nil), framing.ETooLarge, []string{"10002 parts", "limit is 10000"}},
		{"no document part", zipWith(t, map[string]string{"word/other.xml": wordDoc}, nil), framing.EInvalid, []string{"not a Word document"}},
		{"broken xml", zipWith(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}, nil), framing.EInvalid, []string{"damaged"}},
		{"header that understates the size", lyingZip(t, 8<<20), framing.EInvalid, []string{"damaged"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := intake.Extract(context.Background(), "a.docx", tt.data, intake.DefaultLimits())
			wantFileError(t, err, tt.code, "file", tt.words...)
		})
	}
}

// lyingZip stores a document part of size bytes under a header that says
// it is tiny, so that only counting what is unpacked can catch it.
func lyingZip(t *testing.T, size int) []byte {
	t.Helper()
	doc := []byte(`<w:document><w:body><w:p><w:r><w:t>` + strings.Repeat("a", size) + `</w:t></w:r></w:p></w:body></w:document>`)
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write(doc)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "word/document.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(doc),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	zw.Close()
	return buf.Bytes()
}

func protectedPDF(t *testing.T, userPassword string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A5", "")
	pdf.SetProtection(fpdf.CnProtectPrint, userPassword, "owner")
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	pdf.MultiCell(0, 5, "The ferry on Lake Orm returned to service on Monday.", "", "L", false)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEncryptedPDFs(t *testing.T) {
	// Protected against changes only: it opens without a password, but the
	// library misreads FPDF's RC4 streams, so the person hears what helps.
	_, err := intake.Extract(context.Background(), "a.pdf", protectedPDF(t, ""), intake.DefaultLimits())
	wantFileError(t, err, framing.EInvalid, "file", "encrypted", "without protection")
	_, err = intake.Extract(context.Background(), "a.pdf", protectedPDF(t, "secret"), intake.DefaultLimits())
	wantFileError(t, err, framing.EInvalid, "file", "password-protected")
}
