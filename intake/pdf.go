package intake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"framelens/framing"

	"github.com/ledongthuc/pdf"
)

var errPDFTooMuchText = errors.New("pdf: more text than the limit")

// maxPDFTreeDepth bounds the walks up and down the page tree, which a
// damaged or hostile file can make circular.
const maxPDFTreeDepth = 32

// maxPDFPageContent bounds one page's drawing instructions. A page of text
// needs tens of kilobytes; the interpreter holds every operand between two
// operators in memory, so a hostile page of bare numbers must not be run.
const maxPDFPageContent = 8 << 20

// extractPDF reads the text layer of a PDF page by page, under ctx and the
// page limit, and lays the pieces out as lines and paragraphs. The library
// is rsc's PDF reader as kept by ledongthuc; its content interpreter is
// driven here so that fonts are read once per page, a slow page can be
// abandoned, and a panic on a damaged file becomes a message.
func extractPDF(ctx context.Context, data []byte, lim Limits) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, damagedPDF(fmt.Errorf("read pdf: panic: %v", r))
		}
	}()
	if bytes.HasPrefix(data, []byte("%PDF-2.")) {
		// The library accepts versions 1.0–1.7 only; a 2.0 file's text is
		// laid out the same way, so it is read as 1.7 from a patched copy.
		data = append([]byte("%PDF-1.7"), data[len("%PDF-2.0"):]...)
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if strings.Contains(err.Error(), "encrypt") {
			return Document{}, encryptedPDF(fmt.Errorf("open pdf: %w", err))
		}
		return Document{}, damagedPDF(fmt.Errorf("open pdf: %w", err))
	}
	pages := collectPDFPages(r.Trailer().Key("Root").Key("Pages"), lim.MaxPDFPages+1)
	if declared := r.NumPage(); len(pages) > lim.MaxPDFPages || declared > lim.MaxPDFPages {
		return Document{}, fileError(framing.ETooLarge, nil,
			"This PDF is longer than the %d-page limit for one article. Split it, or paste the article's text.", lim.MaxPDFPages)
	}

	budget := lim.MaxUnpackedBytes
	// Text drawn beyond twice the limit cannot lay out within it; stop
	// there rather than lay out a text bomb. finish checks the exact size.
	textBudget := 2 * int(lim.MaxTextBytes)
	var (
		lines    []pdfLine
		pageErrs []error
	)
	for i, page := range pages {
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
		content, err := streamBytes(page.Key("Contents"), min(budget, maxPDFPageContent))
		switch {
		case errors.Is(err, errStreamTooLarge) && budget > maxPDFPageContent:
			// A drawing, not text: its page is left out, the rest is read.
			pageErrs = append(pageErrs, fmt.Errorf("page %d: content over %d bytes", i+1, maxPDFPageContent))
			continue
		case errors.Is(err, errStreamTooLarge):
			return Document{}, fileError(framing.ETooLarge, nil,
				"This PDF's pages unpack to more than %s, far more than an article needs; it may be damaged or built to overload us. Paste the text instead.",
				framing.HumanBytes(int(lim.MaxUnpackedBytes)))
		case err != nil:
			pageErrs = append(pageErrs, fmt.Errorf("page %d: %w", i+1, err))
			continue
		}
		budget -= int64(len(content))
		chunks, err := readPageChunks(ctx, page, content, &textBudget)
		switch {
		case errors.Is(err, errPDFTooMuchText):
			return Document{}, fileError(framing.ETooLarge, nil,
				"This PDF holds more text than one article may (the limit is %s). Split it, or paste the article's text.",
				framing.HumanBytes(int(lim.MaxTextBytes)))
		case ctx.Err() != nil:
			return Document{}, ctx.Err()
		case err != nil:
			pageErrs = append(pageErrs, fmt.Errorf("page %d: %w", i+1, err))
		}
		lines = append(lines, dropPageNumbers(layoutLines(chunks, i))...)
	}

	headline, lines := pdfHeadline(lines)
	published, lines := pdfStatedDate(lines)
	text := layoutParagraphs(lines)
	if strings.TrimSpace(text) == "" {
		if len(pageErrs) > 0 && !r.Trailer().Key("Encrypt").IsNull() {
			return Document{}, encryptedPDF(errors.Join(pageErrs...))
		}
		if len(pageErrs) > 0 {
			return Document{}, damagedPDF(errors.Join(pageErrs...))
		}
		return Document{}, fileError(framing.EInvalid, nil,
			"This PDF has no text layer: it looks like a scan or pictures of pages. Paste the article's text, or run the PDF through OCR (text recognition) first.")
	}
	info := r.Trailer().Key("Info")
	if headline == "" {
		// No headline in large type: the title a person gave the file,
		// which finish drops from the text's start if the text repeats it.
		headline = pdfTitle(info.Key("Title").Text())
	}
	return Document{
		Text:      text,
		Headline:  headline,
		Byline:    collapseSpaces(strings.ToValidUTF8(info.Key("Author").Text(), "")),
		Published: published,
	}, nil
}

