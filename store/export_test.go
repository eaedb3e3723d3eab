package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// AuditedStep runs one audited step on a subject with no other write: what
// every audited write in the system costs on top of its own rows. It is
// for the tests and benchmarks of package store_test.
func (s *Store) AuditedStep(ctx context.Context, subjectType, subjectID, key string) error {
	step := Step{Key: key, Action: "test.audited_step", Detail: map[string]any{"n": key}}
	return s.runStep(ctx, subjectType, subjectID, step, func(*sqlx.Tx) error { return nil })
}
