package intake

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"framelens/framing"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// maxHTMLElements bounds the page readability scores; news pages have a few
// thousand elements, a page with far more is generated junk.
const maxHTMLElements = 200_000

// ExtractHTML reads the article out of a web page: its main text, found the
// way reader modes find it, and the metadata the page declares (Open Graph,
// article:* tags, JSON-LD, canonical link, lang). pageURL (may be "")
// resolves relative links; contentType is the Content-Type the page came
// with (may be ""), whose charset wins over the page's own. It applies no
// size limits: Extract and ExtractFetched do.
func ExtractHTML(data []byte, pageURL string, contentType string) (Document, error) {
	doc, err := extractHTML(data, pageURL, contentType)
	if err != nil {
		return Document{}, err
	}
	doc.Format = FormatHTML
	if doc.URL == "" {
		doc.URL = httpURL(pageURL, "")
	}
	doc.Text = dropRepeatedHeadline(normalizeText(doc.Text), doc.Headline)
	if doc.Text == "" {
		return Document{}, fileError(framing.EInvalid, nil,
			"We found no article text on this page. Check that it is the article itself, or paste the text instead.")
	}
	return doc, nil
}

func extractHTML(data []byte, pageURL, contentType string) (doc Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = Document{}, fileError(framing.EInvalid, fmt.Errorf("extract html: panic: %v", r),
				"We could not read this web page. Paste the article's text instead.")
		}
	}()
	text, enc, err := decodeHTML(data, contentType)
	if err != nil {
		return Document{}, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Document{}, fileError(framing.EInvalid, fmt.Errorf("parse html: %w", err),
			"We could not read this web page. Paste the article's text instead.")
	}
	meta := readPageMeta(root, pageURL)

	var base *url.URL
	if u := httpURL(pageURL, ""); u != "" {
		base, _ = url.Parse(u)
	}
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxHTMLElements
	parser.KeepClasses = true // removeNonText reads them to find the byline line
	article, rerr := parser.ParseAndMutate(root, base)

	body := article.Node
	if rerr != nil || body == nil {
		// Too short or too odd for readability: the whole page, boilerplate removed.
		if root, err = html.Parse(strings.NewReader(text)); err != nil {
			return Document{}, fmt.Errorf("parse html again: %w", err)
		}
		body = root
	}
	removeNonText(body)

	published := ""
	if t, err := article.PublishedTime(); err == nil {
		published = t.Format(time.DateOnly)
	}
	return Document{
		Text:      render.InnerText(body),
		Headline:  firstNonEmpty(meta.headline, meta.ogTitle, article.Title(), meta.title),
		Byline:    trimBy(firstNonEmpty(meta.authors, meta.author, meta.articleAuthor, article.Byline())),
		Published: firstNonEmpty(normalizeDate(meta.published), normalizeDate(meta.articlePublished), published),
		Outlet:    firstNonEmpty(meta.siteName, meta.publisher, article.SiteName()),
		URL:       firstNonEmpty(meta.canonical, meta.ogURL, meta.ldURL),
		Language:  firstNonEmpty(normalizeLanguage(meta.lang), normalizeLanguage(meta.ldLanguage), normalizeLanguage(meta.contentLanguage), normalizeLanguage(meta.ogLocale)),
		Encoding:  enc,
	}, nil
}

// decodeHTML follows the browsers' order: a BOM, the Content-Type charset,
// a <meta> charset in the first kilobyte; a page that declares nothing is
// decoded as any text file is.
func decodeHTML(data []byte, contentType string) (string, string, error) {
	if bytes.HasPrefix(data, bomUTF8) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return DecodeText(data, "")
	}
	if e, _ := declaredCharset(contentType); e != nil {
		return DecodeText(data, contentType)
	}
	if declaresCharset(data) {
		_, name, _ := charset.DetermineEncoding(data, "")
		return DecodeText(data, "text/html; charset="+name)
	}
	return DecodeText(data, "")
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset`)

// declaresCharset tells a <meta> charset that DetermineEncoding found from
// its fallback guess, which it reports the same way.
func declaresCharset(data []byte) bool {
	return metaCharset.Match(data[:min(len(data), 1024)])
}

// nonText are elements whose content is never article prose: code, embedded
// documents, form controls, and the page furniture readability may leave.
var nonText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true, atom.Canvas: true,
	atom.Button: true, atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Nav: true,
	atom.Aside: true, atom.Footer: true, atom.Dialog: true, atom.Head: true, atom.Audio: true,
	atom.Video: true, atom.Picture: true, atom.Img: true, atom.Frameset: true, atom.Frame: true,
}

// removeNonText deletes nonText elements, hidden ones and comments from n.
func removeNonText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		drop := c.Type == html.CommentNode || c.Type == html.DoctypeNode
		if c.Type == html.ElementNode {
			drop = nonText[c.DataAtom] || c.Namespace != "" || isHidden(c) || isByline(c)
		}
		if drop {
			n.RemoveChild(c)
		} else {
			removeNonText(c)
		}
		c = next
	}
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

var bylineHint = regexp.MustCompile(`(?i)byline|author|dateline|writtenby`)

// isByline recognises the "By …" line above an article the way reader
// modes do: marked as the author, and short. Its names are in Byline.
func isByline(n *html.Node) bool {
	marked := hasToken(attr(n, "rel"), "author") || strings.Contains(strings.ToLower(attr(n, "itemprop")), "author") ||
		bylineHint.MatchString(attr(n, "class")) || bylineHint.MatchString(attr(n, "id"))
	return marked && utf8.RuneCountInString(strings.TrimSpace(render.InnerText(n))) < 100
}

var byPrefix = regexp.MustCompile(`(?i)^(by|von|par|автор:?)\s+`)

// trimBy drops the "By" that bylines found in the page text start with.
func trimBy(s string) string {
	return byPrefix.ReplaceAllString(s, "")
}
