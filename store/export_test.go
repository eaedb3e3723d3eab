package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// AuditedStep runs one audited step on a subject with no other write: what
// every audited write in the system costs on top of its own rows. It is
// for the tests and benchmarks of package store_test.
func (s *Store) AuditedStep(ctx context.Context, subjectType, subjectID, key string) error {
	return s.runStep(ctx, subjectType, subjectID, testStep(key), func(*sqlx.Tx) error { return nil })
}

// HoldAuditedStep writes an audited step and keeps its transaction open,
// holding whatever the step locks, until the returned function commits it.
func (s *Store) HoldAuditedStep(ctx context.Context, subjectType, subjectID, key string) (commit func() error, err error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := stepEvent(ctx, tx, subjectType, subjectID, testStep(key)); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx.Commit, nil
}

func testStep(key string) Step {
	return Step{Key: key, Action: "test.audited_step", Detail: map[string]any{"n": key}}
}

// HashOf is the hash e's fields give, for tests that rewrite a chain the
// way somebody who knows the algorithm would.
func HashOf(e Event) string { return eventHash(e) }

// WeekClaimsQuery is the availability grid's claims query, for EXPLAIN in
// BenchmarkAvailability.
const WeekClaimsQuery = weekClaims

// FreeResourcesQuery is the free search's query, for EXPLAIN in
// BenchmarkAvailability.
const FreeResourcesQuery = freeResources

// ReviewInOneStatement is DecideReview's one statement alone, without the
// transaction it falls back to.
func (s *Store) ReviewInOneStatement(ctx context.Context, id, status string, step Step, d TaskDecision) error {
	return s.stepAsOneStatement(ctx, "proposal", id, step,
		stepWrite{decideTaskSQL, d.args()}, stepWrite{setProposalStatusSQL, []any{id, status}})
}

// ClaimQuery and MarkStartedQuery are the statements ClaimIdempotencyKey
// and MarkDeadlineStarted write with.
const (
	ClaimQuery       = claimQuery
	MarkStartedQuery = markStartedQuery
)
