package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"framelens/store"
)

// mountSmallDisk mounts a tmpfs of size bytes, a real file system that
// fills up, and unmounts it when the test ends. It needs root (or
// CAP_SYS_ADMIN); elsewhere the test is skipped.
func mountSmallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill up (%v): this test needs root", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fillDisk writes a file until the disk is full and returns its path.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("fill the disk: %v", err)
			}
			break
		}
	}
	// The last partial chunk may have gone in; a small write must fail now.
	for {
		if _, err := f.Write([]byte{0}); err != nil {
			return path
		}
	}
}

// On a disk that is really full, a write is refused with 507 and a clear
// message (JSON for the API, the error page for a form), nothing of it is
// stored, pages keep being served, and once space is freed the next write
// works with no restart; the database passes SQLite's integrity check.
func TestADiskFullRefusesWritesClearlyKeepsReadsAndRecovers(t *testing.T) {
	disk := mountSmallDisk(t, "24m")
	db := filepath.Join(disk, "data.db")
	base, stop := startServer(t, "-db", db)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = stop()
		}
	})
	eventID := getEvents(t, base).Events[0].ID
	articlesURL := fmt.Sprintf("%s/api/events/%d/articles", base, eventID)
	post := func(seed uint64) (int, http.Header, string) {
		body, _ := json.Marshal(map[string]string{"outlet": "Disk Wire", "headline": fmt.Sprintf("Report %d", seed),
			"language": "en", "body": reportText(seed, 400<<10)})
		resp, err := http.Post(articlesURL, "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, string(b)
	}
	if status, _, body := post(1); status != http.StatusCreated {
		t.Fatalf("a write with room: %d %s", status, body)
	}
	stored := []uint64{1}

	filler := fillDisk(t, disk)
	var refused uint64
	for seed := uint64(2); seed < 40 && refused == 0; seed++ {
		// The write-ahead log may still have room from earlier writes, so
		// a write or two can land before the disk turns one away.
		status, header, body := post(seed)
		switch status {
		case http.StatusCreated:
			stored = append(stored, seed)
		case http.StatusInsufficientStorage:
			refused = seed
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, "The database is full: nothing was saved") {
				t.Errorf("the API's answer on a full disk: %s", body)
			}
			if header.Get("Retry-After") == "" {
				t.Error("no Retry-After on a full disk")
			}
			if strings.Contains(strings.ToLower(body), "sqlite") {
				t.Errorf("the answer shows the database engine: %s", body)
			}
		default:
			t.Fatalf("a write on a full disk: %d %s", status, body)
		}
	}
	if refused == 0 {
		t.Fatal("40 writes of 400 KB on a full disk were all stored")
	}
	t.Logf("the full disk took %d more articles, then refused one", len(stored)-1)

	form := url.Values{"outlet": {"Form Wire"}, "headline": {"Typed in class"}, "language": {"en"}, "body": {reportText(1000, 400<<10)}}
	resp, err := http.PostForm(fmt.Sprintf("%s/events/%d/articles", base, eventID), form)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInsufficientStorage || !strings.Contains(string(page), "The database is full") ||
		!strings.Contains(string(page), "Back button") {
		t.Fatalf("the form on a full disk: %d %.600s", resp.StatusCode, page)
	}

	for _, path := range []string{"/", fmt.Sprintf("/events/%d", eventID), fmt.Sprintf("/api/events/%d/comparison", eventID)} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s on a full disk: %d", path, resp.StatusCode)
		}
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if status, _, body := post(refused); status != http.StatusCreated {
		t.Fatalf("the refused write again once space is freed: %d %s", status, body)
	}
	stored = append(stored, refused)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true

	ctx := context.Background()
	if err := store.CheckFile(ctx, db); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	articles, err := st.Articles(ctx, eventID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, seed := range stored {
		want[reportText(seed, 400<<10)] = true
	}
	got := 0
	for _, a := range articles {
		switch {
		case a.Outlet == "Form Wire":
			t.Errorf("the form refused on a full disk was stored")
		case a.Outlet == "Disk Wire" && !want[a.Body]:
			t.Errorf("article %d (%s) is not one that was answered 201, or is not whole", a.ID, a.Headline)
		case a.Outlet == "Disk Wire":
			got++
		}
	}
	if got != len(stored) {
		t.Errorf("%d of the %d articles answered 201 are stored", got, len(stored))
	}
}

