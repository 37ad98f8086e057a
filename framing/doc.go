// Package framing is Framelens's domain: events, outlets, articles,
// lexicons and their scopes, the comparison of wordings concept by
// concept. It holds plain types and pure functions only. Of this module
// it imports only its engine (framing/match, which finds terms in texts)
// and the pattern syntax of lexicon phrases (framing/pattern); never
// net/http, database/sql, Echo or templ, so that the idea of the product
// can be read and tested on its own. The classroom's rules are in
// framing/classroom, which builds on it.
package framing
