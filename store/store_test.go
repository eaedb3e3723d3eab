package store

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/lib/pq"
)

// TestMapErrClassifies: PostgreSQL's data exceptions (class 22) and
// integrity violations (class 23) map to sentinels a workflow step treats
// as permanent; a driver error without a code, or another class, passes
// through as it may go away on a retry.
func TestMapErrClassifies(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{sql.ErrNoRows, ErrNotFound},
		{&pq.Error{Code: "23505"}, ErrDuplicate},
		{&pq.Error{Code: "23503"}, ErrConstraint},
		{&pq.Error{Code: "22021"}, ErrInvalid}, // a NUL byte in text
		{&pq.Error{Code: "22P05"}, ErrInvalid}, // a NUL escape in JSON
	} {
		if got := mapErr(c.err); !errors.Is(got, c.want) {
			t.Errorf("mapErr(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	for _, err := range []error{&pq.Error{}, &pq.Error{Code: "40P01"}, errors.New("connection reset")} {
		if got := MapErr(err); got != err {
			t.Errorf("MapErr(%v) = %v, want it unchanged", err, got)
		}
	}
}
