package pgstore_test

import (
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

func term(phrase, perspective string, variants ...string) framing.Term {
	return framing.Term{Phrase: phrase, Language: "en", Perspective: perspective, Variants: variants,
		Note: "Why it matters.", SourceTitle: "A style guide", SourceURL: "https://example.org/guide"}
}

// lexicon is a small general lexicon, or a topic one when anchors are
// given.
func lexicon(slug string, anchors ...string) framing.Lexicon {
	l := framing.Lexicon{Slug: slug, Name: "Lexicon " + slug, Language: "en",
		Perspectives: []framing.Perspective{{Slug: "a", Name: "Side A", Color: "sky"}, {Slug: "b", Name: "Side B"}},
		Concepts: []framing.Concept{
			{Slug: "place", Name: "The place", Category: "places", Terms: []framing.Term{term("Stepanakert", "a"), term("Khankendi", "b", "Xankəndi")}},
			{Slug: "control", Name: "Control", Terms: []framing.Term{term("occupied", "a", "occupation"), term("controlled", "")}},
		}}
	if len(anchors) > 0 {
		l.Scope, l.Anchors = framing.ScopeTopic, anchors
	}
	return l
}

// Lexicons, their concepts and terms, their versions and the topics of
// events are kept alike, with the same ids, orders and errors.
func TestLexiconsAndTopicsBehaveAsInSQLite(t *testing.T) {
	tw := newTwin(t)
	shipped, err := lexicons.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	key := func(what string) { both(tw, what, func(s api) (string, error) { return s.LexiconKey(ctx) }) }
	key("LexiconKey of none")
	both(tw, "SeedLexicons", func(s api) (int, error) { return s.SeedLexicons(ctx, shipped) })
	both(tw, "SeedLexicons again", func(s api) (int, error) { return s.SeedLexicons(ctx, shipped) })
	// A lexicon seeded before scopes existed takes its shipped scope and
	// anchors once.
	both(tw, "seed before scopes", func(s api) (int, error) { return s.SeedLexicons(ctx, []framing.Lexicon{lexicon("karabakh")}) })
	both(tw, "seed with scope", func(s api) (int, error) {
		return s.SeedLexicons(ctx, []framing.Lexicon{lexicon("karabakh", "Karabakh", "Nagorno-Karabakh")})
	})
	both(tw, "seed with scope again", func(s api) (int, error) {
		return s.SeedLexicons(ctx, []framing.Lexicon{lexicon("karabakh", "Karabakh", "Nagorno-Karabakh")})
	})
	all := both(tw, "Lexicons", func(s api) ([]framing.Lexicon, error) { return s.Lexicons(ctx) })
	key("LexiconKey")

	general := both(tw, "CreateLexicon", func(s api) (framing.Lexicon, error) { return s.CreateLexicon(ctx, lexicon("custom")) })
	fails(tw, "CreateLexicon taken slug", framing.EConflict, func(s api) (framing.Lexicon, error) { return s.CreateLexicon(ctx, lexicon("custom")) })
	fails(tw, "CreateLexicon invalid", framing.EInvalid, func(s api) (framing.Lexicon, error) {
		return s.CreateLexicon(ctx, framing.Lexicon{Slug: "Bad Slug", Name: "x"})
	})
	topic := both(tw, "CreateLexicon topic", func(s api) (framing.Lexicon, error) {
		return s.CreateLexicon(ctx, lexicon("ukraine", "Ukraine", "Kyiv"))
	})
	both(tw, "Lexicon", func(s api) (framing.Lexicon, error) { return s.Lexicon(ctx, general.ID) })
	fails(tw, "Lexicon 999", framing.ENotFound, func(s api) (framing.Lexicon, error) { return s.Lexicon(ctx, 999) })

	lex, other := general.ID, all[0].ID
	concept := both(tw, "CreateConcept", func(s api) (framing.Concept, error) {
		return s.CreateConcept(ctx, lex, framing.Concept{Name: "Forces", Category: "Actors", Description: "Who fights."})
	})
	fails(tw, "CreateConcept taken", framing.EConflict, func(s api) (framing.Concept, error) {
		return s.CreateConcept(ctx, lex, framing.Concept{Name: "forces"})
	})
	fails(tw, "CreateConcept no lexicon", framing.ENotFound, func(s api) (framing.Concept, error) {
		return s.CreateConcept(ctx, 999, framing.Concept{Name: "Forces"})
	})
	fails(tw, "CreateConcept nameless", framing.EInvalid, func(s api) (framing.Concept, error) {
		return s.CreateConcept(ctx, lex, framing.Concept{Name: ""})
	})
	edited := concept
	edited.Name, edited.Description = "Armed forces", "Who fights, and for whom."
	both0(tw, "UpdateConcept", func(s api) error { return s.UpdateConcept(ctx, lex, edited) })
	fails(tw, "UpdateConcept of another lexicon", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.UpdateConcept(ctx, other, edited)
	})
	t1 := both(tw, "CreateTerm", func(s api) (framing.Term, error) {
		return s.CreateTerm(ctx, lex, concept.ID, term("separatists", "a", "separatist"))
	})
	both(tw, "CreateTerm second", func(s api) (framing.Term, error) {
		return s.CreateTerm(ctx, lex, concept.ID, term("ethnic Armenian forces", ""))
	})
	fails(tw, "CreateTerm taken in another case", framing.EConflict, func(s api) (framing.Term, error) {
		return s.CreateTerm(ctx, lex, concept.ID, term("Separatists", "b"))
	})
	fails(tw, "CreateTerm unknown perspective", framing.EInvalid, func(s api) (framing.Term, error) {
		return s.CreateTerm(ctx, lex, concept.ID, term("rebels", "z"))
	})
	fails(tw, "CreateTerm concept of another lexicon", framing.ENotFound, func(s api) (framing.Term, error) {
		return s.CreateTerm(ctx, other, concept.ID, term("rebels", ""))
	})
	t1.Phrase, t1.Perspective, t1.Variants = "Separatist forces", "b", nil
	both0(tw, "UpdateTerm", func(s api) error { return s.UpdateTerm(ctx, lex, t1) })
	t1.Phrase = "ethnic armenian forces"
	fails(tw, "UpdateTerm onto a sibling", framing.EConflict, func(s api) (struct{}, error) { return struct{}{}, s.UpdateTerm(ctx, lex, t1) })
	elsewhere := t1
	elsewhere.Perspective = ""
	fails(tw, "UpdateTerm of another lexicon", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.UpdateTerm(ctx, other, elsewhere)
	})
	both0(tw, "DeleteTerm", func(s api) error { return s.DeleteTerm(ctx, lex, general.Concepts[1].Terms[1].ID) })
	fails(tw, "DeleteTerm again", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.DeleteTerm(ctx, lex, general.Concepts[1].Terms[1].ID)
	})
	both0(tw, "DeleteConcept", func(s api) error { return s.DeleteConcept(ctx, lex, general.Concepts[0].ID) })
	fails(tw, "DeleteConcept of no lexicon", framing.ENotFound, func(s api) (struct{}, error) {
		return struct{}{}, s.DeleteConcept(ctx, 999, concept.ID)
	})
	both(tw, "CreateConcept after a delete", func(s api) (framing.Concept, error) {
		return s.CreateConcept(ctx, lex, framing.Concept{Name: "Talks"})
	})
	both(tw, "Lexicons after edits", func(s api) ([]framing.Lexicon, error) { return s.Lexicons(ctx) })
	key("LexiconKey after edits")

	// Topics: chosen by a person (raising the revision), detected (not
	// raising it), handed back to detection.
	both(tw, "CreateEvent", func(s api) (framing.Event, error) { return s.CreateEvent(ctx, framing.EventInput{Title: "War"}) })
	topics := func(what string) {
		t.Helper()
		both(tw, what, func(s api) (framing.EventTopics, error) { return s.EventTopics(ctx, 1) })
		both(tw, what+", event", func(s api) (framing.Event, error) { return s.Event(ctx, 1) })
	}
	topics("EventTopics at first")
	both0(tw, "SaveDetectedTopics", func(s api) error { return s.SaveDetectedTopics(ctx, 1, []string{"karabakh"}, "k1") })
	topics("detected")
	both0(tw, "ChooseEventTopics", func(s api) error {
		return s.ChooseEventTopics(ctx, 1, []string{topic.Slug, "custom", "karabakh"})
	})
	topics("chosen")
	both0(tw, "SaveDetectedTopics after a choice", func(s api) error { return s.SaveDetectedTopics(ctx, 1, nil, "k2") })
	topics("still chosen")
	fails(tw, "ChooseEventTopics unknown", framing.EInvalid, func(s api) (struct{}, error) {
		return struct{}{}, s.ChooseEventTopics(ctx, 1, []string{"nope"})
	})
	topics("unchanged by a refused choice")
	both0(tw, "ResetEventTopics", func(s api) error { return s.ResetEventTopics(ctx, 1) })
	topics("reset")
	for name, f := range map[string]func(api) error{
		"EventTopics":        func(s api) error { _, err := s.EventTopics(ctx, 99); return err },
		"ChooseEventTopics":  func(s api) error { return s.ChooseEventTopics(ctx, 99, nil) },
		"ResetEventTopics":   func(s api) error { return s.ResetEventTopics(ctx, 99) },
		"SaveDetectedTopics": func(s api) error { return s.SaveDetectedTopics(ctx, 99, nil, "k") },
	} {
		fails(tw, name+" of no event", framing.ENotFound, func(s api) (struct{}, error) { return struct{}{}, f(s) })
	}
}
