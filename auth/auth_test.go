package auth

import (
	"strings"
	"testing"
)

func TestAPasswordChecksAgainstItsHashAndNothingElse(t *testing.T) {
	h, err := HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC format", h)
	}
	if !CheckPassword(h, "correct horse battery staple") {
		t.Error("the right password was refused")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if CheckPassword(h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := HashPassword("correct horse battery staple")
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, broken := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AA$AA", h[:len(h)-5] + "!!!!!"} {
		if CheckPassword(broken, "correct horse battery staple") {
			t.Errorf("malformed hash %q accepted", broken)
		}
	}
}

func TestTokensAreRandomAndStoredOnlyAsHashes(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken()
	if a == b || ha == hb || len(a) < 40 {
		t.Errorf("tokens %q and %q", a, b)
	}
	if TokenHash(a) != ha || strings.Contains(ha, a) {
		t.Error("token hash does not match or contains the token")
	}
}
