// Package policy holds the company's sales policy (../shared/policy/POLICY.md)
// as pure Go: roles, who may decide what, the working-day calendar and the
// checks on proposal lines. It performs no I/O and imports nothing of ours, so
// both the workflows (which must be deterministic) and the API can use it.
// Grep a rule ID (R2.5, F1 …) to find where it is enforced.
package policy
