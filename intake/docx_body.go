package intake

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"framelens/framing"
)

// docxParagraph is one w:p: its text and its style id ("Title",
// "Heading1" …).
type docxParagraph struct {
	text  string
	style string
}

// readDOCXBody streams the main part. Elements are matched by local name so
// that Strict OOXML, which uses another namespace, reads the same.
func readDOCXBody(ctx context.Context, arc *docxArchive, name string) ([]docxParagraph, error) {
	rc, err := arc.open(name)
	if err != nil {
		return nil, fmt.Errorf("read docx body: %w", err)
	}
	defer rc.Close()

	var (
		paras  []docxParagraph
		cur    strings.Builder
		style  string
		inText bool // inside w:t, whose character data is the text
		inRun  int  // inside w:r; w:tab elsewhere defines tab stops
		tokens int
	)
	flush := func() {
		if text := cur.String(); strings.TrimSpace(text) != "" {
			paras = append(paras, docxParagraph{text: text, style: style})
		}
		cur.Reset()
		style = ""
	}
	dec := xml.NewDecoder(rc)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if errors.Is(err, errUnpackLimit) {
				return nil, arc.tooLarge()
			}
			return nil, fileError(framing.EInvalid, fmt.Errorf("read docx body: %w", err),
				"This .docx file is damaged: its text could not be read. Open it in your word processor and save it again, or paste the text.")
		}
		if tokens++; tokens%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				// A paragraph inside another (a text box) ends the outer one's run of text.
				flush()
			case "r":
				inRun++
			case "t":
				inText = true
			case "tab", "ptab":
				if inRun > 0 {
					cur.WriteByte('\t')
				}
			case "br", "cr":
				if inRun > 0 {
					cur.WriteByte('\n')
				}
			case "noBreakHyphen":
				if inRun > 0 {
					cur.WriteByte('-')
				}
			case "pStyle":
				style = xmlAttr(t, "val")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "p":
				flush()
			case "r":
				inRun = max(inRun-1, 0)
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	flush()
	return paras, nil
}

func xmlAttr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
