// Package framing is Framelens's domain: events, outlets, articles, the
// lexicon model and (from the analysis engine on) the matching of contested
// wordings. It holds plain types and pure functions only; it must not import
// net/http, database/sql, Echo, templ or any package of this module, so that
// the idea of the product can be read and tested on its own.
package framing
