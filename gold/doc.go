// Package gold holds Framelens's gold set, short passages of real news
// coverage annotated with the wordings a media-literacy teacher would
// point at (testdata/*.yaml, described in testdata/FORMAT.md), and scores
// the analysis against it: recall, precision and voice accuracy, per
// lexicon and per topic. The passages are test data only: never shown in
// the app, never shipped as demo content; the package is used by tests
// and by `web eval`, and the server does not import it.
package gold
