package storetest

import (
	"context"
	"slices"
	"testing"

	"framelens/framing"
)

func lexicons(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("CreateAndLoadWhole", func(t *testing.T) {
		st := open(t)
		if list, err := st.Lexicons(ctx); err != nil || len(list) != 0 {
			t.Fatalf("an empty store has lexicons %v, %v", list, err)
		}
		in := sampleLexicon("armenia")
		got := createLexicon(t, st, in)
		if got.ID == 0 || got.Version < 1 || got.Perspectives[0].ID == 0 || got.Concepts[1].ID == 0 || got.Concepts[0].Terms[1].ID == 0 {
			t.Fatalf("created %+v, want ids and a version", got)
		}
		if in.Concepts[0].Terms[0].ID != 0 {
			t.Error("CreateLexicon filled ids into the lexicon it was given")
		}
		topic := createLexicon(t, st, topicLexicon("karabakh", "Stepanakert"))
		list, err := st.Lexicons(ctx)
		check(t, err)
		if len(list) != 2 || list[0].ID != got.ID || list[1].ID != topic.ID {
			t.Fatalf("lexicons %+v, want both in the order created", list)
		}
		l := list[0]
		if l.Slug != "armenia" || l.Name != "Lexicon armenia" || l.Language != "en" || l.Scope != framing.ScopeGeneral || len(l.Anchors) != 0 || l.Version != got.Version {
			t.Errorf("loaded %+v", l)
		}
		if len(l.Perspectives) != 2 || l.Perspectives[1] != got.Perspectives[1] || l.Perspectives[1].Color != "sky" {
			t.Errorf("perspectives %+v, want %+v", l.Perspectives, got.Perspectives)
		}
		if len(l.Concepts) != 2 || l.Concepts[0].Name != "Control" || l.Concepts[0].Category != "territory" || l.Concepts[1].Slug != "fighters" {
			t.Fatalf("concepts %+v", l.Concepts)
		}
		terms := l.Concepts[0].Terms
		if len(terms) != 2 || terms[0].Phrase != "occupied" || terms[0].Perspective != "west" || !slices.Equal(terms[0].Variants, []string{"occupation"}) ||
			terms[1].Phrase != "liberated" || terms[1].MatchMode() != framing.MatchWord || terms[1].Perspective != "east" {
			t.Errorf("terms %+v", terms)
		}
		if n := l.Concepts[1].Terms[0]; n.Note != "Note on separatists" || n.SourceURL != "https://example.org/usage" || n.Perspective != "" || n.MatchMode() != framing.MatchStem {
			t.Errorf("term %+v", n)
		}
		if tl := list[1]; tl.Scope != framing.ScopeTopic || !slices.Equal(tl.Anchors, []string{"Stepanakert"}) {
			t.Errorf("topic lexicon %+v", tl)
		}
		one := load(t, st.Lexicon, got.ID)
		if one.Slug != "armenia" || len(one.Concepts) != 2 {
			t.Errorf("Lexicon(%d) = %+v", got.ID, one)
		}
		_, err = st.Lexicon(ctx, 999)
		wantError(t, err, framing.ENotFound, "")
	})
	t.Run("CreateRefusals", func(t *testing.T) {
		st := open(t)
		createLexicon(t, st, sampleLexicon("armenia"))
		_, err := st.CreateLexicon(ctx, sampleLexicon("armenia"))
		wantError(t, err, framing.EConflict, "slug")
		bad := sampleLexicon("other")
		bad.Name = ""
		_, err = st.CreateLexicon(ctx, bad)
		wantError(t, err, framing.EInvalid, "")
		if list, _ := st.Lexicons(ctx); len(list) != 1 {
			t.Errorf("%d lexicons after refusals, want 1", len(list))
		}
	})
	t.Run("Concepts", func(t *testing.T) {
		st := open(t)
		lex := createLexicon(t, st, sampleLexicon("armenia"))
		other := createLexicon(t, st, sampleLexicon("other"))
		c, err := st.CreateConcept(ctx, lex.ID, framing.Concept{Name: " Casualties ", Category: "War"})
		check(t, err)
		if c.ID == 0 || c.Name != "Casualties" || c.Slug == "" {
			t.Errorf("created %+v", c)
		}
		l := load(t, st.Lexicon, lex.ID)
		if len(l.Concepts) != 3 || l.Concepts[2].ID != c.ID || l.Concepts[2].Category != "war" || len(l.Concepts[2].Terms) != 0 {
			t.Fatalf("concepts %+v, want the new one last without terms", l.Concepts)
		}
		_, err = st.CreateConcept(ctx, lex.ID, framing.Concept{Name: "casualties"})
		wantError(t, err, framing.EConflict, "name")
		_, err = st.CreateConcept(ctx, 999, framing.Concept{Name: "Anything"})
		wantError(t, err, framing.ENotFound, "")

		c.Name, c.Description = "Victims", "who died"
		check(t, st.UpdateConcept(ctx, lex.ID, c))
		if got := load(t, st.Lexicon, lex.ID).Concepts[2]; got.Name != "Victims" || got.Description != "who died" {
			t.Errorf("updated %+v", got)
		}
		wantError(t, st.UpdateConcept(ctx, other.ID, c), framing.ENotFound, "")
		wantError(t, st.DeleteConcept(ctx, other.ID, c.ID), framing.ENotFound, "")

		control := l.Concepts[0]
		check(t, st.DeleteConcept(ctx, lex.ID, control.ID))
		after := load(t, st.Lexicon, lex.ID)
		if len(after.Concepts) != 2 || after.Concepts[0].Slug != "fighters" {
			t.Errorf("after deleting a concept: %+v", after.Concepts)
		}
	})
	t.Run("Terms", func(t *testing.T) {
		st := open(t)
		lex := createLexicon(t, st, sampleLexicon("armenia"))
		other := createLexicon(t, st, sampleLexicon("other"))
		control := lex.Concepts[0]
		in := withPerspective(term(" controlled  by ", "EN"), "east", "control")
		in.Neutral, in.SourceTitle, in.SourceURL = "held by", "A dictionary", "https://example.org/d"
		created, err := st.CreateTerm(ctx, lex.ID, control.ID, in)
		check(t, err)
		if created.ID == 0 || created.Phrase != "controlled by" || created.Language != "en" {
			t.Errorf("created %+v", created)
		}
		terms := load(t, st.Lexicon, lex.ID).Concepts[0].Terms
		if len(terms) != 3 || terms[2].ID != created.ID || terms[2].Neutral != "held by" || terms[2].SourceURL != "https://example.org/d" ||
			terms[2].Perspective != "east" || !slices.Equal(terms[2].Variants, []string{"control"}) {
			t.Fatalf("terms %+v, want the new one last with its fields", terms)
		}
		_, err = st.CreateTerm(ctx, lex.ID, control.ID, term("OCCUPIED", "en"))
		wantError(t, err, framing.EConflict, "phrase")
		if _, err := st.CreateTerm(ctx, lex.ID, control.ID, term("occupied", "ru")); err != nil {
			t.Errorf("the same phrase in another language: %v", err)
		}
		_, err = st.CreateTerm(ctx, lex.ID, control.ID, withPerspective(term("held", "en"), "nobody"))
		wantError(t, err, framing.EInvalid, "perspective")
		_, err = st.CreateTerm(ctx, lex.ID, other.Concepts[0].ID, term("held", "en"))
		wantError(t, err, framing.ENotFound, "")
		_, err = st.CreateTerm(ctx, 999, control.ID, term("held", "en"))
		wantError(t, err, framing.ENotFound, "")

		created.Phrase, created.Perspective, created.Note = "under control of", "", "edited"
		check(t, st.UpdateTerm(ctx, lex.ID, created))
		got := load(t, st.Lexicon, lex.ID).Concepts[0].Terms[2]
		if got.Phrase != "under control of" || got.Perspective != "" || got.Note != "edited" {
			t.Errorf("updated %+v", got)
		}
		created.Phrase = "Liberated"
		wantError(t, st.UpdateTerm(ctx, lex.ID, created), framing.EConflict, "phrase")
		wantError(t, st.UpdateTerm(ctx, other.ID, got), framing.ENotFound, "")
		wantError(t, st.DeleteTerm(ctx, other.ID, got.ID), framing.ENotFound, "")
		check(t, st.DeleteTerm(ctx, lex.ID, got.ID))
		if n := len(load(t, st.Lexicon, lex.ID).Concepts[0].Terms); n != 3 {
			t.Errorf("%d terms after deleting one, want 3", n)
		}
	})
}

