// Package handlers is Framelens's HTTP layer: the routes, the HTML pages, the
// JSON API, middleware and the one place where errors become statuses. It
// parses requests, calls the store or framing, and renders views or JSON;
// the work itself belongs to those packages.
package handlers
