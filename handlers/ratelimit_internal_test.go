package handlers

import "testing"

func TestRateLimitsCountAnIPv6NetworkAsOneAddress(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2:ffff:1:2:3"},
		{"::ffff:192.0.2.7", "::ffff:192.0.2.7"},
	} {
		if addressKey(c.a) != addressKey(c.b) {
			t.Errorf("%s and %s are counted apart: %s, %s", c.a, c.b, addressKey(c.a), addressKey(c.b))
		}
	}
	for _, c := range []struct{ a, b string }{
		{"192.0.2.7", "192.0.2.8"},
		{"2001:db8:1:2::1", "2001:db8:1:3::1"},
	} {
		if addressKey(c.a) == addressKey(c.b) {
			t.Errorf("%s and %s are counted as one: %s", c.a, c.b, addressKey(c.a))
		}
	}
	if got := addressKey("not an address"); got != "not an address" {
		t.Errorf("an unreadable address is kept as it is: %q", got)
	}
}
