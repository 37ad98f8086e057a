package storetest

import (
	"context"
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
