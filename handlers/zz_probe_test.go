package handlers_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestZZProbe(t *testing.T) {
	srv, _ := newSeededServer(t)
	show := func(name string, req *http.Request) {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Logf("%s: err %v", name, err)
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) > 300 {
			b = b[:300]
		}
		t.Logf("%s: %d %v %q", name, resp.StatusCode, resp.Header, b)
	}
	// 1 JSON trailing }
	r, _ := http.NewRequest("POST", srv.URL+"/api/events", strings.NewReader(`{"title":"A"}}`))
	show("trailing }", r)
	r, _ = http.NewRequest("POST", srv.URL+"/api/events", strings.NewReader(`{"title":"A"}]`))
	show("trailing ]", r)
	// 2 request 8.2MB < 8MiB
	body := `{"outlet":"A","headline":"H","language":"en","body":"` + strings.Repeat("a", 8_200_000) + `"}`
	r, _ = http.NewRequest("POST", srv.URL+"/api/events/1/articles", strings.NewReader(body))
	show("8.2MB json", r)
	form := url.Values{"outlet": {"X"}, "headline": {"Y"}, "language": {"en"}, "body": {strings.Repeat("word ", 8_200_000/5)}}.Encode()
	r, _ = http.NewRequest("POST", srv.URL+"/events/1/articles", strings.NewReader(form))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	show("8.2MB form", r)
	// chunked form over limit
	big := url.Values{"title": {strings.Repeat("t", 9<<20)}}.Encode()
	r, _ = http.NewRequest("POST", srv.URL+"/events", io.NopCloser(strings.NewReader(big)))
	r.ContentLength = -1
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	show("chunked form", r)
	r, _ = http.NewRequest("POST", srv.URL+"/api/events", io.NopCloser(strings.NewReader(`{"title":"`+strings.Repeat("t", 9<<20)+`"}`)))
	r.ContentLength = -1
	show("chunked json", r)
	r, _ = http.NewRequest("DELETE", srv.URL+"/api/events", nil)
	show("delete api", r)
	r, _ = http.NewRequest("PUT", srv.URL+"/events/1", nil)
	show("put page", r)
	r, _ = http.NewRequest("GET", srv.URL+"/static/..%2fgo.mod", nil)
	show("static enc", r)
	r, _ = http.NewRequest("GET", srv.URL+"/static/../go.mod", nil)
	show("static dotdot", r)
	r, _ = http.NewRequest("HEAD", srv.URL+"/", nil)
	show("head", r)
	r, _ = http.NewRequest("HEAD", srv.URL+"/nope", nil)
	show("head 404", r)
	r, _ = http.NewRequest("GET", srv.URL+"/api", nil)
	show("/api", r)
	r, _ = http.NewRequest("GET", srv.URL+"/api/events/99999999999999999999", nil)
	show("huge id", r)
	r, _ = http.NewRequest("POST", srv.URL+"/api/events", strings.NewReader(`null`))
	show("null", r)
	r, _ = http.NewRequest("POST", srv.URL+"/api/events", strings.NewReader(`[]`))
	show("array", r)
	r, _ = http.NewRequest("POST", srv.URL+"/api/events/1/articles", strings.NewReader(`{"outlet":"A","headline":"H","language":"en","body":"The two leaders met in Vladivostok.","illustrative":"yes"}`))
	show("illustrative string", r)
	r, _ = http.NewRequest("GET", srv.URL+"/static/app.css", nil)
	show("css", r)
}
