package intake

import (
	"bytes"
	"fmt"
	"strings"

	"framelens/framing"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdown renders CommonMark with GitHub's tables and strikethrough; raw
// HTML in the source is left out (goldmark's safe default), so nothing a
// Markdown file embeds can reach the text as markup.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// extractMarkdown reads a .md file as the text a reader sees once it is
// rendered: no # marks, emphasis or link syntax, link texts kept. A level-1
// heading that opens the file is the headline, not part of the text.
func extractMarkdown(data []byte, contentType string) (Document, error) {
	src, enc, err := DecodeText(data, contentType)
	if err != nil {
		return Document{}, err
	}
	var out bytes.Buffer
	if err := markdown.Convert([]byte(src), &out); err != nil {
		return Document{}, fileError(framing.EInvalid, fmt.Errorf("render markdown: %w", err),
			"We could not read this Markdown file. Paste the text instead.")
	}
	root, err := html.Parse(&out)
	if err != nil { // nested deeper than HTML allows
		return Document{}, fileError(framing.EInvalid, fmt.Errorf("parse rendered markdown: %w", err),
			"We could not read this Markdown file. Paste the text instead.")
	}
	headline := ""
	if body := findElement(root, atom.Body); body != nil {
		if first := firstElementChild(body); first != nil && first.DataAtom == atom.H1 {
			headline = collapseSpaces(render.InnerText(first))
			body.RemoveChild(first)
		}
	}
	removeNonText(root)
	return Document{Text: render.InnerText(root), Headline: headline, Encoding: enc}, nil
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findElement(c, a); found != nil {
			return found
		}
	}
	return nil
}

func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}
