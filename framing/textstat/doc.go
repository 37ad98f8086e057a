// Package textstat holds the statistics of texts' words that the product
// shows beside its comparison: sentences of different articles that report
// the same fact (Align), the words an article uses more than others
// (DistinctiveTerms, against a Background), and texts that nearly repeat
// another (FindNearDuplicate). It reads words as the engine does
// (framing/match) and speaks of framing's articles and matches; framing
// does not import it.
package textstat
