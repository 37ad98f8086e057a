package intake

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"framelens/framing"
)

// maxDOCXEntries is far above the few dozen parts a Word file has, and far
// below the hundreds of thousands a zip bomb uses to exhaust memory.
const maxDOCXEntries = 10_000

// errUnpackLimit marks a part that unpacked past Limits.MaxUnpackedBytes.
var errUnpackLimit = errors.New("unpacked size limit reached")

// docxArchive reads the parts of one .docx under a shared budget of
// unpacked bytes, so that no combination of parts can exceed it.
type docxArchive struct {
	files  map[string]*zip.File
	budget int64
	limit  int64
}

// extractDOCX reads a Word document's paragraphs (text, tabs and line
// breaks; deleted revisions and field codes left out) and its title,
// author, creation date and language from docProps/core.xml. Written with
// archive/zip and encoding/xml: a .docx's text is one XML part, and no
// small, maintained reader was at hand.
func extractDOCX(ctx context.Context, data []byte, lim Limits) (Document, error) {
	arc, err := openDOCX(data, lim)
	if err != nil {
		return Document{}, err
	}
	mainPart := arc.mainDocumentName()
	if arc.files[mainPart] == nil {
		return Document{}, fileError(framing.EInvalid, nil,
			"This file is a ZIP archive but not a Word document (it has no document part). Save it as .docx from your word processor.")
	}
	paras, err := readDOCXBody(ctx, arc, mainPart)
	if err != nil {
		return Document{}, err
	}
	core := arc.readCore()

	doc := Document{
		Headline:  core.Title,
		Byline:    collapseSpaces(core.Creator),
		Published: normalizeDate(core.Created),
		Language:  normalizeLanguage(core.Language),
	}
	// A first paragraph styled as the title is the headline when the file
	// names none; finish drops it from the text either way.
	if doc.Headline == "" && len(paras) > 0 && strings.EqualFold(paras[0].style, "Title") {
		doc.Headline = paras[0].text
	}
	doc.Headline = collapseSpaces(doc.Headline)
	var b strings.Builder
	for _, p := range paras {
		b.WriteString(p.text)
		b.WriteString("\n\n")
	}
	doc.Text = b.String()
	return doc, nil
}

func openDOCX(data []byte, lim Limits) (*docxArchive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileError(framing.EInvalid, fmt.Errorf("open docx: %w", err),
			"This .docx file is damaged or is not a Word document. Open it in your word processor and save it again as .docx, or paste the text.")
	}
	if len(zr.File) > maxDOCXEntries {
		return nil, fileError(framing.ETooLarge, nil,
			"This .docx file holds %d parts, more than any document needs (the limit is %d); it may be damaged or built to overload us.",
			len(zr.File), maxDOCXEntries)
	}
	arc := &docxArchive{files: make(map[string]*zip.File, len(zr.File)), budget: lim.MaxUnpackedBytes, limit: lim.MaxUnpackedBytes}
	var declared uint64
	for _, f := range zr.File {
		if f.Flags&0x1 != 0 {
			return nil, fileError(framing.EInvalid, nil,
				"This .docx file is password-protected. Save a copy without a password, or paste the text.")
		}
		declared += min(f.UncompressedSize64, 1<<62)
		arc.files[path.Clean(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if declared > uint64(lim.MaxUnpackedBytes) {
		return nil, arc.tooLarge()
	}
	return arc, nil
}

func (a *docxArchive) tooLarge() error {
	return fileError(framing.ETooLarge, nil,
		"This .docx file unpacks to more than %s, far more than an article needs; it may be damaged or built to overload us. Paste the text instead.",
		framing.HumanBytes(int(a.limit)))
}

// open is a reader of the named part that fails with errUnpackLimit once
// the archive's budget is spent, whatever the part's header claims.
func (a *docxArchive) open(name string) (io.ReadCloser, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("docx part %s: %w", name, io.ErrUnexpectedEOF)
	}
	rc, err := f.Open()
	if err != nil {
		// The archive's directory names the part but its header is broken.
		return nil, fileError(framing.EInvalid, fmt.Errorf("open docx part %s: %w", name, err),
			"This .docx file is damaged: a part of it cannot be opened. Open it in your word processor and save it again, or paste the text.")
	}
	return &budgetReader{rc: rc, arc: a}, nil
}

type budgetReader struct {
	rc  io.ReadCloser
	arc *docxArchive
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.arc.budget <= 0 {
		return 0, errUnpackLimit
	}
	if int64(len(p)) > r.arc.budget {
		p = p[:r.arc.budget]
	}
	n, err := r.rc.Read(p)
	r.arc.budget -= int64(n)
	return n, err
}

func (r *budgetReader) Close() error { return r.rc.Close() }

// mainDocumentName follows the package relationships to the main part,
// which Word calls word/document.xml and other writers may name otherwise.
func (a *docxArchive) mainDocumentName() string {
	const fallback = "word/document.xml"
	rc, err := a.open("_rels/.rels")
	if err != nil {
		return fallback
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.NewDecoder(rc).Decode(&rels) != nil {
		return fallback
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			return path.Clean(strings.TrimPrefix(r.Target, "/"))
		}
	}
	return fallback
}

// docxCore is docProps/core.xml, the file's own description.
type docxCore struct {
	Title    string `xml:"title"`
	Creator  string `xml:"creator"`
	Created  string `xml:"created"`
	Language string `xml:"language"`
}

func (a *docxArchive) readCore() docxCore {
	var core docxCore
	rc, err := a.open("docProps/core.xml")
	if err != nil {
		return core
	}
	defer rc.Close()
	_ = xml.NewDecoder(rc).Decode(&core) // metadata is a bonus: a broken part leaves it empty
	return core
}