// lexiconVersions: every edit raises the lexicon's version and so changes
// the lexicon key; a refused edit changes neither.
func lexiconVersions(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	st := open(t)
	seen := map[string]string{}
	step := func(what string) {
		t.Helper()
		k := get(t, st.LexiconKey)
		if before, ok := seen[k]; ok {
			t.Fatalf("after %s the lexicon key %q is the one of %s", what, k, before)
		}
		seen[k] = what
	}
	unchanged := func(what string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s was not refused", what)
		}
		k := get(t, st.LexiconKey)
		if seen[k] == "" {
			t.Errorf("the refused %s changed the lexicon key to %q", what, k)
		}
	}
	step("nothing")
	lex := createLexicon(t, st, sampleLexicon("armenia"))
	step("a lexicon created")
	other := createLexicon(t, st, sampleLexicon("other"))
	step("another lexicon created")
	version := func() int64 { return load(t, st.Lexicon, lex.ID).Version }
	v := version()
	grew := func(what string) {
		t.Helper()
		step(what)
		if now := version(); now <= v {
			t.Errorf("after %s the version is %d, was %d", what, now, v)
		} else {
			v = now
		}
		if ov := load(t, st.Lexicon, other.ID).Version; ov != other.Version {
			t.Errorf("after %s another lexicon's version moved to %d", what, ov)
		}
	}
	c, err := st.CreateConcept(ctx, lex.ID, framing.Concept{Name: "Casualties"})
	check(t, err)
	grew("a concept created")
	c.Description = "changed"
	check(t, st.UpdateConcept(ctx, lex.ID, c))
	grew("a concept changed")
	created, err := st.CreateTerm(ctx, lex.ID, c.ID, term("killed", "en"))
	check(t, err)
	grew("a term created")
	created.Phrase = "died"
	check(t, st.UpdateTerm(ctx, lex.ID, created))
	grew("a term changed")
	check(t, st.DeleteTerm(ctx, lex.ID, created.ID))
	grew("a term deleted")
	check(t, st.DeleteConcept(ctx, lex.ID, c.ID))
	grew("a concept deleted")
	_, err = st.CreateConcept(ctx, lex.ID, framing.Concept{Name: "Control"})
	unchanged("concept with a taken name", err)
	_, err = st.CreateTerm(ctx, lex.ID, lex.Concepts[0].ID, term("Occupied", "en"))
	unchanged("term with a taken phrase", err)
	if now := version(); now != v {
		t.Errorf("refused edits moved the version from %d to %d", v, now)
	}
}
