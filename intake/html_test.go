package intake_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"framelens/framing"
	"framelens/intake"
)

// body is enough invented article text for readability to find.
const body = `<p>The ferry on Lake Orm returned to service on Monday after its winter overhaul, with a new engine and a ramp for bicycles at both piers.</p>
<p>The first crossing left the southern pier at seven in the morning with twelve passengers on board, and the captain said the water was calm.</p>
<p>The operator plans an extra evening crossing on summer weekends, when visitors come for the market in the old harbour.</p>`

func page(head string) []byte {
	return []byte(`<!DOCTYPE html><html><head>` + head + `</head><body><article>` + body + `</article></body></html>`)
}

func ld(jsonText string) string {
	return `<script type="application/ld+json">` + jsonText + `</script>`
}

func TestExtractHTMLReadsMetadata(t *testing.T) {
	tests := []struct {
		name    string
		html    []byte
		pageURL string
		want    intake.Document
	}{
		{
			name: "open graph and article tags",
			html: page(`<meta property="og:title" content="Ferry returns"><meta property="og:site_name" content="Orm Weekly">
				<meta property="og:url" content="https://orm.example/ferry"><meta property="article:published_time" content="2024-03-11T07:00:00Z">
				<meta property="article:author" content="Lena Voss"><meta property="article:author" content="Piet Alder">`),
			want: intake.Document{Headline: "Ferry returns", Outlet: "Orm Weekly", URL: "https://orm.example/ferry", Published: "2024-03-11", Byline: "Lena Voss, Piet Alder"},
		},
		{
			name: "meta author and html lang with region",
			html: []byte(`<html lang="ru-RU"><head><title>Паром вернулся на линию после ремонта | Орм</title><meta name="author" content="  Лена   Восс "></head><body><article>` + body + `</article></body></html>`),
			want: intake.Document{Headline: "Паром вернулся на линию после ремонта", Byline: "Лена Восс", Language: "ru"},
		},
		{
			name: "json-ld article with author list and publisher",
			html: page(ld(`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry &amp; bikes","datePublished":"2024-03-11",
				"author":[{"@type":"Person","name":"Lena Voss"},"Piet Alder"],"publisher":{"@type":"Organization","name":"Orm Weekly"},
				"url":"https://orm.example/ferry","inLanguage":"de-CH"}`)),
			want: intake.Document{Headline: "Ferry & bikes", Published: "2024-03-11", Byline: "Lena Voss, Piet Alder", Outlet: "Orm Weekly", URL: "https://orm.example/ferry", Language: "de"},
		},
		{
			name: "json-ld array with a type list and author as text",
			html: page(ld(`[{"@type":"BreadcrumbList"},{"@type":["Article","ReportageNewsArticle"],"headline":"Ferry back","author":"Lena Voss","publisher":"Orm Weekly","datePublished":"2024-03-11T23:30:00-05:00"}]`)),
			want: intake.Document{Headline: "Ferry back", Byline: "Lena Voss", Outlet: "Orm Weekly", Published: "2024-03-11"},
		},
		{
			name: "json-ld graph with references",
			html: page(ld(`{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Orm Weekly site"},
				{"@type":"Person","@id":"#lena","name":"Lena Voss"},{"@type":"NewsMediaOrganization","@id":"#org","name":"Orm Weekly"},
				{"@type":"BlogPosting","headline":"Ferry blog","author":{"@id":"#lena"},"publisher":{"@id":"#org"},"mainEntityOfPage":{"@id":"https://orm.example/blog/ferry"}}]}`)),
			want: intake.Document{Headline: "Ferry blog", Byline: "Lena Voss", Outlet: "Orm Weekly", URL: "https://orm.example/blog/ferry"},
		},
		{
			name: "json-ld wins over open graph, canonical over og:url",
			html: page(`<meta property="og:title" content="Ferry returns | Orm Weekly"><meta property="og:url" content="https://orm.example/ferry?ref=rss">
				<link rel="Canonical" href="https://orm.example/ferry">` + ld(`{"@type":"NewsArticle","headline":"Ferry returns"}`)),
			want: intake.Document{Headline: "Ferry returns", URL: "https://orm.example/ferry"},
		},
		{
			name:    "relative canonical resolves against the page address",
			html:    page(`<link rel="canonical" href="/news/ferry#top">`),
			pageURL: "https://orm.example/amp/ferry",
			want:    intake.Document{URL: "https://orm.example/news/ferry"},
		},
		{
			name:    "page address when the page names none",
			html:    page(``),
			pageURL: "https://orm.example/p/1",
			want:    intake.Document{URL: "https://orm.example/p/1"},
		},
		{
			name: "broken json-ld is ignored",
			html: page(ld(`{"@type":"NewsArticle","headline":`) + `<meta property="og:title" content="Ferry">`),
			want: intake.Document{Headline: "Ferry"},
		},
		{
			name: "dates in other shapes",
			html: page(`<meta property="article:published_time" content="March 11, 2024 07:00">`),
			want: intake.Document{Published: "2024-03-11"},
		},
		{
			name: "a date that is no date",
			html: page(`<meta property="article:published_time" content="yesterday">`),
			want: intake.Document{},
		},
		{
			name: "language from og:locale",
			html: page(`<meta property="og:locale" content="hy_AM">`),
			want: intake.Document{Language: "hy"},
		},
		{
			name: "a language without a two-letter code",
			html: []byte(`<html lang="tlh"><body><article>` + body + `</article></body></html>`),
			want: intake.Document{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := intake.ExtractHTML(tt.html, tt.pageURL, "")
			if err != nil {
				t.Fatalf("ExtractHTML: %v", err)
			}
			if !strings.HasPrefix(doc.Text, "The ferry on Lake Orm") || len(paragraphs(doc.Text)) != 3 {
				t.Errorf("text:\n%s", doc.Text)
			}
			got := doc
			got.Text, got.Format, got.Encoding = "", "", ""
			if got != tt.want {
				t.Errorf("metadata\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestExtractHTMLDecodesByDeclaredCharset(t *testing.T) {
	russian := cp1251(t, "<p>Паром на озере Орм вернулся на линию в понедельник после зимнего ремонта.</p>")
	tests := []struct {
		name, contentType string
		html              []byte
		enc               string
	}{
		{"content-type header", "text/html; charset=windows-1251", russian, "windows-1251"},
		{"meta charset", "", append([]byte(`<meta charset="windows-1251">`), russian...), "windows-1251"},
		{"meta http-equiv", "", append([]byte(`<meta http-equiv="Content-Type" content="text/html; charset=cp1251">`), russian...), "windows-1251"},
		{"nothing declared", "", russian, "windows-1251"},
		{"header beats meta", "text/html; charset=windows-1251", append([]byte(`<meta charset="iso-8859-1">`), russian...), "windows-1251"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := intake.ExtractHTML(tt.html, "", tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Encoding != tt.enc || !strings.HasPrefix(doc.Text, "Паром на озере Орм") {
				t.Errorf("got %q as %q", doc.Text, doc.Encoding)
			}
		})
	}
}

// TestMaliciousHTMLLeavesOnlyText: scripts, event handlers, javascript:
// addresses, SVG, frames, forms, templates and hidden or commented-out
// content never reach Text, and hostile metadata is dropped.
func TestMaliciousHTMLLeavesOnlyText(t *testing.T) {
	doc, err := intake.Extract(context.Background(), "harbour.html", fixture(t, "malicious.html"), intake.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"<", ">", "alert", "script", "javascript", "onerror", "onclick", "onload", "document.cookie", "evil",
		"SVGTEXT", "IFRAMETEXT", "TEMPLATETEXT", "INPUTVALUE", "TEXTAREATEXT", "BUTTONTEXT", "HIDDENTEXT",
		"OBJECTTEXT", "MATHTEXT", "COMMENTTEXT", "STYLETEXT", "color: red",
	} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("text holds %q:\n%s", bad, doc.Text)
		}
	}
	for _, good := range []string{"Workers in the fishing village of Saltmere", "The repair took six weeks. Boats were moved",
		"Read the council notice for the details", "with music and a market."} {
		if !strings.Contains(doc.Text, good) {
			t.Errorf("text lacks %q:\n%s", good, doc.Text)
		}
	}
	if doc.URL != "" {
		t.Errorf("URL %q, want none: every address the page gives is javascript:", doc.URL)
	}
	if doc.Headline != "Harbour wall repaired in Saltmere" {
		t.Errorf("headline %q", doc.Headline)
	}
}

func TestExtractHTMLWithoutArticleText(t *testing.T) {
	for _, html := range []string{
		"",
		"<html><head><title>Only a title</title></head><body></body></html>",
		"<nav><a href='/'>Home</a></nav><footer>Footer</footer><script>x()</script>",
	} {
		_, err := intake.ExtractHTML([]byte(html), "", "")
		wantFileError(t, err, framing.EInvalid, "file", "no article text")
	}
}

func TestExtractHTMLReadsShortPagesWhole(t *testing.T) {
	doc, err := intake.ExtractHTML([]byte("<p>Ferry back.</p><p>Calm water.</p>"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Ferry back.\n\nCalm water." {
		t.Errorf("text %q", doc.Text)
	}
	if !utf8.ValidString(doc.Text) {
		t.Error("invalid UTF-8")
	}
}
