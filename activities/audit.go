package activities

import (
	"context"
	"crypto/ed25519"
	"fmt"

	"go.temporal.io/sdk/temporal"

	"salesflow/signing"
	"salesflow/store"
)

// ErrTypeAuditBroken marks a checkpoint refused because the audit trail
// does not verify: the error names the first broken event or head, and no
// retry mends it, so the workflow fails where an operator sees it.
const ErrTypeAuditBroken = "AuditBroken"

// AuditCheckpointResult is what one checkpoint run did.
type AuditCheckpointResult struct {
	// CheckpointID is the checkpoint sealed; 0 when nothing was written
	// since the one before.
	CheckpointID int64 `json:"checkpoint_id,omitempty"`
	ThroughSeq   int64 `json:"through_seq,omitempty"`
	Heads        int64 `json:"heads,omitempty"`
	// HeadsDigest is also kept in the run's Temporal history: a record of
	// the checkpoint outside the database it vouches for.
	HeadsDigest string `json:"heads_digest,omitempty"`
	// Checked is how many events the verification before it re-hashed.
	Checked int64 `json:"checked"`
}

// WriteAuditCheckpoint verifies the audit trail from the newest checkpoint
// and seals a new one over every chain head with the worker's key (issue
// 12). It verifies the previous seal with the worker's own public key and
// TrustedKeys, so after a key rotation the worker needs the old public key
// as the API does. Running twice writes nothing twice: a run with nothing
// new since the newest checkpoint seals none.
func (a *Activities) WriteAuditCheckpoint(ctx context.Context) (AuditCheckpointResult, error) {
	if len(a.SigningKey) == 0 {
		return AuditCheckpointResult{}, temporal.NewNonRetryableApplicationError("no signing key configured", ErrTypeNotConfigured, nil)
	}
	trusted := a.TrustedKeys.With(a.SigningKey.Public().(ed25519.PublicKey))
	seal := func(msg []byte) (string, string) { return signing.SealMessage(a.SigningKey, msg) }
	res, err := a.Store.WriteCheckpoint(ctx, seal, trusted.VerifyMessage)
	if err != nil {
		return AuditCheckpointResult{}, err
	}
	out := AuditCheckpointResult{Checked: res.Report.Checked}
	if r := res.Report; !r.Valid {
		return out, temporal.NewNonRetryableApplicationError(brokenTrail(r), ErrTypeAuditBroken, nil, r)
	}
	if cp := res.Checkpoint; cp != nil {
		out.CheckpointID, out.ThroughSeq, out.Heads, out.HeadsDigest = cp.ID, cp.ThroughSeq, cp.Heads, cp.HeadsDigest
	}
	return out, nil
}

// brokenTrail says what the verification found, for the operator.
func brokenTrail(r store.ChainReport) string {
	msg := "audit trail does not verify: " + r.Problem
	if r.Subject != nil {
		msg += fmt.Sprintf(" in the chain of %s %s", r.Subject.Type, r.Subject.ID)
	}
	if r.BrokenAt != nil {
		msg += fmt.Sprintf(" at event %d", *r.BrokenAt)
	}
	return msg
}
