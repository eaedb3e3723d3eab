package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// stepWrite is one row a step writes: an INSERT or UPDATE with its own
// placeholders $1, $2, … and their arguments.
type stepWrite struct {
	sql  string
	args []any
}

// stepAsOneStatement writes a step's rows and its audit event as one
// statement in autocommit: each write a data-modifying CTE, the event
// appended as appendEvent does, and step_guard (migration 00026) refusing
// the whole statement unless every write and the event wrote a row. A
// step so written costs one round trip instead of BEGIN, each statement
// and COMMIT: a decision's transaction was five round trips, an eighth
// of its time (issue 12).
//
// It answers an error whenever the statement wrote nothing, whatever the
// reason (a task decided already, an event key recorded before, no chain
// head yet, a lost connection), and the caller then runs the step as a
// transaction (runStep), which finds out which and answers as it always
// has. So this is only a faster first try of the same step, never a
// second way to write it.
func (s *Store) stepAsOneStatement(ctx context.Context, subjectType, subjectID string, step Step, writes ...stepWrite) error {
	e, err := step.event(subjectType, subjectID)
	if err != nil {
		return err
	}
	q, args := oneStatementStep(e, writes)
	var ok bool
	return s.getPrepared(ctx, &ok, q, args...)
}

var placeholder = regexp.MustCompile(`\$(\d+)`)

// oneStatementStep builds stepAsOneStatement's statement and arguments:
// the event's are $1 … $7 (appendEventCTEs), each write's placeholders
// are shifted past those before it. The text depends on the writes' SQL
// only, so it is prepared once per kind of step.
func oneStatementStep(e Event, writes []stepWrite) (string, []any) {
	args := e.args()
	var ctes, guard []string
	for i, w := range writes {
		offset := len(args)
		shifted := placeholder.ReplaceAllStringFunc(w.sql, func(p string) string {
			n, _ := strconv.Atoi(p[1:])
			return "$" + strconv.Itoa(n+offset)
		})
		ctes = append(ctes, fmt.Sprintf("w%d AS (%s RETURNING 1)", i, shifted))
		guard = append(guard, fmt.Sprintf("EXISTS (SELECT 1 FROM w%d)", i))
		args = append(args, w.args...)
	}
	q := "WITH " + strings.Join(ctes, ",\n\t") + ",\n\t" + appendEventCTEs + ",\n\th AS (" + moveAuditHead +
		" RETURNING 1)\n\tSELECT step_guard(" + strings.Join(append(guard, "EXISTS (SELECT 1 FROM h)"), " AND ") + ")"
	return q, args
}
