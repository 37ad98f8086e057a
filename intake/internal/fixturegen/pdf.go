package fixturegen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

func newPDF() *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A5", "")
	pdf.SetCreationDate(Fixed)
	pdf.SetModificationDate(Fixed)
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	return pdf
}

func output(pdf *fpdf.Fpdf, what string) ([]byte, error) {
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return buf.Bytes(), nil
}

// englishPDF sets the English article in a core font (WinAnsi encoding),
// with page numbers in the footer and enough text to run onto a second page.
func englishPDF() ([]byte, error) {
	pdf := newPDF()
	pdf.SetTitle(Headline, true)
	pdf.SetAuthor("Ada Lind", true)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // UTF-8 to cp1252 for the core fonts
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, strconv.Itoa(pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 16)
	pdf.MultiCell(0, 8, tr(Headline), "", "L", false)
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "", 11)
	for round, prefix := range []string{"", "Again: ", "Once more: "} {
		if round == 2 {
			pdf.Ln(9) // so that the page ends inside a paragraph
		}
		for i, p := range English {
			if round > 0 && i == 0 {
				continue
			}
			pdf.MultiCell(0, 5.5, tr(prefix+p), "", "L", false)
			pdf.Ln(4)
		}
	}
	return output(pdf, "english pdf")
}

// reportPDF is laid out as a newspaper prints: no title in the metadata,
// a headline in large type over two lines, the publication date stated
// under it, and paragraphs told apart by an indented first line, with no
// space between them. Its creation date (Fixed) is not its publication
// date.
func reportPDF() ([]byte, error) {
	pdf := newPDF()
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.AddPage()
	pdf.SetFont("Times", "B", 20)
	pdf.MultiCell(0, 9, tr(ReportHeadline), "", "L", false)
	pdf.SetFont("Helvetica", "", 9)
	pdf.MultiCell(0, 6, "Published "+ReportDate, "", "L", false)
	pdf.Ln(3)
	pdf.SetFont("Times", "", 11)
	left, _, _, _ := pdf.GetMargins()
	for _, p := range English {
		pdf.SetX(left + 6)
		pdf.Write(5.5, tr(p))
		pdf.Ln(5.5)
	}
	return output(pdf, "report pdf")
}

// russianPDF sets the Russian text in an embedded TrueType font, which fpdf
// writes as a composite (Type0, Identity-H) font with a ToUnicode map, as
// word processors do.
func russianPDF(fontPath string) ([]byte, error) {
	font, err := os.ReadFile(fontPath)
	if err != nil {
		return nil, fmt.Errorf("russian pdf font: %w", err)
	}
	pdf := newPDF()
	pdf.AddUTF8FontFromBytes("DejaVu", "", font)
	pdf.AddPage()
	pdf.SetFont("DejaVu", "", 11)
	for _, p := range strings.Split(Russian, "\n\n") {
		pdf.MultiCell(0, 5.5, p, "", "L", false)
		pdf.Ln(4)
	}
	if pdf.Err() {
		return nil, fmt.Errorf("russian pdf: %w", pdf.Error())
	}
	return output(pdf, "russian pdf")
}

// scannedPDF is a page that is only a picture of text: grey paper with
// dark bars where lines would be, and no text layer.
func scannedPDF() ([]byte, error) {
	img := image.NewGray(image.Rect(0, 0, 300, 420))
	for y := range 420 {
		for x := range 300 {
			c := uint8(235)
			if y > 40 && y < 380 && (y/12)%2 == 0 && x > 30 && x < 270-(y*7)%60 {
				c = 40
			}
			img.SetGray(x, y, color.Gray{Y: c})
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		return nil, fmt.Errorf("scanned pdf image: %w", err)
	}
	pdf := newPDF()
	pdf.AddPage()
	opts := fpdf.ImageOptions{ImageType: "PNG"}
	pdf.RegisterImageOptionsReader("scan", opts, &pngData)
	pdf.ImageOptions("scan", 0, 0, 148, 210, false, opts, 0, "")
	return output(pdf, "scanned pdf")
}
