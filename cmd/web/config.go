package main

import (
	"flag"
	"fmt"
	"io"
)

const serveUsage = `usage: web [serve] [-addr :8080] [-db data.db] [-seed=true] [-allow-private-fetch] [-tls-cert FILE -tls-key FILE]
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
}

// parseConfig reads flags, with environment variables as their defaults, so
// a flag given on the command line wins over the environment.
func parseConfig(args []string, getenv func(string) string) (config, error) {
	cfg := config{}
	fs := flag.NewFlagSet("web", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.addr, "addr", envOr(getenv, "FRAMELENS_ADDR", ":8080"), "address to listen on (env FRAMELENS_ADDR)")
	fs.StringVar(&cfg.dbPath, "db", envOr(getenv, "FRAMELENS_DB", "data.db"), "SQLite database file, created if missing (env FRAMELENS_DB)")
	fs.BoolVar(&cfg.seed, "seed", true, "load the demo event into a new database; -seed=false starts empty")
	fs.BoolVar(&cfg.allowPrivateFetch, "allow-private-fetch", false, "let import by URL fetch from loopback and private addresses (tests, intranets)")
	fs.StringVar(&cfg.tlsCert, "tls-cert", getenv("FRAMELENS_TLS_CERT"), "serve HTTPS with this certificate (PEM; env FRAMELENS_TLS_CERT)")
	fs.StringVar(&cfg.tlsKey, "tls-key", getenv("FRAMELENS_TLS_KEY"), "the certificate's private key (PEM; env FRAMELENS_TLS_KEY)")
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
