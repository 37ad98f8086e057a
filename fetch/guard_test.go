package fetch

import (
	"errors"
	"net/netip"
	"strings"
	"testing"

	"framelens/framing"
)

func TestPublicWebAddrAdmitsOnlyPublicAddressesOnWebPorts(t *testing.T) {
	tests := []struct {
		addr string
		want error // nil, errNotPublic or errPortNotAllowed
	}{
		// Public IPv4 and IPv6, including the edges of refused ranges.
		{"8.8.8.8:443", nil},
		{"1.1.1.1:80", nil},
		{"11.0.0.0:80", nil},
		{"100.63.255.255:80", nil},
		{"100.128.0.0:80", nil},
		{"172.15.255.255:443", nil},
		{"172.32.0.0:443", nil},
		{"169.253.255.255:443", nil},
		{"192.169.0.1:443", nil},
		{"[2606:4700::1111]:443", nil},
		{"[2a00:1450:4001:80b::200e]:80", nil},
		{"[::ffff:8.8.8.8]:443", nil}, // mapped public is that public address

		// Loopback, private, link-local and metadata.
		{"127.0.0.1:80", errNotPublic},
		{"127.0.0.2:443", errNotPublic},
		{"127.255.255.254:80", errNotPublic},
		{"10.0.0.1:80", errNotPublic},
		{"10.255.255.255:443", errNotPublic},
		{"172.16.0.1:80", errNotPublic},
		{"172.31.255.255:80", errNotPublic},
		{"192.168.1.1:80", errNotPublic},
		{"169.254.0.1:80", errNotPublic},
		{"169.254.169.254:80", errNotPublic},    // cloud metadata
		{"100.100.100.200:80", errNotPublic},    // Alibaba metadata, in CGNAT
		{"100.64.0.1:80", errNotPublic},         // CGNAT
		{"100.127.255.255:443", errNotPublic},   // CGNAT
		{"0.0.0.0:80", errNotPublic},            // unspecified
		{"0.1.2.3:80", errNotPublic},            // "this network"
		{"255.255.255.255:80", errNotPublic},    // broadcast
		{"224.0.0.1:80", errNotPublic},          // multicast
		{"239.255.255.250:80", errNotPublic},    // multicast (SSDP)
		{"240.0.0.1:80", errNotPublic},          // reserved
		{"192.0.2.10:80", errNotPublic},         // documentation
		{"198.18.0.1:80", errNotPublic},         // benchmarking
		{"[::1]:80", errNotPublic},              // loopback
		{"[::]:80", errNotPublic},               // unspecified
		{"[fe80::1]:80", errNotPublic},          // link-local
		{"[fe80::1%eth0]:80", errNotPublic},     // link-local with zone
		{"[fc00::1]:443", errNotPublic},         // unique local
		{"[fd00::2]:443", errNotPublic},         // unique local
		{"[fd00:ec2::254]:80", errNotPublic},    // AWS metadata over IPv6
		{"[ff02::1]:80", errNotPublic},          // multicast
		{"[2001:db8::1]:80", errNotPublic},      // documentation
		{"[2001::1]:80", errNotPublic},          // Teredo
		{"[2002:7f00:1::1]:80", errNotPublic},   // 6to4 of 127.0.0.1
		{"[::ffff:127.0.0.1]:80", errNotPublic}, // IPv4-mapped
		{"[::ffff:10.0.0.1]:80", errNotPublic},
		{"[::ffff:169.254.169.254]:80", errNotPublic},
		{"[::127.0.0.1]:80", errNotPublic},        // IPv4-compatible
		{"[::ffff:0:7f00:1]:80", errNotPublic},    // IPv4-translated
		{"[64:ff9b::7f00:1]:80", errNotPublic},    // NAT64 of 127.0.0.1
		{"[64:ff9b::a9fe:a9fe]:80", errNotPublic}, // NAT64 of metadata
		{"[64:ff9b:1::a00:1]:80", errNotPublic},   // local-use NAT64 of 10.0.0.1

		// Public addresses on other ports.
		{"8.8.8.8:8080", errPortNotAllowed},
		{"8.8.8.8:22", errPortNotAllowed},
		{"8.8.8.8:0", errPortNotAllowed},
		{"[2606:4700::1111]:6379", errPortNotAllowed},
		{"[::ffff:8.8.8.8]:25", errPortNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			got := publicWebAddr(netip.MustParseAddrPort(tt.addr))
			if tt.want == nil {
				if got != nil {
					t.Fatalf("publicWebAddr(%s) = %v, want allowed", tt.addr, got)
				}
				return
			}
			if !errors.Is(got, tt.want) {
				t.Fatalf("publicWebAddr(%s) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

func TestPublicWebAddrRefusesTheZeroAddress(t *testing.T) {
	if err := publicWebAddr(netip.AddrPort{}); !errors.Is(err, errNotPublic) {
		t.Fatalf("publicWebAddr(zero) = %v, want errNotPublic", err)
	}
}

func TestDialControlRefusesOtherNetworksAndUnreadableAddresses(t *testing.T) {
	control := dialControl(func(netip.AddrPort) error { return nil })
	tests := []struct{ network, address string }{
		{"udp4", "8.8.8.8:443"},
		{"unix", "/run/docker.sock"},
		{"tcp4", "not-an-address"},
		{"tcp4", "8.8.8.8"},
	}
	for _, tt := range tests {
		if err := control(tt.network, tt.address, nil); !errors.Is(err, errNotPublic) {
			t.Errorf("control(%q, %q) = %v, want errNotPublic", tt.network, tt.address, err)
		}
	}
	if err := control("tcp6", "[2606:4700::1111]:443", nil); err != nil {
		t.Errorf("control passes a readable tcp6 address to the policy, got %v", err)
	}
}

func TestCheckURLRefusesWhatIsNotAPlainWebAddress(t *testing.T) {
	tests := []struct {
		raw, phrase string
	}{
		{"", "Give the address"},
		{"   ", "Give the address"},
		{"file:///etc/passwd", "must start with https://"},
		{"FILE:///etc/passwd", "must start with https://"},
		{"ftp://files.example/report.txt", "must start with https://"},
		{"javascript:alert(1)", "must start with https://"},
		{"data:text/html,<b>dam</b>", "must start with https://"},
		{"gopher://news.example:70/1", "must start with https://"},
		{"mailto:editor@news.example", "must start with https://"},
		{"news.example/dam-opens", "full address"},
		{"//news.example/dam-opens", "full address"},
		{"http://", "no site name"},
		{"http:///dam-opens", "no site name"},
		{"http:news.example", "no site name"},
		{"https://:443/dam-opens", "no site name"},
		{"https://reader:secret@news.example/dam-opens", "user name or password"},
		{"https://reader@news.example/dam-opens", "user name or password"},
		{"http://2130706433/", "not a valid address"},
		{"http://0177.0.0.1/", "not a valid address"},
		{"http://0x7f.0.0.1/", "not a valid address"},
		{"http://0x7F000001/", "not a valid address"},
		{"http://127.1/", "not a valid address"},
		{"http://10.1/", "not a valid address"},
		{"http://127.0.0.01/", "not a valid address"},
		{"http://news.example.0x1/", "not a valid address"},
		{"http://news.example\x7f/", "not a web address"},
		{"http://news.ex\xffample/", "not valid UTF-8"},
		{"https://news.example/" + strings.Repeat("a", framing.MaxURLChars), "characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := checkURL(tt.raw)
			wantUserError(t, err, framing.EInvalid, tt.phrase)
		})
	}
}

func TestCheckURLAcceptsWebAddresses(t *testing.T) {
	for _, raw := range []string{
		"https://news.example/2031/05/dam-opens?ref=home#top",
		"  http://news.example/dam-opens  ",
		"HTTPS://News.Example/dam-opens",
		"http://news.example:8080/dam-opens", // the port is judged at dial time
		"http://93.184.216.34/",
		"http://[2606:4700::1111]/",
		"http://[::ffff:127.0.0.1]/", // an IP literal: judged at dial time
		"http://news.example./",
		"http://2031.news.example/",
		"https://xn--nachrichten-beispiel-9pb.example/",
	} {
		if _, err := checkURL(raw); err != nil {
			t.Errorf("checkURL(%q) = %v, want accepted", raw, err)
		}
	}
}

// wantUserError fails unless err is a *framing.Error with code, on field
// "url", whose message contains phrase.
func wantUserError(t *testing.T, err error, code, phrase string) {
	t.Helper()
	var fe *framing.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v, want a *framing.Error", err)
	}
	if fe.Code != code || fe.Field() != "url" {
		t.Fatalf("error code %q field %q, want %q on \"url\" (%v)", fe.Code, fe.Field(), code, err)
	}
	if !strings.Contains(fe.Message, phrase) {
		t.Fatalf("message %q does not say %q", fe.Message, phrase)
	}
}

func FuzzCheckURLAcceptsOnlyPlainWebAddresses(f *testing.F) {
	for _, s := range []string{
		"https://news.example/dam-opens", "http://2130706433/", "file:///etc/passwd",
		"http://[::1]:80/", "http://reader:secret@news.example/", "http://0x7f.1/", "javascript:alert(1)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := checkURL(raw)
		if err != nil {
			if framing.ErrorCode(err) != framing.EInvalid {
				t.Fatalf("checkURL(%q) = %v, want an EInvalid error", raw, err)
			}
			return
		}
		if (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.Hostname() == "" {
			t.Fatalf("checkURL(%q) accepted %#v", raw, u)
		}
		// The client sends u.String(); redirects are judged on that form.
		if _, err := checkURL(u.String()); err != nil {
			t.Fatalf("checkURL(%q) accepted, but refuses its own form %q: %v", raw, u.String(), err)
		}
	})
}
