package framing

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Roles of an account. Admins manage accounts; teachers edit lexicons and
// run classroom sessions.
const (
	RoleAdmin   = "admin"
	RoleTeacher = "teacher"
)

// User is an account that may change lexicons.
type User struct {
	ID        int64
	Username  string
	Role      string
	CreatedAt time.Time
}

// Account limits.
const (
	MinPasswordChars = 10
	MaxPasswordBytes = 1024
)

var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$`)

// NewAccount is what a person types to create an account.
type NewAccount struct {
	Username string
	Password string
	Role     string
}

// Normalize trims the username and checks the account's fields.
func (a *NewAccount) Normalize() error {
	a.Username = strings.TrimSpace(a.Username)
	var p Problems
	switch {
	case a.Username == "":
		p.Add("username", "Choose a username.")
	case !usernamePattern.MatchString(a.Username):
		p.Add("username", "Use 2–40 letters, digits, dots, hyphens or underscores, starting with a letter or digit.")
	}
	switch {
	case utf8.RuneCountInString(a.Password) < MinPasswordChars:
		p.Add("password", "Use at least %d characters; a few words in a row are easy to remember.", MinPasswordChars)
	case len(a.Password) > MaxPasswordBytes:
		p.Add("password", "The password is too long.")
	}
	if a.Role != RoleAdmin && a.Role != RoleTeacher {
		p.Add("role", "The role must be admin or teacher.")
	}
	return p.Err()
}
