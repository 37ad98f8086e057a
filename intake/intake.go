package intake

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"path"
	"strings"
	"time"

	"framelens/framing"
)

// Formats that Sniff reports and Document.Format holds.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatDOCX     = "docx"
	FormatPDF      = "pdf"
)

// Document is the article found in a file or page.
type Document struct {
	Text      string // UTF-8, paragraphs separated by one blank line, trimmed
	Headline  string
	Byline    string
	Published string // YYYY-MM-DD or ""
	Outlet    string
	URL       string
	Language  string // ISO 639-1 or ""
	// LanguageDetected says Language was told from the text, the source
	// naming none.
	LanguageDetected bool
	Format           string // FormatText, FormatMarkdown, FormatHTML, FormatDOCX or FormatPDF
	Encoding         string // the source's encoding as detected: "utf-8", "windows-1251" …; "" for docx and pdf
}

// Limits bound the work one extraction may do, so that a hostile or merely
// huge file cannot hold a server.
type Limits struct {
	MaxFileBytes     int64         // the file or page as received
	MaxTextBytes     int64         // the article text after extraction
	MaxUnpackedBytes int64         // everything read out of a .docx archive
	Timeout          time.Duration // wall time for one extraction
	MaxPDFPages      int
}

// DefaultLimits are sized for news articles: a text limit that matches what
// an article may hold, and room for pages and PDFs padded with images.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     16 << 20,
		MaxTextBytes:     framing.MaxBodyBytes,
		MaxUnpackedBytes: 64 << 20,
		Timeout:          20 * time.Second,
		MaxPDFPages:      200,
	}
}

// withDefaults fills the zero fields, so that Limits{} means "the defaults".
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = d.MaxTextBytes
	}
	if l.MaxUnpackedBytes <= 0 {
		l.MaxUnpackedBytes = d.MaxUnpackedBytes
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	if l.MaxPDFPages <= 0 {
		l.MaxPDFPages = d.MaxPDFPages
	}
	return l
}

// source is one input with what is known about it besides its bytes.
type source struct {
	field       string // the form field problems are reported against
	filename    string
	pageURL     string
	contentType string
	data        []byte
}

// Extract reads the article out of an uploaded file. The format is chosen
// from the file's content first and its name second, so a PDF named .bin or
// a .txt that holds a web page is read for what it is.
func Extract(ctx context.Context, filename string, data []byte, lim Limits) (Document, error) {
	return extract(ctx, source{field: "file", filename: filename, data: data}, lim)
}

// ExtractFetched reads the article out of a page or file fetched from
// pageURL, with the Content-Type the server sent, under the same limits as
// Extract. Problems are reported against the field "url".
func ExtractFetched(ctx context.Context, pageURL, contentType string, data []byte, lim Limits) (Document, error) {
	name := ""
	if u, err := url.Parse(pageURL); err == nil {
		name = path.Base(u.Path)
	}
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		if ext, ok := extensionForMediaType[mt]; ok && !strings.HasSuffix(strings.ToLower(name), ext) {
			name += ext
		}
	}
	return extract(ctx, source{field: "url", filename: name, pageURL: pageURL, contentType: contentType, data: data}, lim)
}

