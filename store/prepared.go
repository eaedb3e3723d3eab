package store

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// preparedSet holds the statements on every decision's path that read or
// write one row (or one object's rows) by key: the signed-in session, the
// idempotency claim, the task with the actor's delegations before the
// Update, a step written as one statement (step_statement.go), the
// proposal or contract and its history the answer reads after it (issue
// 12). PostgreSQL's statement log showed their parse and plan (at bind)
// costing 0.3–1.3 ms each, more than their execution. A statement prepared
// once is parsed once per connection, and the pool of its own it runs on
// (see Open) plans it once, generically (as good as a custom plan
// for a statement by key). database/sql prepares it on each connection the
// first time it runs there and reuses it after.
//
// Only statements by key belong here: a search or a filter whose plan
// depends on its values (LIKE, partial indexes, a parameter tested for
// empty to switch a condition off) needs a plan for each call and stays
// unprepared, on the main pool.
type preparedSet struct {
	db *sqlx.DB
	mu sync.Mutex
	m  map[string]*sqlx.Stmt
}

// stmt answers q prepared, preparing it on first use.
func (p *preparedSet) stmt(ctx context.Context, q string) (*sqlx.Stmt, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.m[q]; ok {
		return st, nil
	}
	st, err := p.db.PreparexContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if p.m == nil {
		p.m = map[string]*sqlx.Stmt{}
	}
	p.m[q] = st
	return st, nil
}

// close releases every prepared statement.
func (p *preparedSet) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.m {
		st.Close()
	}
	p.m = nil
}

// getPrepared is db.GetContext through the prepared q.
func (s *Store) getPrepared(ctx context.Context, dest any, q string, args ...any) error {
	st, err := s.prepared.stmt(ctx, q)
	if err != nil {
		return err
	}
	return st.GetContext(ctx, dest, args...)
}

// selectPrepared is db.SelectContext through the prepared q.
func (s *Store) selectPrepared(ctx context.Context, dest any, q string, args ...any) error {
	st, err := s.prepared.stmt(ctx, q)
	if err != nil {
		return err
	}
	return st.SelectContext(ctx, dest, args...)
}
