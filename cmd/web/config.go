package main

import (
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strings"
)

const serveUsage = `usage: web [serve] [-addr :8080] [-db data.db] [-seed=true] [-allow-private-fetch] [-tls-cert FILE -tls-key FILE] [-trust-proxy CIDR,...]
       web import -event ID [-db data.db] [-format jsonl|csv] FILE   (web import -h for more)
       web backup [-db data.db] OUT                                 (web backup -h for more)`

type config struct {
	addr   string
	dbPath string
	seed   bool
	// allowPrivateFetch lets import by URL reach loopback and private
	// addresses: for tests and for an intranet's own news pages, never for
	// a server open to the public.
	allowPrivateFetch bool
	// tlsCert and tlsKey serve HTTPS directly; behind a proxy that ends
	// TLS, leave them empty (the proxy's X-Forwarded-Proto marks cookies
	// Secure).
	tlsCert, tlsKey string
	// trustProxies are the reverse proxies whose X-Forwarded-For names
	// the client that limits are keyed by (docs/deploy.md).
	trustProxies []netip.Prefix
}

// parseConfig reads flags, with environment variables as their defaults, so
// a flag given on the command line wins over the environment.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	cfg := config{}
	fs := flag.NewFlagSet("web", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.addr, "addr", envOr(getenv, "FRAMELENS_ADDR", ":8080"), "address to listen on (env FRAMELENS_ADDR)")
	fs.StringVar(&cfg.dbPath, "db", envOr(getenv, "FRAMELENS_DB", "data.db"), "SQLite database file, created if missing, or a postgres:// address (env FRAMELENS_DB)")
	fs.BoolVar(&cfg.seed, "seed", true, "load the demo event into a new database; -seed=false starts empty")
	fs.BoolVar(&cfg.allowPrivateFetch, "allow-private-fetch", false, "let import by URL fetch from loopback and private addresses (tests, intranets)")
	fs.StringVar(&cfg.tlsCert, "tls-cert", getenv("FRAMELENS_TLS_CERT"), "serve HTTPS with this certificate (PEM; env FRAMELENS_TLS_CERT)")
	fs.StringVar(&cfg.tlsKey, "tls-key", getenv("FRAMELENS_TLS_KEY"), "the certificate's private key (PEM; env FRAMELENS_TLS_KEY)")
	fs.Func("trust-proxy", "reverse proxies (comma-separated addresses or CIDR ranges) whose X-Forwarded-For names the client (env FRAMELENS_TRUST_PROXY)",
		func(v string) (err error) { cfg.trustProxies, err = parsePrefixes(v); return err })
	if v := getenv("FRAMELENS_TRUST_PROXY"); v != "" {
		var err error
		if cfg.trustProxies, err = parsePrefixes(v); err != nil {
			return cfg, fmt.Errorf("FRAMELENS_TRUST_PROXY: %w\n%s", err, serveUsage)
		}
	}
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("%w\n%s", err, serveUsage)
	}
	if (cfg.tlsCert == "") != (cfg.tlsKey == "") {
		return cfg, fmt.Errorf("-tls-cert and -tls-key go together\n%s", serveUsage)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q\n%s", fs.Arg(0), serveUsage)
	}
	return cfg, nil
}

func envOr(getenv func(string) string, key, fallback string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return fallback
}

// parsePrefixes reads "10.0.0.0/8,127.0.0.1": a bare address is a range
// of one.
func parsePrefixes(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("trusted proxy %q: %w", f, err)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", f, err)
		}
		out = append(out, p)
	}
	return out, nil
}
