// Package store is Salesflow's PostgreSQL access through sqlx and lib/pq: one
// file per table group, SQL in constants, private row structs converted to
// the exported types. Constraints live in the database; this package maps
// their violations to the sentinel errors below.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"

	"salesflow/migrations"
)

// Sentinel errors callers map to HTTP problems.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("duplicate")
	ErrConflict  = errors.New("conflicts with current state")
)

// Store wraps the database handle.
type Store struct {
	db *sqlx.DB
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return &Store{db: db}, nil
}

// Close releases the connection pool.
func (s *Store) Close() error { return s.db.Close() }

// Ping reports whether the database answers (for /readyz).
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// DB exposes the handle for tests and tools.
func (s *Store) DB() *sqlx.DB { return s.db }

// Migrate applies every embedded migration not yet applied.
func (s *Store) Migrate(ctx context.Context) error {
	goose.SetBaseFS(migrations.FS)
	goose.SetLogger(goose.NopLogger())
	if err := goose.SetDialect("postgres"); err != nil {
		return err
	}
	return goose.UpContext(ctx, s.db.DB, ".")
}

// inTx runs fn in a transaction, committing only when fn succeeds.
func (s *Store) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// pgCode returns the PostgreSQL error code of err, or "".
func pgCode(err error) pq.ErrorCode {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Code
	}
	return ""
}

// IsInvalidInput reports whether PostgreSQL refused a value itself (SQLSTATE
// class 22, data exception: a NUL in text, a year-0000 date, a number out
// of range). The API checks its input before it gets here; this is the net
// under that check, so such a value is the caller's mistake, not a 500.
func IsInvalidInput(err error) bool {
	code := pgCode(err)
	return len(code) == 5 && code[:2] == "22"
}

// mapErr turns driver errors into the sentinels: no rows → ErrNotFound,
// unique violation (23505) → ErrDuplicate.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case pgCode(err) == "23505":
		return fmt.Errorf("%w: %v", ErrDuplicate, err)
	}
	return err
}

// Page is a keyset page request: at most Limit rows after Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// clampLimit keeps list sizes sensible whatever the client asks.
func (p Page) clampLimit() int {
	switch {
	case p.Limit <= 0:
		return 50
	case p.Limit > 200:
		return 200
	}
	return p.Limit
}
