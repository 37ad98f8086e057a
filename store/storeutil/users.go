package storeutil

import (
	"errors"
	"fmt"

	"framelens/framing"
)

// The row readers below take noRows, the driver's error for a query that
// found no row (sql.ErrNoRows or pgx.ErrNoRows), which is the one thing
// about them the dialects do not share.

// ScanUser reads an account: id, username, role, created_at.
func ScanUser(row Row) (framing.User, error) {
	var u framing.User
	err := row.Scan(&u.ID, &u.Username, &u.Role, &u.CreatedAt)
	return u, err
}

// ScanLoginUser reads the account found by its username and its password
// hash (id, username, role, created_at, password_hash), or ENotFound.
func ScanLoginUser(row Row, noRows error, username string) (framing.User, string, error) {
	var u framing.User
	var hash string
	err := row.Scan(&u.ID, &u.Username, &u.Role, &u.CreatedAt, &hash)
	if errors.Is(err, noRows) {
		return u, "", framing.Errorf(framing.ENotFound, "No such user.")
	}
	if err != nil {
		return u, "", fmt.Errorf("load user %s: %w", username, err)
	}
	return u, hash, nil
}

// ScanSessionUser reads the account of a live session, or EUnauthorized
// when the session is unknown or has expired.
func ScanSessionUser(row Row, noRows error) (framing.User, error) {
	u, err := ScanUser(row)
	if errors.Is(err, noRows) {
		return u, framing.Errorf(framing.EUnauthorized, "Your session has ended; log in again.")
	}
	if err != nil {
		return u, fmt.Errorf("load session: %w", err)
	}
	return u, nil
}

// ErrUsernameTaken refuses an account whose username another has, in
// any case.
func ErrUsernameTaken(username string) error {
	return framing.FieldErrorf(framing.EConflict, "username", "The username %q is taken.", username)
}
