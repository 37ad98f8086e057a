package fixturegen

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
)

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const coreXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>` + Headline + `</dc:title><dc:creator>Ada Lind</dc:creator><dc:language>en-GB</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-03T09:00:00Z</dcterms:created></cp:coreProperties>`

// bridgeDOCX is the English article as Word writes it: the title as a
// styled first paragraph, runs split inside words, tab stops declared in
// paragraph properties (not text), a tab and a line break inside runs, a
// tracked deletion and a field code (neither is text), and a table.
func bridgeDOCX() ([]byte, error) {
	var body strings.Builder
	para := func(inner string) { body.WriteString(`<w:p>` + inner + `</w:p>`) }
	run := func(text string) string {
		return `<w:r><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
	}
	para(`<w:pPr><w:pStyle w:val="Title"/></w:pPr>` + run(Headline))
	half := len(English[0]) / 2
	for English[0][half] != ' ' {
		half++
	}
	para(`<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` +
		run(English[0][:half-3]) + `<w:r><w:rPr><w:b/></w:rPr><w:t>` + English[0][half-3:half] + `</w:t></w:r>` + run(English[0][half:]))
	para(run(English[1]) + `<w:del w:id="1" w:author="Editor"><w:r><w:delText>DELETEDTEXT</w:delText></w:r></w:del>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "https://fieldcode.example"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	para(run(English[2]))
	para(`<w:r><w:t>Length:</w:t><w:tab/><w:t>40 m</w:t><w:br/><w:t>Opened:</w:t><w:tab/><w:t>Friday</w:t></w:r>`)
	body.WriteString(`<w:tbl><w:tr><w:tc><w:p>` + run("Cell one") + `</w:p></w:tc><w:tc><w:p>` + run("Cell two") + `</w:p></w:tc></w:tr></w:tbl>`)
	para(run(English[3]))
	para(``) // Word ends documents with an empty paragraph

	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	return zipParts([]part{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", []byte(coreXML)},
		{"word/document.xml", []byte(doc)},
	})
}

// zipBombDOCX is a well-formed .docx whose document part unpacks to size
// bytes of one repeated letter, a thousandth of that packed.
func zipBombDOCX(size int) ([]byte, error) {
	open := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`
	end := `</w:t></w:r></w:p></w:body></w:document>`
	doc := make([]byte, 0, size)
	doc = append(doc, open...)
	doc = append(doc, bytes.Repeat([]byte("a"), size-len(open)-len(end))...)
	doc = append(doc, end...)
	return zipParts([]part{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"word/document.xml", doc},
	})
}

type part struct {
	name string
	data []byte
}

func zipParts(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: Fixed})
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", p.name, err)
		}
		if _, err := w.Write(p.data); err != nil {
			return nil, fmt.Errorf("zip %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), nil
}