// A bulk import on a disk that fills up part way answers 507 with what it
// stored: the ids of the articles stored, each whole, and the line where
// it stopped, with a message that does not say that nothing was saved.
// Sent again once space is freed, the file stores the rest, the lines
// already stored refused as duplicates.
func TestABulkImportOnAFillingDiskAnswersWithWhatItStored(t *testing.T) {
	disk := mountSmallDisk(t, "24m")
	db := filepath.Join(disk, "data.db")
	base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": adminPassword}, "-db", db)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = stop()
		}
	})
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	post := func(path, contentType, body string) (*http.Response, []byte) {
		t.Helper()
		resp, err := client.Post(base+path, contentType, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	if resp, body := post("/api/login", "application/json", fmt.Sprintf(`{"username":"admin","password":%q}`, adminPassword)); resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	resp, body := post("/api/events", "application/json", `{"title":"Imported on a filling disk"}`)
	var ev struct{ ID int64 }
	if err := json.Unmarshal(body, &ev); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create the event: %d %s", resp.StatusCode, body)
	}
	const articles = 60
	var file strings.Builder
	texts := map[string]int{} // text → its line
	for n := 1; n <= articles; n++ {
		text := reportText(uint64(5000+n), 100<<10)
		texts[text] = n
		line, _ := json.Marshal(map[string]string{"outlet": "Bulk Wire", "headline": fmt.Sprintf("Report %d", n), "language": "en", "body": text})
		file.Write(line)
		file.WriteByte('\n')
	}

	filler := fillDisk(t, disk)
	fi, err := os.Stat(filler)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(filler, fi.Size()-2<<20); err != nil { // room for a few articles, not for 60
		t.Fatal(err)
	}
	bulkPath := fmt.Sprintf("/api/events/%d/articles/bulk", ev.ID)
	resp, body = post(bulkPath, "application/x-ndjson", file.String())
	var stoppedReport struct {
		Error      string  `json:"error"`
		Lines      int     `json:"lines"`
		Imported   int     `json:"imported"`
		ArticleIDs []int64 `json:"article_ids"`
		Skipped    []any   `json:"skipped"`
		StoppedAt  int     `json:"stopped_at_line"`
	}
	if err := json.Unmarshal(body, &stoppedReport); err != nil || resp.StatusCode != http.StatusInsufficientStorage || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("the import on a filling disk: %d %.300s", resp.StatusCode, body)
	}
	r := stoppedReport
	t.Logf("the disk took %d articles of %d", r.Imported, articles)
	if r.Imported == 0 || r.StoppedAt != r.Imported+1 || len(r.ArticleIDs) != r.Imported || len(r.Skipped) != 0 {
		t.Errorf("report: %d imported, ids %v, stopped at line %d, %d skipped; want some imported and the next line the one it stopped at",
			r.Imported, r.ArticleIDs, r.StoppedAt, len(r.Skipped))
	}
	if strings.Contains(r.Error, "nothing was saved") || !strings.Contains(r.Error, fmt.Sprintf("the import stopped at line %d", r.StoppedAt)) {
		t.Errorf("message: %q", r.Error)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	resp, body = post(bulkPath, "application/x-ndjson", file.String())
	var again struct {
		Imported int `json:"imported"`
		Skipped  []struct {
			Duplicate bool `json:"duplicate"`
		} `json:"skipped"`
	}
	if err := json.Unmarshal(body, &again); err != nil || resp.StatusCode != http.StatusOK ||
		again.Imported != articles-r.Imported || len(again.Skipped) != r.Imported {
		t.Errorf("the file again once space is freed: %d, %d imported, %d refused; want %d and %d",
			resp.StatusCode, again.Imported, len(again.Skipped), articles-r.Imported, r.Imported)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	stopped = true

	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.Articles(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range list {
		if n, ok := texts[a.Body]; !ok || a.Headline != fmt.Sprintf("Report %d", n) {
			t.Errorf("article %d (%s) is not a whole line of the file", a.ID, a.Headline)
		}
		if i < len(r.ArticleIDs) && a.ID != r.ArticleIDs[i] {
			t.Errorf("article %d stored where the first answer named %d", a.ID, r.ArticleIDs[i])
		}
	}
	if len(list) != articles {
		t.Errorf("%d articles stored, want %d", len(list), articles)
	}
	if err := st.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
}
