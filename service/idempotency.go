package service

import (
	"context"

	"salesflow/store"
)

// ClaimIdempotencyKey binds claim's key to the request it first came with
// (its user, method and path, and body hash): fresh is true for the first
// claim; the same request again is not fresh; another body under the key
// is store.ErrIdempotencyMismatch.
func (s *Service) ClaimIdempotencyKey(ctx context.Context, claim store.IdempotencyClaim) (fresh bool, err error) {
	return s.store.ClaimIdempotencyKey(ctx, claim)
}

// ReleaseIdempotencyKey forgets claim, for a request refused with nothing
// done, so the corrected request may carry the same key.
func (s *Service) ReleaseIdempotencyKey(ctx context.Context, claim store.IdempotencyClaim) error {
	return s.store.ReleaseIdempotencyKey(ctx, claim)
}
