package intake

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what a page's markup declares about its article, each value
// as found; ExtractHTML chooses between them.
type pageMeta struct {
	title            string // <title>
	lang             string // <html lang>
	contentLanguage  string // <meta http-equiv=content-language>
	ogTitle          string
	ogURL            string
	ogLocale         string
	siteName         string // og:site_name
	articlePublished string // article:published_time
	articleAuthor    string // article:author when it is a name, not a profile URL
	author           string // <meta name=author>
	canonical        string // <link rel=canonical>

	jsonLD // from the first NewsArticle/Article in JSON-LD
}

// readPageMeta walks the whole document once: the head is where metadata
// belongs, but pages put JSON-LD and meta tags in the body too.
func readPageMeta(root *html.Node, pageURL string) pageMeta {
	var m pageMeta
	var ldBlocks []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = firstNonEmpty(attr(n, "lang"), attr(n, "xml:lang"))
				}
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = n.FirstChild.Data
				}
			case atom.Meta:
				m.readMetaTag(n)
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = attr(n, "href")
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ldBlocks = append(ldBlocks, n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	m.ogURL = httpURL(m.ogURL, pageURL)
	m.jsonLD = readJSONLD(ldBlocks)
	m.ldURL = httpURL(m.ldURL, pageURL)
	// A relative canonical link in a saved page resolves against the
	// page's own address as Open Graph or JSON-LD states it.
	m.canonical = httpURL(m.canonical, firstNonEmpty(httpURL(pageURL, ""), m.ogURL, m.ldURL))
	return m
}

func (m *pageMeta) readMetaTag(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	if strings.EqualFold(attr(n, "http-equiv"), "content-language") {
		setOnce(&m.contentLanguage, content)
		return
	}
	key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attr(n, "property"), attr(n, "name"))))
	switch key {
	case "og:title":
		setOnce(&m.ogTitle, content)
	case "og:url":
		setOnce(&m.ogURL, content)
	case "og:locale":
		setOnce(&m.ogLocale, content)
	case "og:site_name":
		setOnce(&m.siteName, content)
	case "article:published_time":
		setOnce(&m.articlePublished, content)
	case "article:author":
		// Often a link to the author's page, which is no byline.
		if !strings.Contains(content, "://") {
			if m.articleAuthor == "" {
				m.articleAuthor = content
			} else {
				m.articleAuthor += ", " + content
			}
		}
	case "author":
		setOnce(&m.author, content)
	}
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether a space-separated attribute such as rel holds tok.
func hasToken(list, tok string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}
