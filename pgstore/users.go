package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"framelens/framing"
	"framelens/store/storeutil"
)

// Usernames compare in any case, as SQLite's NOCASE column compares them:
// through lower(), which the unique index is on.
const (
	insertUserSQL  = `INSERT INTO users (username, password_hash, role) VALUES ($1, $2, $3) RETURNING id, created_at`
	userTakenSQL   = `SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower($1))`
	userByNameSQL  = `SELECT id, username, role, created_at, password_hash FROM users WHERE lower(username) = lower($1)`
	insertSessSQL  = `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`
	sessionUserSQL = `
SELECT u.id, u.username, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = $1 AND s.expires_at > $2`
	deleteSessSQL = `DELETE FROM sessions WHERE token_hash = $1`
	expireSessSQL = `DELETE FROM sessions WHERE expires_at <= $1`
)

// CreateUser stores an account with an already hashed password. A taken
// username (in any case) is EConflict.
func (s *Store) CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error) {
	u := framing.User{Username: username, Role: role}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Looked for first, so that a refused name uses up no id.
		var taken bool
		if err := tx.QueryRow(ctx, userTakenSQL, username).Scan(&taken); err != nil {
			return err
		}
		if taken {
			return storeutil.ErrUsernameTaken(username)
		}
		return tx.QueryRow(ctx, insertUserSQL, username, passwordHash, role).Scan(&u.ID, &u.CreatedAt)
	})
	var fe *framing.Error
	switch {
	case errors.As(err, &fe):
		return u, err
	case isUniqueViolation(err):
		return u, storeutil.ErrUsernameTaken(username)
	case err != nil:
		return u, fmt.Errorf("create user %s: %w", username, err)
	}
	return u, nil
}

// CountUsers is the number of accounts; zero means the app needs setting up.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, storeutil.UserCountSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// UserForLogin returns an account and its password hash, or ENotFound.
func (s *Store) UserForLogin(ctx context.Context, username string) (framing.User, string, error) {
	return storeutil.ScanLoginUser(s.pool.QueryRow(ctx, userByNameSQL, username), pgx.ErrNoRows, username)
}

// CreateSession stores a session by its token hash until expires, and
// drops expired sessions on the way.
func (s *Store) CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, expireSessSQL, time.Now().UTC()); err != nil {
			return fmt.Errorf("expire sessions: %w", err)
		}
		if _, err := tx.Exec(ctx, insertSessSQL, tokenHash, userID, expires.UTC()); err != nil {
			return fmt.Errorf("create session for user %d: %w", userID, err)
		}
		return nil
	})
}

// SessionUser returns the user of a live session, or EUnauthorized.
func (s *Store) SessionUser(ctx context.Context, tokenHash string) (framing.User, error) {
	return storeutil.ScanSessionUser(s.pool.QueryRow(ctx, sessionUserSQL, tokenHash, time.Now().UTC()), pgx.ErrNoRows)
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.exec(ctx, deleteSessSQL, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// usersSQL orders as SQLite's NOCASE column does: ASCII case folded, then
// byte by byte.
const usersSQL = `SELECT id, username, role, created_at FROM users ORDER BY lower(username) COLLATE "C"`

// Users lists every account by username.
func (s *Store) Users(ctx context.Context) ([]framing.User, error) {
	var list []framing.User
	err := s.query(ctx, usersSQL, func(rows pgx.Rows) error {
		u, err := storeutil.ScanUser(rows)
		list = append(list, u)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}
