// Package fetch downloads the page a user names for "Import by URL" without
// letting the server become a way into networks the user cannot reach
// (server-side request forgery): only http and https, no user:pass@, no
// environment proxy, and every connection, redirects included, is checked
// after DNS resolution against a policy that admits public addresses on the
// web ports only. It returns raw bytes for an extractor; it must not import
// handlers, store, views or echo, and it speaks no SQL.
package fetch
