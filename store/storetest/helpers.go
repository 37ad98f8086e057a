package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"framelens/framing"
)

// wantError fails unless err is a *framing.Error of the code, about the
// field when field is not "".
func wantError(t *testing.T, err error, code, field string) {
	t.Helper()
	var fe *framing.Error
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v, want a framing error %s", err, code)
	}
	if fe.Code != code {
		t.Fatalf("error code = %s (%v), want %s", fe.Code, err, code)
	}
	if field != "" && fe.Field() != field {
		t.Fatalf("error field = %q (%v), want %q", fe.Field(), err, field)
	}
}

// check fails the test at once on an unexpected error.
func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// article is a valid article input from outlet with the given text.
func article(outlet, body string) framing.ArticleInput {
	return framing.ArticleInput{Outlet: outlet, Headline: "Headline of " + outlet, Language: "en", Body: body}
}

// body is a distinct valid text, numbered.
func body(n int) string {
	return fmt.Sprintf("Text number %d: the council met on Monday and voted on the harbour budget.", n)
}

// get reads f, failing the test on an error: get(t, st.LexiconKey).
func get[T any](t *testing.T, f func(context.Context) (T, error)) T {
	t.Helper()
	v, err := f(context.Background())
	check(t, err)
	return v
}

// load reads the one with the id, failing the test on an error:
// load(t, st.Event, id).
func load[T any](t *testing.T, f func(context.Context, int64) (T, error), id int64) T {
	t.Helper()
	v, err := f(context.Background(), id)
	check(t, err)
	return v
}

func newEvent(t *testing.T, st Store, title string) framing.Event {
	t.Helper()
	ev, err := st.CreateEvent(context.Background(), framing.EventInput{Title: title})
	check(t, err)
	return ev
}

func addArticle(t *testing.T, st Store, eventID int64, in framing.ArticleInput) framing.Article {
	t.Helper()
	a, err := st.AddArticle(context.Background(), eventID, in)
	check(t, err)
	return a
}

// articleIDs are the ids of the event's articles, in their order.
func articleIDs(t *testing.T, st Store, eventID int64) []int64 {
	t.Helper()
	list, err := st.Articles(context.Background(), eventID)
	check(t, err)
	ids := []int64{}
	for _, a := range list {
		ids = append(ids, a.ID)
	}
	return ids
}

// sampleLexicon is a small valid lexicon: two perspectives, two concepts
// with terms, one of them with variants.
func sampleLexicon(slug string) framing.Lexicon {
	return framing.Lexicon{
		Slug: slug, Name: "Lexicon " + slug, Language: "en",
		Perspectives: []framing.Perspective{
			{Slug: "east", Name: "East"},
			{Slug: "west", Name: "West", Color: "sky"},
		},
		Concepts: []framing.Concept{
			{Slug: "control", Name: "Control", Category: "territory", Terms: []framing.Term{
				withPerspective(term("occupied", "en"), "west", "occupation"),
				withMatch(withPerspective(term("liberated", "en"), "east"), framing.MatchWord),
			}},
			{Slug: "fighters", Name: "Fighters", Terms: []framing.Term{term("separatists", "en")}},
		},
	}
}

// topicLexicon is a valid topic lexicon with one anchor.
func topicLexicon(slug, anchor string) framing.Lexicon {
	return framing.Lexicon{
		Slug: slug, Name: "Topic " + slug, Language: "en", Scope: framing.ScopeTopic, Anchors: []string{anchor},
		Concepts: []framing.Concept{{Slug: "place", Name: "Place", Terms: []framing.Term{
			withMatch(term(anchor, "en"), framing.MatchExact),
		}}},
	}
}

func createLexicon(t *testing.T, st Store, lex framing.Lexicon) framing.Lexicon {
	t.Helper()
	got, err := st.CreateLexicon(context.Background(), lex)
	check(t, err)
	return got
}

// term is a valid term: a phrase with the note and source every term needs.
func term(phrase, lang string) framing.Term {
	return framing.Term{Phrase: phrase, Language: lang, Note: "Note on " + phrase, SourceURL: "https://example.org/usage"}
}

func withPerspective(t framing.Term, perspective string, variants ...string) framing.Term {
	t.Perspective, t.Variants = perspective, variants
	return t
}

func withMatch(t framing.Term, match string) framing.Term {
	t.Match = match
	return t
}
