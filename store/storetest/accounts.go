package storetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"framelens/framing"
)

func accounts(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("Users", func(t *testing.T) {
		st := open(t)
		if n, err := st.CountUsers(ctx); err != nil || n != 0 {
			t.Fatalf("an empty store counts %d users, %v", n, err)
		}
		bob, err := st.CreateUser(ctx, "bob", "hash-b", framing.RoleTeacher)
		check(t, err)
		if bob.ID == 0 || bob.Username != "bob" || bob.Role != framing.RoleTeacher || bob.CreatedAt.IsZero() {
			t.Errorf("created %+v", bob)
		}
		_, err = st.CreateUser(ctx, "Alice", "hash-a", framing.RoleAdmin)
		check(t, err)
		_, err = st.CreateUser(ctx, "carol", "hash-c", framing.RoleTeacher)
		check(t, err)
		_, err = st.CreateUser(ctx, "BOB", "hash-x", framing.RoleTeacher)
		wantError(t, err, framing.EConflict, "username")
		if n, err := st.CountUsers(ctx); err != nil || n != 3 {
			t.Errorf("CountUsers = %d, %v; want 3", n, err)
		}
		list, err := st.Users(ctx)
		check(t, err)
		var names []string
		for _, u := range list {
			names = append(names, u.Username)
		}
		if len(names) != 3 || names[0] != "Alice" || names[1] != "bob" || names[2] != "carol" {
			t.Errorf("users %v, want them by name whatever the case", names)
		}
		u, hash, err := st.UserForLogin(ctx, "Bob")
		check(t, err)
		if u.ID != bob.ID || u.Username != "bob" || hash != "hash-b" {
			t.Errorf("login as Bob: %+v with hash %q, want bob's account and hash", u, hash)
		}
		_, _, err = st.UserForLogin(ctx, "dave")
		wantError(t, err, framing.ENotFound, "")
	})
	t.Run("SessionsExpire", func(t *testing.T) {
		st := open(t)
		u, err := st.CreateUser(ctx, "bob", "hash", framing.RoleTeacher)
		check(t, err)
		check(t, st.CreateSession(ctx, u.ID, "live", time.Now().Add(time.Hour)))
		check(t, st.CreateSession(ctx, u.ID, "ended", time.Now().Add(-time.Second)))
		got, err := st.SessionUser(ctx, "live")
		check(t, err)
		if got.ID != u.ID || got.Username != "bob" || got.Role != framing.RoleTeacher {
			t.Errorf("session user %+v, want %+v", got, u)
		}
		_, err = st.SessionUser(ctx, "ended")
		wantError(t, err, framing.EUnauthorized, "")
		_, err = st.SessionUser(ctx, "never")
		wantError(t, err, framing.EUnauthorized, "")
		check(t, st.DeleteSession(ctx, "live"))
		_, err = st.SessionUser(ctx, "live")
		wantError(t, err, framing.EUnauthorized, "")
		check(t, st.DeleteSession(ctx, "never"))
	})
}

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