// encryptedPDF covers files that need a password and encrypted files whose
// cipher the library reads wrongly: either way, an unprotected copy works.
func encryptedPDF(cause error) error {
	return fileError(framing.EInvalid, cause,
		"This PDF is password-protected or encrypted, and we could not read it. Save a copy without protection, or paste the text.")
}

func damagedPDF(cause error) error {
	return fileError(framing.EInvalid, cause,
		"This PDF is damaged or is not a PDF we can read. Open it and save or print it again as PDF, or paste the article's text.")
}

// collectPDFPages walks the page tree in order, at most max pages and
// a bounded number of nodes. A node met twice is skipped, so a circular
// tree ends and repeats nothing; the library hides object numbers, so a
// node is known by its printed form, which names its children by number.
func collectPDFPages(root pdf.Value, max int) []pdf.Value {
	var pages []pdf.Value
	visits := 0
	seen := map[string]bool{}
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		visits++
		if depth > maxPDFTreeDepth || len(pages) >= max || visits > 8*max+64 {
			return
		}
		key := v.String()
		if seen[key] {
			return
		}
		seen[key] = true
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if v.Kind() == pdf.Dict {
				pages = append(pages, v)
			}
			return
		}
		for i := range kids.Len() {
			if len(pages) >= max || visits > 8*max+64 {
				return
			}
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root, 0)
	return pages
}

// inherited finds a page attribute on the page or its ancestors.
func inherited(page pdf.Value, key string) pdf.Value {
	v := page
	for range maxPDFTreeDepth {
		if v.IsNull() {
			break
		}
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// readPageChunks runs one page, turning the interpreter's panics (its way
// of reporting a damaged stream, and ours of stopping it) into errors; the
// text drawn before a damaged spot is kept.
func readPageChunks(ctx context.Context, page pdf.Value, content []byte, textBudget *int) (chunks []pdfChunk, err error) {
	defer func() {
		if r := recover(); r != nil {
			if abort, ok := r.(errPDFAbort); ok {
				err = abort.reason
				return
			}
			err = fmt.Errorf("content: %v", r)
		}
	}()
	if len(bytes.TrimSpace(content)) == 0 {
		return nil, nil
	}
	contents, err := isolatedStream(content)
	if err != nil {
		return nil, err
	}
	fonts := inherited(page, "Resources").Key("Font")
	pageChunks(ctx, contents, fonts, textBudget, &chunks)
	return chunks, nil
}

// pdfTitle keeps a title a person gave, not the file name that many
// programs write there.
func pdfTitle(s string) string {
	s = collapseSpaces(strings.ToValidUTF8(s, ""))
	lower := strings.ToLower(s)
	for _, junk := range []string{".doc", ".docx", ".pdf", ".indd", ".odt", ".rtf", ".txt", "microsoft word - ", "untitled"} {
		if strings.HasSuffix(lower, junk) || strings.HasPrefix(lower, junk) {
			return ""
		}
	}
	return s
}
