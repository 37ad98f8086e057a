package handlers

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestTheClientAddressIsThePeerUnlessThePeerIsATrustedProxy(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/24"), netip.MustParsePrefix("::1/128")}
	for _, c := range []struct {
		name    string
		trusted []netip.Prefix
		peer    string
		xff     string
		want    string
	}{
		{"no proxy trusted: the header is ignored", nil, "203.0.113.9:4000", "198.51.100.1", "203.0.113.9"},
		{"a trusted proxy's client", proxies, "10.0.0.5:4000", "198.51.100.1", "198.51.100.1"},
		{"a client's own header is passed over", proxies, "10.0.0.5:4000", "192.0.2.66, 198.51.100.1", "198.51.100.1"},
		{"a chain of trusted proxies", proxies, "[::1]:4000", "198.51.100.1, 10.0.0.7", "198.51.100.1"},
		{"a peer that is not a trusted proxy", proxies, "203.0.113.9:4000", "198.51.100.1", "203.0.113.9"},
		{"private addresses are not trusted unless named", proxies, "192.168.1.2:4000", "198.51.100.1", "192.168.1.2"},
		{"a trusted proxy's request without the header", proxies, "10.0.0.5:4000", "", "10.0.0.5"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = c.peer
		if c.xff != "" {
			req.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := clientIP(c.trusted)(req); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
