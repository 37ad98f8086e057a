package handlers

import (
	"net"
	"net/netip"

	"github.com/labstack/echo/v4"
)

// clientIP finds a request's client address, which limits are keyed by.
// It is the connection's peer: X-Forwarded-For is anyone's to write, and
// limits keyed by address must not be dodged. Behind reverse proxies
// (several instances behind one), the peer is a proxy, so the address is
// the last one in X-Forwarded-For that no trusted proxy wrote: the client
// as the outermost trusted proxy saw it, whatever a client put in front.
func clientIP(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	// Echo trusts loopback, link-local and private addresses by default:
	// only the proxies named are trusted here.
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range trusted {
		p = p.Masked()
		opts = append(opts, echo.TrustIPRange(&net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