var extensionForMediaType = map[string]string{
	"text/html":             ".html",
	"application/xhtml+xml": ".html",
	"text/plain":            ".txt",
	"text/markdown":         ".md",
	"application/pdf":       ".pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}

func extract(ctx context.Context, src source, lim Limits) (Document, error) {
	lim = lim.withDefaults()
	if ctx.Err() != nil {
		return Document{}, contextError(ctx, src.field, lim)
	}
	if len(src.data) == 0 {
		return Document{}, framing.FieldErrorf(framing.EInvalid, src.field, "The file is empty.")
	}
	if size := int64(len(src.data)); size > lim.MaxFileBytes {
		return Document{}, framing.FieldErrorf(framing.ETooLarge, src.field,
			"The file is %s; the limit is %s.", humanSize(size, lim.MaxFileBytes), framing.HumanBytes(int(lim.MaxFileBytes)))
	}
	format := Sniff(src.data, src.filename)
	if format == "" {
		return Document{}, framing.FieldErrorf(framing.EInvalid, src.field, "%s", unsupportedMessage(src.data, src.filename))
	}

	ctx, cancel := context.WithTimeout(ctx, lim.Timeout)
	defer cancel()
	doc, err := runBounded(ctx, src.field, lim, func() (Document, error) {
		return extractFormat(ctx, format, src, lim)
	})
	if err != nil {
		return Document{}, err
	}
	if doc.URL == "" {
		doc.URL = httpURL(src.pageURL, "")
	}
	return finish(doc, src.field, lim)
}

func extractFormat(ctx context.Context, format string, src source, lim Limits) (Document, error) {
	var (
		doc Document
		err error
	)
	switch format {
	case FormatPDF:
		doc, err = extractPDF(ctx, src.data, lim)
	case FormatDOCX:
		doc, err = extractDOCX(ctx, src.data, lim)
	case FormatHTML:
		doc, err = extractHTML(src.data, src.pageURL, src.contentType)
	case FormatMarkdown:
		doc, err = extractMarkdown(src.data, src.contentType)
	default:
		doc, err = extractPlain(src.data, src.contentType)
	}
	if err != nil {
		return Document{}, withField(err, src.field)
	}
	doc.Format = format
	return doc, nil
}

// finish checks the extracted text against what an article must be.
func finish(doc Document, field string, lim Limits) (Document, error) {
	doc.Text = dropRepeatedHeadline(normalizeText(doc.Text), doc.Headline)
	if doc.Text == "" {
		return Document{}, framing.FieldErrorf(framing.EInvalid, field,
			"We found no article text in this file. Check that it is the article itself, or paste the text instead.")
	}
	if size := int64(len(doc.Text)); size > lim.MaxTextBytes {
		return Document{}, framing.FieldErrorf(framing.ETooLarge, field,
			"The article text in this file is %s; the limit is %s. Split it or shorten it.",
			humanSize(size, lim.MaxTextBytes), framing.HumanBytes(int(lim.MaxTextBytes)))
	}
	if doc.Language == "" {
		doc.Language = DetectLanguage(doc.Text)
		doc.LanguageDetected = doc.Language != ""
	}
	return doc, nil
}

// runBounded runs fn until it returns or ctx ends, turning a panic in a
// parsing library into an error. A library call cannot be interrupted, so on
// timeout fn's goroutine is left to finish on its own; the extractors check
// ctx between pages and parts so that it does so soon.
func runBounded(ctx context.Context, field string, lim Limits, fn func() (Document, error)) (Document, error) {
	type result struct {
		doc Document
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: errors.Join(
					framing.FieldErrorf(framing.EInvalid, field, "We could not read this file; it may be damaged. Paste the text instead."),
					fmt.Errorf("extract: panic: %v", r))}
			}
		}()
		doc, err := fn()
		done <- result{doc, err}
	}()
	select {
	case r := <-done:
		if r.err != nil && ctx.Err() != nil && errors.Is(r.err, ctx.Err()) {
			return Document{}, contextError(ctx, field, lim)
		}
		return r.doc, r.err
	case <-ctx.Done():
		return Document{}, contextError(ctx, field, lim)
	}
}

// contextError explains a deadline to the person and keeps the context's
// error in the chain; a cancelled request has nobody to read a message, so
// it stays an internal error.
func contextError(ctx context.Context, field string, lim Limits) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errors.Join(framing.FieldErrorf(framing.ETooLarge, field,
			"Reading this file took longer than %s, so we stopped. It may be very large or unusually built; paste the text instead.",
			lim.Timeout.Round(time.Second)), ctx.Err())
	}
	return fmt.Errorf("extract: %w", ctx.Err())
}

// withField moves a file problem found by an extractor to the caller's field.
func withField(err error, field string) error {
	var fe *framing.Error
	if field == "file" || !errors.As(err, &fe) {
		return err
	}
	for i := range fe.Fields {
		if fe.Fields[i].Field == "file" {
			fe.Fields[i].Field = field
		}
	}
	return err
}

// fileError is a problem with the file that the person can act on; cause,
// if any, stays in the chain for the log.
func fileError(code string, cause error, format string, args ...any) error {
	fe := framing.FieldErrorf(code, "file", format, args...)
	if cause == nil {
		return fe
	}
	return errors.Join(fe, cause)
}

// humanSize writes n for a message about limit, in bytes when rounding
// would show the limit itself.
func humanSize(n, limit int64) string {
	s := framing.HumanBytes(int(n))
	if s == framing.HumanBytes(int(limit)) {
		return framing.Plural(int(n), "byte", "bytes")
	}
	return s
}
