package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a certificate and key for 127.0.0.1 to dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "framelens test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	return certFile, keyFile
}

// With -tls-cert and -tls-key the server speaks HTTPS, asks browsers to
// keep to it, and its session cookie is Secure.
func TestServingHTTPSMarksCookiesSecure(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": "correct horse battery"},
		"-db", filepath.Join(dir, "data.db"), "-tls-cert", cert, "-tls-key", key)
	defer stop()
	base = strings.Replace(base, "http://", "https://", 1)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("healthz over HTTPS: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	resp, err = client.Post(base+"/api/login", "application/json", strings.NewReader(`{"username":"admin","password":"correct horse battery"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if len(resp.Cookies()) == 0 || !resp.Cookies()[0].Secure || !resp.Cookies()[0].HttpOnly {
		t.Errorf("session cookie over HTTPS: %+v", resp.Cookies())
	}
	if _, err := parseConfig([]string{"-tls-cert", cert}, envFrom(nil)); err == nil {
		t.Error("a certificate without its key was accepted")
	}
}

// Behind a proxy that ends TLS and says so with X-Forwarded-Proto, the
// server marks the session cookie Secure and sends HSTS, and a browser's
// form from the same site (Origin https://the-host) still passes the
// cross-origin check; a plain request gets neither.
func TestBehindAProxyThatEndsTLSCookiesAreSecure(t *testing.T) {
	base, stop := startServerEnv(t, map[string]string{"FRAMELENS_ADMIN_PASSWORD": "correct horse battery"},
		"-db", filepath.Join(t.TempDir(), "data.db"))
	defer stop()
	login := func(proto string) *http.Response {
		req, _ := http.NewRequest(http.MethodPost, base+"/api/login", strings.NewReader(`{"username":"admin","password":"correct horse battery"}`))
		req.Header.Set("Content-Type", "application/json")
		if proto != "" {
			req.Header.Set("X-Forwarded-Proto", proto)
			req.Header.Set("Origin", proto+"://"+strings.TrimPrefix(base, "http://"))
			req.Header.Set("Sec-Fetch-Site", "same-origin")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	proxied := login("https")
	if proxied.StatusCode != http.StatusOK || len(proxied.Cookies()) == 0 || !proxied.Cookies()[0].Secure ||
		proxied.Header.Get("Strict-Transport-Security") == "" {
		t.Errorf("through a TLS proxy: %d, cookies %+v, HSTS %q", proxied.StatusCode, proxied.Cookies(), proxied.Header.Get("Strict-Transport-Security"))
	}
	plain := login("")
	if plain.StatusCode != http.StatusOK || len(plain.Cookies()) == 0 || plain.Cookies()[0].Secure ||
		plain.Header.Get("Strict-Transport-Security") != "" {
		t.Errorf("plain HTTP: %d, cookies %+v, HSTS %q", plain.StatusCode, plain.Cookies(), plain.Header.Get("Strict-Transport-Security"))
	}
}
