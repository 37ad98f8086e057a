package handlers

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"encoding/binary"
	"errors"
	"hash/maphash"
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"framelens/framing"
)

// pageCache keeps rendered comparison pages. Building and rendering a
// comparison of six long articles costs several milliseconds; a class
// opening the same event at once, or a projector reloading it, would pay
// that for every request.
//
// A page is found again only under a key made of everything it is drawn
// from: the event with its revision (which the database raises with every
// change to the event's articles and their outlets, see migration 00006),
// the lexicons' version, who is looking, blind mode and the notice shown.
// Any edit therefore changes the key, whichever process made it (the
// import command writes to the database directly), and nothing needs to
// be told to forget; old pages fall out as the least recently used.
type pageCache struct {
	seed     maphash.Seed
	maxBytes int // all pages, plain and gzipped
	maxEntry int // one page, plain and gzipped

	mu       sync.Mutex
	size     int
	entries  map[pageKey]*list.Element
	order    *list.List // of *cachedPage, most recently used first
	building map[pageKey]*build
}

// build is a page being rendered: requests for the same page meanwhile
// wait for it instead of rendering it again, so that a class opening
// the page at once costs one rendering and one page's memory.
type build struct {
	done chan struct{}
	page *cachedPage
	err  error
}

// pageKey names one rendering of a page.
type pageKey struct {
	page    string // the page's path: "/", "/events/7"
	version uint64 // hash of the version of what it is drawn from
	lexicon string // the lexicons' version key, for pages that mark terms
	viewer  string // username and role, "" for a visitor without a login
	blind   bool
	notice  string
}

// cachedPage is a rendered page, also gzipped once: the comparison page
// is several hundred kilobytes of repetitive markup that compresses about
// tenfold, which a school's uplink and the server's sockets both feel.
type cachedPage struct {
	key         pageKey
	contentType string // "" for HTML
	html        []byte
	gz          []byte
}

// maxCachedPageBytes bounds the cache: about 40 comparison pages of six
// long articles, or 14 of the largest pages.
const maxCachedPageBytes = 16 << 20

// maxCachedEntryBytes bounds one kept page (plain and gzipped), so that
// no page can push the others out. Pages are bounded by design (an event
// page shows the texts of a few articles whatever the event holds: about
// 1 MB for eight long ones); a page larger than this is not kept, on
// purpose, and is rendered again for each request.
const maxCachedEntryBytes = 2 << 20

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{seed: maphash.MakeSeed(), maxBytes: maxBytes, maxEntry: min(maxBytes, maxCachedEntryBytes), entries: map[pageKey]*list.Element{}, order: list.New(),
		building: map[pageKey]*build{}}
}

// eventVersion hashes the event as loaded, its revision included.
func (pc *pageCache) eventVersion(ev framing.Event) uint64 {
	return pc.hash([]int64{ev.ID, ev.Revision, ev.CreatedAt.UnixNano()}, ev.Title, ev.Description, ev.Date)
}

// hash hashes numbers and strings; each string is preceded by its length
// so that no two different lists write the same bytes.
func (pc *pageCache) hash(nums []int64, strs ...string) uint64 {
	var h maphash.Hash
	h.SetSeed(pc.seed)
	var n [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	for _, v := range nums {
		num(v)
	}
	for _, s := range strs {
		num(int64(len(s)))
		h.WriteString(s)
	}
	return h.Sum64()
}

func viewerOf(u *framing.User) string {
	if u == nil {
		return ""
	}
	return u.Role + ":" + u.Username
}

// document is page for a body that is not HTML (the comparison API's
// JSON or CSV), served as contentType.
func (pc *pageCache) document(k pageKey, contentType string, render func() ([]byte, error)) (*cachedPage, error) {
	return pc.build(k, contentType, render)
}

// page is the page under k: the kept one, the one another request is
// rendering, or the one render makes now, which is then kept.
func (pc *pageCache) page(k pageKey, render func() ([]byte, error)) (*cachedPage, error) {
	return pc.build(k, "", render)
}

func (pc *pageCache) build(k pageKey, contentType string, render func() ([]byte, error)) (*cachedPage, error) {
	pc.mu.Lock()
	if el, ok := pc.entries[k]; ok {
		pc.order.MoveToFront(el)
		pc.mu.Unlock()
		return el.Value.(*cachedPage), nil
	}
	if b, ok := pc.building[k]; ok {
		pc.mu.Unlock()
		<-b.done
		return b.page, b.err
	}
	// Until render returns, the build has failed: a render that panics
	// leaves that error to whoever waits for it, and the key free for the
	// next request, instead of a page that is nil for ever.
	b := &build{done: make(chan struct{}), err: errRenderFailed}
	pc.building[k] = b
	pc.mu.Unlock()
	defer func() {
		pc.mu.Lock()
		delete(pc.building, k)
		if b.err == nil {
			pc.keep(b.page)
		}
		pc.mu.Unlock()
		close(b.done)
	}()

	html, err := render()
	if err != nil {
		b.err = err
		return nil, err
	}
	b.page, b.err = &cachedPage{key: k, contentType: contentType, html: html, gz: gzipped(html)}, nil
	return b.page, nil
}

var errRenderFailed = errors.New("render the page: the rendering failed")

// keep adds p, dropping the least recently used pages beyond the size
// bound. A page larger than the bound of one page is not kept.
func (pc *pageCache) keep(p *cachedPage) {
	if len(p.html)+len(p.gz) > pc.maxEntry {
		return
	}
	pc.entries[p.key] = pc.order.PushFront(p)
	pc.size += len(p.html) + len(p.gz)
	for pc.size > pc.maxBytes {
		last := pc.order.Back()
		old := last.Value.(*cachedPage)
		pc.order.Remove(last)
		delete(pc.entries, old.key)
		pc.size -= len(old.html) + len(old.gz)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b) // writes to memory do not fail
	_ = zw.Close()
	return buf.Bytes()
}

// serve writes the page, gzipped when the client takes gzip (every
// browser does).
func (p *cachedPage) serve(c echo.Context) error {
	h := c.Response().Header()
	h.Add(echo.HeaderVary, echo.HeaderAcceptEncoding)
	contentType := p.contentType
	if contentType == "" {
		contentType = echo.MIMETextHTMLCharsetUTF8
	}
	if !acceptsGzip(c.Request().Header.Get(echo.HeaderAcceptEncoding)) {
		return c.Blob(http.StatusOK, contentType, p.html)
	}
	h.Set(echo.HeaderContentEncoding, "gzip")
	return c.Blob(http.StatusOK, contentType, p.gz)
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed
// without q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return !strings.HasPrefix(q, "q=0") || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") != ""
	}
	return false
}
