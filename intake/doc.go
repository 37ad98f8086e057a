// Package intake turns an uploaded file or a fetched page into article text
// plus what the file says about the article (headline, byline, date, outlet,
// address, language). It reads plain text in UTF-8, UTF-16 and the two
// legacy code pages Framelens's readers use (windows-1251 and windows-1252),
// Markdown, HTML, Word .docx and PDFs with a text layer.
//
// The package is pure: it imports no HTTP server code and no SQL, so that
// handlers can call it for uploads and for pages they fetched themselves.
// Every problem a person can fix comes back as a *framing.Error about the
// field "file" (or "url" for fetched pages); the Text it returns is plain
// text, never markup, whatever the source held.
package intake

//go:generate go run ./internal/fixturegen/gen -out testdata
