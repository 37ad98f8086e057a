package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"framelens/framing"
	"framelens/store/storeutil"
)

const (
	insertUserSQL  = `INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?) RETURNING id, created_at`
	userByNameSQL  = `SELECT id, username, role, created_at, password_hash FROM users WHERE username = ?`
	insertSessSQL  = `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)`
	sessionUserSQL = `
SELECT u.id, u.username, u.role, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = ? AND s.expires_at > ?`
	deleteSessSQL = `DELETE FROM sessions WHERE token_hash = ?`
	expireSessSQL = `DELETE FROM sessions WHERE expires_at <= ?`
)

// CreateUser stores an account with an already hashed password. A taken
// username (in any case) is EConflict.
func (s *Store) CreateUser(ctx context.Context, username, passwordHash, role string) (framing.User, error) {
	u := framing.User{Username: username, Role: role}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, insertUserSQL, username, passwordHash, role).Scan(&u.ID, &u.CreatedAt)
	})
	if isUniqueViolation(err) {
		return u, storeutil.ErrUsernameTaken(username)
	}
	if err != nil {
		return u, fmt.Errorf("create user %s: %w", username, err)
	}
	return u, nil
}

// CountUsers is the number of accounts; zero means the app needs setting up.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, storeutil.UserCountSQL).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// UserForLogin returns an account and its password hash, or ENotFound.
func (s *Store) UserForLogin(ctx context.Context, username string) (framing.User, string, error) {
	return storeutil.ScanLoginUser(s.db.QueryRowContext(ctx, userByNameSQL, username), sql.ErrNoRows, username)
}

// CreateSession stores a session by its token hash until expires, and
// drops expired sessions on the way.
func (s *Store) CreateSession(ctx context.Context, userID int64, tokenHash string, expires time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, expireSessSQL, time.Now().UTC()); err != nil {
			return fmt.Errorf("expire sessions: %w", err)
		}
		if _, err := tx.ExecContext(ctx, insertSessSQL, tokenHash, userID, expires.UTC()); err != nil {
			return fmt.Errorf("create session for user %d: %w", userID, err)
		}
		return nil
	})
}

// SessionUser returns the user of a live session, or EUnauthorized.
func (s *Store) SessionUser(ctx context.Context, tokenHash string) (framing.User, error) {
	return storeutil.ScanSessionUser(s.db.QueryRowContext(ctx, sessionUserSQL, tokenHash, time.Now().UTC()), sql.ErrNoRows)
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := s.exec(ctx, deleteSessSQL, tokenHash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

const usersSQL = `SELECT id, username, role, created_at FROM users ORDER BY username`

// Users lists every account by username.
func (s *Store) Users(ctx context.Context) ([]framing.User, error) {
	var list []framing.User
	err := s.query(ctx, usersSQL, func(rows *sql.Rows) error {
		u, err := storeutil.ScanUser(rows)
		list = append(list, u)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}
