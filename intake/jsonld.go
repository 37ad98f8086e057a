package intake

import (
	"encoding/json"
	"html"
	"regexp"
	"strings"
)

// jsonLD is what the page's schema.org article object says.
type jsonLD struct {
	headline   string
	published  string
	authors    string // names joined with ", "
	publisher  string
	ldURL      string
	ldLanguage string
}

// articleType matches the schema.org types of news and blog articles:
// Article, NewsArticle, ReportageNewsArticle, BlogPosting, Report …
var articleType = regexp.MustCompile(`^(?:https?://schema\.org/)?(?:[A-Za-z]*Article|BlogPosting|LiveBlogPosting|Report)$`)

// maxLDDepth bounds the walk through nested JSON-LD; real pages nest a few
// levels, a hostile one could nest thousands.
const maxLDDepth = 12

// readJSONLD finds the first article object in the page's JSON-LD blocks,
// whether it stands alone, in an array or in an @graph, and resolves the
// author and publisher references ({"@id": …}) that @graph pages use.
func readJSONLD(blocks []string) jsonLD {
	var nodes []map[string]any
	for _, b := range blocks {
		b = strings.TrimSpace(b)
		b = strings.TrimSuffix(strings.TrimPrefix(b, "<![CDATA["), "]]>")
		var v any
		if json.Unmarshal([]byte(b), &v) != nil {
			continue // a broken block says nothing; the page still has its text
		}
		collectLDNodes(v, 0, &nodes)
	}
	byID := map[string]map[string]any{}
	for _, n := range nodes {
		if id, ok := n["@id"].(string); ok && id != "" {
			if _, seen := byID[id]; !seen {
				byID[id] = n
			}
		}
	}
	for _, n := range nodes {
		if !isArticle(n) {
			continue
		}
		return jsonLD{
			headline:   firstNonEmpty(ldString(n["headline"]), ldString(n["name"])),
			published:  firstNonEmpty(ldString(n["datePublished"]), ldString(n["dateCreated"])),
			authors:    strings.Join(ldNames(n["author"], byID), ", "),
			publisher:  firstNonEmpty(ldNames(n["publisher"], byID)...),
			ldURL:      firstNonEmpty(ldRef(n["url"]), ldRef(n["mainEntityOfPage"])),
			ldLanguage: ldString(n["inLanguage"]),
		}
	}
	return jsonLD{}
}

// collectLDNodes lists the objects of a JSON-LD value in document order:
// top-level arrays, @graph members and the mainEntity of a WebPage.
func collectLDNodes(v any, depth int, out *[]map[string]any) {
	if depth > maxLDDepth {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, item := range t {
			collectLDNodes(item, depth+1, out)
		}
	case map[string]any:
		*out = append(*out, t)
		for _, key := range []string{"@graph", "mainEntity", "mainEntityOfPage", "hasPart"} {
			if child, ok := t[key]; ok {
				collectLDNodes(child, depth+1, out)
			}
		}
	}
}

func isArticle(n map[string]any) bool {
	switch t := n["@type"].(type) {
	case string:
		return articleType.MatchString(t)
	case []any:
		for _, item := range t {
			if s, ok := item.(string); ok && articleType.MatchString(s) {
				return true
			}
		}
	}
	return false
}

// ldString is a text value; pages sometimes escape HTML entities in JSON-LD.
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return collapseSpaces(html.UnescapeString(t))
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	}
	return ""
}

// ldRef is an address given as a string or as an object with @id or url.
func ldRef(v any) string {
	if m, ok := v.(map[string]any); ok {
		return firstNonEmpty(ldString(m["@id"]), ldString(m["url"]))
	}
	return ldString(v)
}

// ldNames are the names of a person or organisation value: a string, an
// object with a name, a reference to one by @id, or a list of these.
func ldNames(v any, byID map[string]map[string]any) []string {
	var names []string
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := v.(type) {
		case string:
			if s := ldString(t); s != "" {
				names = append(names, s)
			}
		case []any:
			for _, item := range t {
				add(item, depth+1)
			}
		case map[string]any:
			if name := ldString(t["name"]); name != "" {
				names = append(names, name)
			} else if id, ok := t["@id"].(string); ok {
				if ref, ok := byID[id]; ok {
					add(ref["name"], depth+1)
				}
			}
		}
	}
	add(v, 0)
	return names
}
