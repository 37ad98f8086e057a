// Package match is the matching engine: it finds a set of terms in texts,
// word by word, and tells for each occurrence its sentence and whose words
// it is in (the outlet's own, a quotation, scare quotes).
//
// Its surface is small: Compile turns terms (phrases, a match mode and an
// id of the caller's) into a Matcher; Matcher.Analyze returns a text's
// matches, sentences and quotes; Tokenize, Sentences and Quotes cut a text
// alone; Fold, Stem, IsHyphen and IsApostrophe are the word rules, for
// code that must agree with the engine on what a word is. It knows no
// lexicon, concept or article: a term is an id, and the caller maps ids
// back to its own types. It imports no package of this module.
//
// Inside, it is tuned for speed (words packed into machine words, a word
// table, eight-byte loads); the reference tests hold it to a plain
// rune-by-rune implementation of the same rules, and docs/performance.md
// keeps the measurements behind each trick.
package match
