package handlers

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"encoding/binary"
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
	maxBytes int

	mu      sync.Mutex
	size    int
	entries map[pageKey]*list.Element
	order   *list.List // of *cachedPage, most recently used first
}

// pageKey names one rendering of an event page.
type pageKey struct {
	event   uint64 // hash of the event, its revision included
	lexicon string // the lexicons' version key
	viewer  string // username and role, "" for a visitor without a login
	blind   bool
	notice  string
}

// cachedPage is a rendered page, also gzipped once: the comparison page
// is several hundred kilobytes of repetitive markup that compresses about
// tenfold, which a school's uplink and the server's sockets both feel.
type cachedPage struct {
	key  pageKey
	html []byte
	gz   []byte
}

// maxCachedPageBytes bounds the cache: about 40 comparison pages of six
// long articles.
const maxCachedPageBytes = 16 << 20

func newPageCache(maxBytes int) *pageCache {
	return &pageCache{seed: maphash.MakeSeed(), maxBytes: maxBytes, entries: map[pageKey]*list.Element{}, order: list.New()}
}

// eventHash hashes the event as loaded, its revision included; each
// string is preceded by its length so that no two different events write
// the same bytes.
func (pc *pageCache) eventHash(ev framing.Event) uint64 {
	var h maphash.Hash
	h.SetSeed(pc.seed)
	var n [8]byte
	num := func(v int64) {
		binary.LittleEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	str := func(s string) {
		num(int64(len(s)))
		h.WriteString(s)
	}
	num(ev.ID)
	num(ev.Revision)
	num(ev.CreatedAt.UnixNano())
	str(ev.Title)
	str(ev.Description)
	str(ev.Date)
	return h.Sum64()
}

func viewerOf(u *framing.User) string {
	if u == nil {
		return ""
	}
	return u.Role + ":" + u.Username
}

func (pc *pageCache) get(k pageKey) (*cachedPage, bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.entries[k]
	if !ok {
		return nil, false
	}
	pc.order.MoveToFront(el)
	return el.Value.(*cachedPage), true
}

// put keeps html under k, with its gzipped form, dropping the least
// recently used pages beyond the size bound, and returns the page to
// serve. A page larger than the whole bound is not kept. The caller must
// not change html afterwards.
func (pc *pageCache) put(k pageKey, html []byte) *cachedPage {
	p := &cachedPage{key: k, html: html, gz: gzipped(html)}
	if len(p.html)+len(p.gz) > pc.maxBytes {
		return p
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if el, ok := pc.entries[k]; ok { // rendered twice at once: keep one
		pc.order.MoveToFront(el)
		return el.Value.(*cachedPage)
	}
	pc.entries[k] = pc.order.PushFront(p)
	pc.size += len(p.html) + len(p.gz)
	for pc.size > pc.maxBytes {
		last := pc.order.Back()
		old := last.Value.(*cachedPage)
		pc.order.Remove(last)
		delete(pc.entries, old.key)
		pc.size -= len(old.html) + len(old.gz)
	}
	return p
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
	if !acceptsGzip(c.Request().Header.Get(echo.HeaderAcceptEncoding)) {
		return c.HTMLBlob(http.StatusOK, p.html)
	}
	h.Set(echo.HeaderContentEncoding, "gzip")
	return c.HTMLBlob(http.StatusOK, p.gz)
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
