package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"unicode/utf8"

	"code.dny.dev/ssrf"

	"framelens/framing"
)

// Refusals raised at dial time; explain turns them into messages that say
// the address is not public without naming the address.
var (
	errNotPublic      = errors.New("destination address is not public")
	errPortNotAllowed = errors.New("destination port is not a web port")
)

// addrPolicy decides whether a connection to ap may be opened, returning an
// error wrapping errNotPublic or errPortNotAllowed to refuse it. It is a
// field of Fetcher so that tests on loopback can call some loopback
// addresses public.
type addrPolicy func(ap netip.AddrPort) error

// guardian holds the IANA special-purpose registries (private, loopback,
// link-local, CGNAT, documentation, multicast, reserved …) and, for IPv6,
// admits only global unicast 2000::/3, which shuts out fc00::/7, fe80::/10,
// NAT64 64:ff9b::/96 and the IPv4-compatible ::/96 forms. Ports are ours.
var guardian = ssrf.New(ssrf.WithAnyPort(), ssrf.WithAnyNetwork())

// publicWebAddr is the default policy: a public address on port 80 or 443.
// Ports are limited because a public address can be this server's own,
// where databases and admin consoles listen on other ports.
func publicWebAddr(ap netip.AddrPort) error {
	addr := ap.Addr().Unmap() // ::ffff:127.0.0.1 is 127.0.0.1
	if !addr.IsValid() {
		return fmt.Errorf("%w: no address", errNotPublic)
	}
	if err := guardian.SafeAddr(addr); err != nil {
		return fmt.Errorf("%w: %w", errNotPublic, err)
	}
	if p := ap.Port(); p != 80 && p != 443 {
		return fmt.Errorf("%w: port %d", errPortNotAllowed, p)
	}
	return nil
}

// dialControl applies policy to the address the dialer is about to connect
// to: the IP that DNS answered at this moment, for every hop.
func dialControl(policy addrPolicy) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if network != "tcp4" && network != "tcp6" {
			return fmt.Errorf("%w: network %s", errNotPublic, network)
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: unreadable address %q: %w", errNotPublic, address, err)
		}
		return policy(ap)
	}
}

// checkURL accepts an absolute http or https URL with a host and no user
// information, and refuses hosts that only resolvers read as IP numbers
// (2130706433, 0177.0.0.1, 0x7f.1): a plain IP address must be written
// plainly.
func checkURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	switch {
	case raw == "":
		return nil, invalid("Give the address of the article's page, starting with https://.")
	case !utf8.ValidString(raw):
		return nil, invalid("The address is not valid UTF-8 text.")
	case utf8.RuneCountInString(raw) > framing.MaxURLChars:
		return nil, invalid("The address is %s long; the limit is %d.",
			framing.Plural(utf8.RuneCountInString(raw), "character", "characters"), framing.MaxURLChars)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, invalid("This is not a web address Framelens can read. Copy it from the browser's address bar.")
	}
	switch {
	case u.Scheme == "":
		return nil, invalid("Give the full address, starting with https:// or http://.")
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, invalid("Only web pages can be imported: the address must start with https:// or http://.")
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return nil, invalid("The address has no site name. Give the full address, such as https://news.example/story.")
	case u.User != nil:
		return nil, invalid("Remove the user name or password from the address; Framelens does not log in to sites.")
	case endsInNumber(u.Hostname()) && !isIPLiteral(u.Hostname()):
		return nil, invalid("The site name %s is not a valid address. Give the site's name or a plain IP address.", u.Hostname())
	}
	return u, nil
}

// endsInNumber follows the WHATWG URL standard: a host whose last label is a
// decimal, 0x-hex or octal number is an IPv4 address, whatever its form.
func endsInNumber(host string) bool {
	host = strings.TrimSuffix(host, ".")
	label := host[strings.LastIndexByte(host, '.')+1:]
	if label == "" {
		return false
	}
	if rest, ok := strings.CutPrefix(strings.ToLower(label), "0x"); ok {
		return strings.Trim(rest, "0123456789abcdef") == ""
	}
	return strings.Trim(label, "0123456789") == ""
}

// isIPLiteral is true for dotted-quad IPv4 and for IPv6 (brackets already
// removed), the forms every resolver reads alike.
func isIPLiteral(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}

func invalid(format string, args ...any) *framing.Error {
	return framing.FieldErrorf(framing.EInvalid, "url", format, args...)
}
