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
	"maps"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/pressly/goose/v3"

	"salesflow/migrations"
)

// Sentinel errors callers map to HTTP problems. ErrInvalid and
// ErrConstraint are PostgreSQL refusing a value outright (SQLSTATE classes
// 22 and 23): the same write fails the same way however often it is
// retried, so a workflow step that meets one must fail, not wait.
var (
	ErrNotFound   = errors.New("not found")
	ErrDuplicate  = errors.New("duplicate")
	ErrConflict   = errors.New("conflicts with current state")
	ErrInvalid    = errors.New("value refused by the database")
	ErrConstraint = errors.New("violates a database constraint")
)

// Store wraps the database handle.
type Store struct {
	db       *sqlx.DB
	prepared *preparedSet // on a pool of its own (see Open)
}

// DefaultMaxConns is how many connections a Store opens at most, its two
// pools together, unless WithMaxConns says otherwise; the worker sizes its
// activity slots to it (SALESFLOW_DB_MAX_CONNS).
const DefaultMaxConns = 20

// Option changes how Open sets up the pool.
type Option func(*options)

type options struct{ maxConns int }

// WithMaxConns sets the pool's size (n <= 0 keeps DefaultMaxConns).
func WithMaxConns(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxConns = n
		}
	}
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	o := options{maxConns: DefaultMaxConns}
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := pq.NewConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// A statement with parameters goes to the server in one round trip
	// (parse, bind, execute together) instead of two: lib/pq otherwise
	// waits for the parse's answer before it binds, and a decision makes
	// about fifteen such statements (issue 12). []byte parameters then go
	// as binary, which every bytea column here wants; JSON is passed as a
	// string.
	cfg.BinaryParameters = true
	// Both pools keep every connection they opened: a connection costs a
	// backend process and a SCRAM handshake, several milliseconds of the
	// server's CPU, and a pool that closed what exceeded its idle limit
	// opened them again at the next burst — the background starts behind
	// a series of creates made one such burst each time (issue 12).
	byKeySize := max(o.maxConns/4, 2)
	db, err := openPool(cfg, max(o.maxConns-byKeySize, 2))
	if err != nil {
		return nil, err
	}
	// The prepared statements, which read or write rows by key
	// (prepared.go), have a pool of their own whose sessions plan each of
	// them once, generically: by default PostgreSQL plans a prepared
	// statement afresh for its first five runs on each connection, and
	// the task's lookup alone spent 1.3 ms of a decision in planning while
	// connections warmed up (issue 12). A statement by key plans the same
	// for every key; those whose best plan depends on their values stay on
	// the main pool, planned per call. A proposal's answer runs four of
	// them at once.
	byKeyDB, err := openPool(withGenericPlans(cfg), byKeySize)
	if err != nil {
		db.Close()
		return nil, err
	}
	if err := errors.Join(db.PingContext(ctx), byKeyDB.PingContext(ctx)); err != nil {
		db.Close()
		byKeyDB.Close()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return &Store{db: db, prepared: &preparedSet{db: byKeyDB}}, nil
}

// withGenericPlans is cfg with sessions that plan every prepared
// statement once, generically.
func withGenericPlans(cfg pq.Config) pq.Config {
	cfg.Runtime = maps.Clone(cfg.Runtime)
	if cfg.Runtime == nil {
		cfg.Runtime = map[string]string{}
	}
	cfg.Runtime["plan_cache_mode"] = "force_generic_plan"
	return cfg
}

// openPool is a connection pool of at most size connections to cfg,
// all kept open while used within five minutes.
func openPool(cfg pq.Config, size int) (*sqlx.DB, error) {
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := sqlx.NewDb(sql.OpenDB(connector), "postgres")
	db.SetMaxOpenConns(size)
	db.SetMaxIdleConns(size)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Close releases the connection pools.
func (s *Store) Close() error {
	s.prepared.close()
	return errors.Join(s.prepared.db.Close(), s.db.Close())
}

// Ping reports whether the database answers (for /readyz).
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Pools are the store's connection pools by name, for their metrics: the
// main one ("salesflow") and the prepared statements' ("salesflow_by_key");
// their sizes add up to the store's WithMaxConns.
func (s *Store) Pools() map[string]*sql.DB {
	return map[string]*sql.DB{"salesflow": s.db.DB, "salesflow_by_key": s.prepared.db.DB}
}

// DB exposes the handle for tests and tools.
func (s *Store) DB() *sqlx.DB { return s.db }

// Migrate applies every embedded migration not yet applied, also one
// numbered below the newest applied: numbers are handed out to work done
// side by side, and a branch's lower number may land after a higher one
// has run (goose refuses that by default, which stopped `make run` on a
// database that had run 00016 before 00015 was merged).
func (s *Store) Migrate(ctx context.Context) error {
	goose.SetBaseFS(migrations.FS)
	goose.SetLogger(goose.NopLogger())
	if err := goose.SetDialect("postgres"); err != nil {
		return err
	}
	if err := goose.UpContext(ctx, s.db.DB, ".", goose.WithAllowMissing()); err != nil {
		return err
	}
	return s.backfillNameCores(ctx)
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
// unique violation (23505) → ErrDuplicate, any other integrity violation
// (class 23) → ErrConstraint, a data exception (class 22: a NUL byte, bad
// encoding, a number out of range) → ErrInvalid. Everything else
// (connection loss, deadlocks, timeouts) is left as is: it may pass on a
// retry.
func mapErr(err error) error {
	code := pgCode(err)
	class := ""
	if len(code) >= 2 { // pq's Class() panics on an empty code
		class = string(code[:2])
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	case code == "23505":
		return fmt.Errorf("%w: %w", ErrDuplicate, err)
	case class == "23":
		return fmt.Errorf("%w: %w", ErrConstraint, err)
	case class == "22":
		return fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return err
}

// MapErr is mapErr for callers outside the package (the activities), which
// see errors of writes that did not map them themselves; an error already
// mapped is returned unchanged.
func MapErr(err error) error {
	for _, s := range []error{ErrNotFound, ErrDuplicate, ErrConflict, ErrInvalid, ErrConstraint} {
		if errors.Is(err, s) {
			return err
		}
	}
	return mapErr(err)
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
