// Package classroom holds the words and rules of a class reading an
// event's articles together: sessions and their join codes and phases,
// students known by nickname, their marks and the rules for accepting
// one, what the marks add up to (the class's wordings, the lexicon's
// wordings nobody marked, the heat over each text) and the texts of the
// session's pages. It speaks of framing's articles, spans and matcher;
// framing does not import it.
package classroom
