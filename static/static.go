// Package static holds the stylesheet and scripts the pages use, embedded in
// the binary. Each file is served under a URL carrying a hash of its content
// so browsers may cache it for a year and still see every change.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

//go:embed *.css *.js *.svg
var files embed.FS

// FS is the embedded files.
var FS fs.FS = files

var versions = hashFiles()

// zipped holds each file gzipped once, at start: they are text that
// compresses three- to fivefold, sent with every first visit.
var zipped = gzipFiles()

func gzipFiles() map[string][]byte {
	out := map[string][]byte{}
	for name := range versions {
		b, err := files.ReadFile(name)
		if err != nil {
			panic(err) // the files are embedded at build time
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level
		_, _ = zw.Write(b)                                       // writes to memory do not fail
		_ = zw.Close()
		out[name] = buf.Bytes()
	}
	return out
}

// Gzipped is an embedded file, gzipped; nil if there is none.
func Gzipped(name string) []byte {
	return zipped[name]
}

func hashFiles() map[string]string {
	out := map[string]string{}
	entries, err := files.ReadDir(".")
	if err != nil {
		panic(err) // the files are embedded at build time
	}
	for _, e := range entries {
		b, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:])[:12]
	}
	return out
}

// URL is the address of an embedded file, with its content version.
func URL(name string) string {
	return "/static/" + name + "?v=" + versions[name]
}

// Has reports whether name is an embedded file.
func Has(name string) bool {
	_, ok := versions[name]
	return ok
}

// Version is the content version of an embedded file, "" if there is none.
func Version(name string) string {
	return versions[name]
}
