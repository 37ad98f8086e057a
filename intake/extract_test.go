package intake_test

import (
	"context"
	"strings"
	"testing"

	"framelens/framing"
	"framelens/intake"
	"framelens/intake/internal/fixturegen"
)

// TestExtractReadsEveryFormatAndEncoding runs each fixture through Extract
// and checks what a person would see: the format and encoding, the text's
// first and last words, metadata, and that nothing around the article came
// along.
func TestExtractReadsEveryFormatAndEncoding(t *testing.T) {
	tests := []struct {
		file, name       string // name is what the upload is called
		format, encoding string
		first, last      string // start of the first and end of the last paragraph
		paragraphs       int
		contains         []string
		absent           []string
		want             intake.Document // metadata only; Text is checked above
		detected         string          // the language told from the text, where the source names none
	}{
		{
			file: "bridge.txt", detected: "en", format: "text", encoding: "utf-8", paragraphs: 3,
			first: "The town of Marrow Creek", last: "most of the work.",
			contains: []string{"first hour.\nThe mayor"},
		},
		{
			file: "russian-1251.txt", detected: "ru", format: "text", encoding: "windows-1251", paragraphs: 3,
			first: "Жители посёлка Заречье", last: "Роман Окунев.",
			contains: []string{"«Мы хотели"},
		},
		{
			file: "latin1.txt", detected: "de", format: "text", encoding: "iso-8859-1", paragraphs: 2,
			first: "Die neue Fußgängerbrücke", last: "bis Montag gesperrt.",
			contains: []string{"café", "Bürgermeisterin Jütte", "Straße", "crème brûlée"},
		},
		{
			file: "utf16le-bom.txt", detected: "en", format: "text", encoding: "utf-16le", paragraphs: 2,
			first: "Footbridge opens in Marrow Creek — résumé", last: "stayed open late.",
			absent: []string{"\uFEFF"},
		},
		{
			file: "bridge.md", detected: "en", format: "markdown", encoding: "utf-8", paragraphs: 7,
			first: "The town of Marrow Creek opened", last: "the Okafor bridge & smile.",
			contains: []string{"The town of Marrow Creek opened", "was closed for safety", "A crossing for everyone",
				"The mayor, Elsa Brandt, cut", `"We wanted a crossing`, "forty metres long\ntimber and steel", "a regional fund"},
			absent: []string{"#", "**", "](", "https://council.example", "alert", "<script", "bridge.jpg", "A photo of the bridge", "---", "~~", "&amp;", "`"},
			want:   intake.Document{Headline: fixturegen.Headline},
		},
		{
			file: "bridge.html", format: "html", encoding: "utf-8", paragraphs: 5,
			first: "The town of Marrow Creek opened", last: "more visitors at weekends.",
			contains: []string{"“We wanted a crossing", "A small café"},
			absent: []string{"cookies", "Subscribe", "ADVERTISEMENT", "SPONSORED", "Related stories", "Ferry timetable",
				"Comments", "Lovely bridge", "First!", "All rights reserved", "Privacy", "dataLayer", "track(", "font-family",
				"By Ada Lind", "<", "&ldquo;"},
			want: intake.Document{
				Headline: "Marrow Creek opens its new footbridge", Byline: "Ada Lind, Tom Reed", Published: "2024-05-03",
				Outlet: "The Valley Courier", URL: "https://courier.example/news/2024/05/footbridge-opens", Language: "en",
			},
		},
		{
			file: "russian-1251.html", detected: "ru", format: "html", encoding: "windows-1251", paragraphs: 3,
			first: "Жители посёлка", last: "Роман Окунев.",
			want: intake.Document{Headline: "Мост в Заречье"},
		},
		{
			file: "page-saved-as.txt", detected: "en", format: "html", encoding: "utf-8", paragraphs: 2,
			first: "The passenger ferry on Lake Orm", last: "twelve passengers on board.",
			absent: []string{"Home", "<p>", "all rights reserved"},
			want:   intake.Document{Headline: "Ferry returns to Lake Orm", Outlet: "Orm Weekly"},
		},
		{
			file: "bridge.docx", format: "docx", paragraphs: 7,
			first: "The town of Marrow Creek opened", last: "more visitors at weekends.",
			contains: []string{"two years after the old wooden", "Length:\t40 m\nOpened:\tFriday", "Cell one\n\nCell two", "café"},
			absent:   []string{"DELETEDTEXT", "HYPERLINK", "fieldcode", "\t\t"},
			want:     intake.Document{Headline: fixturegen.Headline, Byline: "Ada Lind", Published: "2024-05-03", Language: "en"},
		},
		{
			// Two pages; a paragraph runs from the first onto the second.
			file: "bridge.pdf", detected: "en", format: "pdf", paragraphs: 10,
			first: "The town of Marrow Creek opened", last: "more visitors at weekends.",
			contains: []string{"Friday morning, two years after", "A small café on the western bank",
				"Again: About three hundred residents walked across the bridge within the first hour. The mayor",
				"Once more: About three hundred residents walked across the bridge within the first hour. The mayor, Elsa Brandt, cut a green ribbon at the eastern end and thanked the engineers, the volunteers and the neighbours who"},
			absent: []string{"\n1\n", "\n2\n", "\n\n1", "2\n\n", "  "},
			// The file's creation date is no publication date.
			want: intake.Document{Headline: fixturegen.Headline, Byline: "Ada Lind"},
		},
		{
			// Laid out as printed: the headline in large type over two
			// lines and no title in the metadata, the publication date
			// stated under it, paragraphs told by their indented first line.
			file: "report.pdf", format: "pdf", paragraphs: 4, detected: "en",
			first: "The town of Marrow Creek opened", last: "more visitors at weekends.",
			contains: []string{"closed for safety reasons.\n\nAbout three hundred"},
			absent:   []string{"approves a second footbridge", "Published", "12 March"},
			want:     intake.Document{Headline: fixturegen.ReportHeadline, Published: "2024-03-12"},
		},
		{
			file: "bridge-ru.pdf", detected: "ru", format: "pdf", paragraphs: 3,
			first: "Жители посёлка Заречье впервые прошли", last: "Роман Окунев.",
			contains: []string{"пешеходному мосту через реку Тиху."},
			want:     intake.Document{},
		},
		{
			// A PDF with a name that says nothing is still read as a PDF.
			file: "bridge.pdf", detected: "en", name: "download.bin", format: "pdf", paragraphs: 10,
			first: "The town of Marrow Creek", last: "more visitors at weekends.",
			want: intake.Document{Headline: fixturegen.Headline, Byline: "Ada Lind"},
		},
	}
	for _, tt := range tests {
		name := tt.name
		if name == "" {
			name = tt.file
		}
		t.Run(name, func(t *testing.T) {
			doc, err := intake.Extract(context.Background(), name, fixture(t, tt.file), intake.DefaultLimits())
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if doc.Format != tt.format || doc.Encoding != tt.encoding {
				t.Errorf("format %q encoding %q, want %q %q", doc.Format, doc.Encoding, tt.format, tt.encoding)
			}
			checkShape(t, doc.Text)
			paras := paragraphs(doc.Text)
			if len(paras) != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d:\n%s", len(paras), tt.paragraphs, doc.Text)
			}
			if !strings.HasPrefix(paras[0], tt.first) || !strings.HasSuffix(paras[len(paras)-1], tt.last) {
				t.Errorf("text runs %q … %q, want %q … %q", paras[0], paras[len(paras)-1], tt.first, tt.last)
			}
			for _, s := range tt.contains {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text holds %q:\n%s", s, doc.Text)
				}
			}
			got := doc
			got.Text, got.Format, got.Encoding = "", "", ""
			want := tt.want
			if tt.detected != "" {
				want.Language, want.LanguageDetected = tt.detected, true
			}
			if got != want {
				t.Errorf("metadata\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestExtractReadsPDF20(t *testing.T) {
	pdf := fixture(t, "bridge.pdf")
	v20 := append([]byte("%PDF-2.0"), pdf[len("%PDF-1.3"):]...)
	if !strings.HasPrefix(string(pdf), "%PDF-1.3") {
		t.Fatalf("fixture header %q", pdf[:8])
	}
	doc, err := intake.Extract(context.Background(), "v2.pdf", v20, intake.DefaultLimits())
	if err != nil || !strings.HasPrefix(doc.Text, "The town of Marrow Creek") {
		t.Errorf("PDF 2.0: %q, %v", doc.Text, err)
	}
}

func TestSniffTrustsContentBeforeTheName(t *testing.T) {
	pdf := fixture(t, "bridge.pdf")
	docx := fixture(t, "bridge.docx")
	tests := []struct {
		name, filename string
		data           []byte
		want           string
	}{
		{"pdf by magic", "scan.bin", pdf, "pdf"},
		{"pdf after junk", "x", append([]byte("junk\n"), pdf...), "pdf"},
		{"docx by its parts", "report", docx, "docx"},
		{"docx by name", "a.DOCX", []byte("PK\x03\x04 not really"), "docx"},
		{"other zip", "photos.zip", []byte("PK\x03\x04 photos"), ""},
		{"html in a .txt", "page.txt", []byte("\n  <!DOCTYPE html><p>Hi</p>"), "html"},
		{"html fragment", "note", []byte("<p>Hello</p>"), "html"},
		{"html comment first", "x.txt", []byte("<!-- saved --><div>x</div>"), "html"},
		{"xhtml", "x", []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`), "html"},
		{"xml that is not html", "x", []byte(`<?xml version="1.0"?><feed>`), "text"},
		{"html by name", "page.htm", []byte("Just words"), "html"},
		{"angle bracket prose", "x.txt", []byte("<about> the bridge"), "text"},
		{"markdown by name", "notes.md", []byte("# Bridge\n\nText"), "markdown"},
		{"markdown that looks like nothing else", "notes.markdown", []byte("Text"), "markdown"},
		{"text with another name", "article.text", []byte("Plain words"), "text"},
		{"utf-16 html", "x.txt", append([]byte{0xFF, 0xFE}, []byte("<\x00h\x00t\x00m\x00l\x00>\x00")...), "html"},
		{"utf-16 text", "x.txt", fixture(t, "utf16le-bom.txt"), "text"},
		{"binary with NULs", "x.txt", []byte("abc\x00\x01\x02"), ""},
		{"png named .txt", "x.txt", []byte("\x89PNG\r\n\x1a\n...."), ""},
		{"text that starts like a program", "x.txt", []byte("MZ Bridge Authority reports"), "text"},
		{"rtf", "x.rtf", []byte(`{\rtf1\ansi Bridge}`), ""},
		{"old word", "x.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."), ""},
		{"old word named docx", "x.docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."), ""},
		{"damaged pdf by name", "x.pdf", []byte("garbage"), "pdf"},
		{"empty", "x.txt", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := intake.Sniff(tt.data, tt.filename); got != tt.want {
				t.Errorf("Sniff(%q) = %q, want %q", tt.filename, got, tt.want)
			}
		})
	}
}

func TestExtractRefusesWhatItCannotRead(t *testing.T) {
	tests := []struct {
		name, filename string
		data           []byte
		code           string
		words          []string
	}{
		{"empty file", "a.txt", nil, framing.EInvalid, []string{"empty"}},
		{"only spaces", "a.txt", []byte(" \n\t\r\n "), framing.EInvalid, []string{"no article text"}},
		{"html without text", "a.html", []byte("<html><script>x()</script><nav>Home</nav></html>"), framing.EInvalid, []string{"no article text"}},
		{"image", "photo.jpg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), framing.EInvalid, []string{"JPEG image", ".docx"}},
		{"rtf", "a.rtf", []byte(`{\rtf1\ansi The bridge opened.}`), framing.EInvalid, []string{"RTF document", ".docx"}},
		{"old doc", "a.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole"), framing.EInvalid, []string{"old Word .doc", "password"}},
		{"zip", "a.zip", []byte("PK\x03\x04 zip"), framing.EInvalid, []string{"ZIP archive but not a Word"}},
		{"binary", "a.bin", []byte("\x01\x02\x03\x00\x00\x04"), framing.EInvalid, []string{"binary data"}},
		{"scanned pdf", "scan.pdf", fixture(t, "scanned.pdf"), framing.EInvalid, []string{"no text layer", "scan", "OCR", "Paste"}},
		{"corrupt pdf", "a.pdf", fixture(t, "corrupt.pdf"), framing.EInvalid, []string{"damaged"}},
		{"garbage named pdf", "a.pdf", []byte("this is no pdf at all"), framing.EInvalid, []string{"damaged"}},
		{"pdf header only", "a.pdf", []byte("%PDF-1.4\n%%EOF\n"), framing.EInvalid, []string{"damaged"}},
		{"zip bomb docx", "bomb.docx", fixture(t, "zipbomb.docx"), framing.ETooLarge, []string{"unpacks to more than 64 MB"}},
		{"not a zip named docx", "a.docx", []byte("plain words in a docx"), framing.EInvalid, []string{"damaged or is not a Word document"}},
		{"invalid utf-16", "a.txt", []byte("\xFF\xFEa\x00\x00\xD8b\x00"), framing.EInvalid, []string{"not valid UTF-16"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := intake.Extract(context.Background(), tt.filename, tt.data, intake.DefaultLimits())
			wantFileError(t, err, tt.code, "file", tt.words...)
			if doc != (intake.Document{}) {
				t.Errorf("got a document with the error: %+v", doc)
			}
		})
	}
}

func TestExtractFetchedReportsAgainstTheURLField(t *testing.T) {
	ctx := context.Background()
	doc, err := intake.ExtractFetched(ctx, "https://courier.example/story?id=7", "text/html; charset=utf-8", fixture(t, "bridge.html"), intake.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "html" || doc.URL != "https://courier.example/news/2024/05/footbridge-opens" {
		t.Errorf("format %q URL %q", doc.Format, doc.URL)
	}

	// A PDF served without an extension in its address is found by its type.
	doc, err = intake.ExtractFetched(ctx, "https://courier.example/print/7", "application/pdf", fixture(t, "bridge.pdf"), intake.Limits{})
	if err != nil || doc.Format != "pdf" || doc.URL != "https://courier.example/print/7" {
		t.Errorf("pdf by URL: %+v, %v", doc, err)
	}

	_, err = intake.ExtractFetched(ctx, "https://courier.example/scan", "application/pdf", fixture(t, "scanned.pdf"), intake.Limits{})
	wantFileError(t, err, framing.EInvalid, "url", "no text layer")

	// The server's charset wins over detection.
	doc, err = intake.ExtractFetched(ctx, "https://x.example/a.txt", "text/plain; charset=windows-1251", fixture(t, "russian-1251.txt"), intake.Limits{})
	if err != nil || doc.Encoding != "windows-1251" || !strings.HasPrefix(doc.Text, "Жители") {
		t.Errorf("declared charset: %q %q, %v", doc.Encoding, doc.Text, err)
	}
}
