package storetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"framelens/framing"
)

func seeds(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("LexiconsOnce", func(t *testing.T) {
		st := open(t)
		shipped := []framing.Lexicon{sampleLexicon("armenia"), sampleLexicon("general")}
		added, err := st.SeedLexicons(ctx, shipped)
		check(t, err)
		if added != 2 || shipped[0].ID != 0 {
			t.Fatalf("added %d (ids filled in the input: %v), want 2", added, shipped[0].ID != 0)
		}
		key := get(t, st.LexiconKey)
		added, err = st.SeedLexicons(ctx, shipped)
		check(t, err)
		if added != 0 || get(t, st.LexiconKey) != key {
			t.Errorf("seeding again added %d and moved the key", added)
		}
		// A shipped lexicon that became a topic lexicon since it was
		// seeded takes its scope and anchors once, with a new version.
		list, err := st.Lexicons(ctx)
		check(t, err)
		topic := sampleLexicon("general")
		topic.Scope, topic.Anchors = framing.ScopeTopic, []string{"Stepanakert"}
		added, err = st.SeedLexicons(ctx, []framing.Lexicon{topic})
		check(t, err)
		got := load(t, st.Lexicon, list[1].ID)
		if added != 0 || got.Scope != framing.ScopeTopic || len(got.Anchors) != 1 || got.Version <= list[1].Version {
			t.Errorf("adopting the shipped scope: added %d, %+v", added, got)
		}
	})
	t.Run("EventOnce", func(t *testing.T) {
		st := open(t)
		ev := framing.EventInput{Title: "Demo"}
		arts := []framing.ArticleInput{article("Wire", body(1)), article("Courier", body(2))}
		done, err := st.SeedEvent(ctx, "demo", ev, arts)
		check(t, err)
		list, err := st.ListEvents(ctx)
		check(t, err)
		if !done || len(list) != 1 || list[0].Title != "Demo" || list[0].ArticleCount != 2 {
			t.Fatalf("seeded %v: %+v", done, list)
		}
		// Even with its articles deleted, a seed is never applied twice.
		for _, id := range articleIDs(t, st, list[0].ID) {
			check(t, st.DeleteArticle(ctx, id))
		}
		done, err = st.SeedEvent(ctx, "demo", ev, arts)
		check(t, err)
		if list, _ := st.ListEvents(ctx); done || len(list) != 1 {
			t.Errorf("seeding again: %v, %d events", done, len(list))
		}
		// A seed with a bad article stores nothing.
		_, err = st.SeedEvent(ctx, "broken", ev, []framing.ArticleInput{article("Wire", body(1)), {Outlet: "Wire"}})
		if err == nil {
			t.Fatal("a seed with an invalid article was stored")
		}
		if list, _ := st.ListEvents(ctx); len(list) != 1 {
			t.Errorf("a refused seed left %d events", len(list))
		}
	})
}

func health(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	st := open(t)
	check(t, st.Ping(ctx))
	check(t, st.Writable(ctx))
	newEvent(t, st, "After a write")
	check(t, st.Writable(ctx))
}

func backup(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	st := open(t)
	b, ok := st.(Backuper)
	if !ok {
		t.Skip("this store is not backed up by the application")
	}
	newEvent(t, st, "Kept")
	dir := t.TempDir()
	out := filepath.Join(dir, "backup.db")
	check(t, b.Backup(ctx, out))
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Fatalf("the backup file: %v, %v", fi, err)
	}
	wantError(t, b.Backup(ctx, out), framing.EConflict, "")
	wantError(t, b.Backup(ctx, dir), framing.EInvalid, "")
	wantError(t, b.Backup(ctx, filepath.Join(dir, "missing", "backup.db")), framing.EInvalid, "")
}
