package handlers

import (
	"bytes"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Requests for a page that is being rendered wait for that rendering: a
// class opening the page at once costs one rendering, not thirty.
func TestConcurrentRequestsForOnePageRenderItOnce(t *testing.T) {
	pc := newPageCache(1 << 20)
	var renders atomic.Int32
	render := func() ([]byte, error) {
		renders.Add(1)
		time.Sleep(50 * time.Millisecond)
		return []byte("<p>the page</p>"), nil
	}
	k := pageKey{page: "/events/1", version: 1}
	var wg sync.WaitGroup
	for range 30 {
		wg.Go(func() {
			p, err := pc.page(k, render)
			if err != nil || string(p.html) != "<p>the page</p>" {
				t.Errorf("page = %v, %v", p, err)
			}
		})
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Fatalf("rendered %d times", n)
	}
	if _, err := pc.page(pageKey{page: "/events/1", version: 2}, render); err != nil || renders.Load() != 2 {
		t.Fatalf("a new version was not rendered: %d renders, %v", renders.Load(), err)
	}
}

// A failed rendering is not kept: the next request tries again.
func TestAFailedRenderingIsNotKept(t *testing.T) {
	pc := newPageCache(1 << 20)
	k := pageKey{page: "/"}
	if _, err := pc.page(k, func() ([]byte, error) { return nil, errors.New("the database is busy") }); err == nil {
		t.Fatal("the error was lost")
	}
	p, err := pc.page(k, func() ([]byte, error) { return []byte("ok"), nil })
	if err != nil || string(p.html) != "ok" {
		t.Fatalf("after a failure: %v, %v", p, err)
	}
}

// The cache holds at most its size in pages (plain and gzipped), the
// least recently used going first.
func TestThePageCacheStaysWithinItsSize(t *testing.T) {
	page := bytes.Repeat([]byte("<p>a marked wording</p>"), 400) // ~9 KB, gzips small
	pc := newPageCache(4 * len(page))
	for i := range 20 {
		if _, err := pc.page(pageKey{page: "/", version: uint64(i)}, func() ([]byte, error) { return page, nil }); err != nil {
			t.Fatal(err)
		}
		if pc.size > pc.maxBytes {
			t.Fatalf("after %d pages the cache holds %d bytes, over %d", i+1, pc.size, pc.maxBytes)
		}
	}
	if _, ok := pc.entries[pageKey{page: "/", version: 19}]; !ok {
		t.Fatal("the newest page was dropped")
	}
	if _, ok := pc.entries[pageKey{page: "/", version: 0}]; ok {
		t.Fatal("the oldest page was kept")
	}
}

// A rendering that panics leaves no page behind: those waiting for it get
// an error, and the next request renders the page afresh.
func TestARenderingThatPanicsLeavesTheKeyFreeForTheNext(t *testing.T) {
	pc := newPageCache(1 << 20)
	k := pageKey{page: "/events/1", version: 1}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic was swallowed")
			}
		}()
		_, _ = pc.page(k, func() ([]byte, error) { panic("a view failed") })
	}()
	p, err := pc.page(k, func() ([]byte, error) { return []byte("<p>page</p>"), nil })
	if err != nil || p == nil || string(p.html) != "<p>page</p>" {
		t.Fatalf("after a panic: %v, %v", p, err)
	}
}

// One page over the bound of a page is not kept, and pushes no other out.
func TestAPageOverTheBoundOfOnePageIsNotKeptAndEvictsNothing(t *testing.T) {
	pc := newPageCache(64 << 20)
	small := []byte("<p>a small page</p>")
	if _, err := pc.page(pageKey{page: "/small"}, func() ([]byte, error) { return small, nil }); err != nil {
		t.Fatal(err)
	}
	huge := make([]byte, maxCachedEntryBytes+1) // zeros gzip to almost nothing; the plain page alone is over
	renders := 0
	for range 2 {
		p, err := pc.page(pageKey{page: "/huge"}, func() ([]byte, error) { renders++; return huge, nil })
		if err != nil || len(p.html) != len(huge) {
			t.Fatalf("the huge page was not served: %v", err)
		}
	}
	if renders != 2 {
		t.Errorf("the huge page was rendered %d times, want every time (it is not kept)", renders)
	}
	if _, ok := pc.entries[pageKey{page: "/small"}]; !ok || pc.size != len(small)+len(gzipped(small)) {
		t.Errorf("the small page was pushed out, or the size is wrong: %d", pc.size)
	}
}
