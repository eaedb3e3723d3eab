// Package storetest gives integration tests a fresh, migrated PostgreSQL
// database of their own, so no test sees another's rows.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"

	"salesflow/store"
)

// DefaultURL is the database `make test` prepares; DATABASE_URL overrides it.
const DefaultURL = "postgres://salesflow:salesflow@127.0.0.1:5432/salesflow?sslmode=disable"

// Enabled reports whether integration tests should run: `make test` sets
// SALESFLOW_TEST_INTEGRATION, and in CI (CI=true) they always run, so a
// service missing there fails the run instead of skipping it. A plain
// `go test` on a developer's machine skips them.
func Enabled() bool {
	return os.Getenv("SALESFLOW_TEST_INTEGRATION") != "" || os.Getenv("CI") == "true"
}

// NewDatabase creates an empty database next to the one at DATABASE_URL and
// returns its URL and a function that drops it.
func NewDatabase(ctx context.Context) (dbURL string, drop func(), err error) {
	base := os.Getenv("DATABASE_URL")
	if base == "" {
		base = DefaultURL
	}
	admin, err := store.Open(ctx, base)
	if err != nil {
		return "", nil, fmt.Errorf("postgres: %w", err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "salesflow_test_" + hex.EncodeToString(b)
	if _, err := admin.DB().ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, err
	}
	drop = func() {
		_, _ = admin.DB().ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// Open gives t a fresh migrated database, dropped when t ends; it skips t
// when integration tests are not enabled. Benchmarks may call it too.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st := OpenEmpty(t)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// OpenEmpty is Open without the migrations, for a test that migrates in
// steps (rows written as an earlier schema had them).
func OpenEmpty(t testing.TB) *store.Store {
	t.Helper()
	if !Enabled() {
		t.Skip("integration test: run through `make test` (needs PostgreSQL)")
	}
	ctx := context.Background()
	dbURL, drop, err := NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// RuntimeRole is the role the running system connects as (scripts/
// postgres.sh creates it; `salesflow migrate` grants it with
// SALESFLOW_DB_RUNTIME_ROLE): it owns nothing and may only append to the
// audit trail and ledgers.
const RuntimeRole = "salesflow_app"

// RuntimeURL is dbURL with the runtime role's credentials
// (SALESFLOW_TEST_RUNTIME_PASSWORD, default the role's name, as
// scripts/postgres.sh sets it).
func RuntimeURL(dbURL string) (string, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return "", err
	}
	password := os.Getenv("SALESFLOW_TEST_RUNTIME_PASSWORD")
	if password == "" {
		password = RuntimeRole
	}
	u.User = url.UserPassword(RuntimeRole, password)
	return u.String(), nil
}

// NewMigrated is a fresh migrated database outside a test (the benchmark
// programs): its store and a function that closes it and drops the database.
func NewMigrated(ctx context.Context) (*store.Store, func(), error) {
	dbURL, drop, err := NewDatabase(ctx)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		drop()
		return nil, nil, err
	}
	done := func() { st.Close(); drop() }
	if err := st.Migrate(ctx); err != nil {
		done()
		return nil, nil, err
	}
	return st, done, nil
}
