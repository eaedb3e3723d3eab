package service

import (
	"context"

	"salesflow/policy"
	"salesflow/store"
)

// The audit trail (R5.4): admins read all of it and verify its chains; a
// non-admin reads the trail of one proposal or contract they may see.

// errAuditAdmin refuses a non-admin the whole trail, or the trail of a
// subject that is not a proposal or a contract (session.ErrRole's words).
var errAuditAdmin = NewError(KindForbidden, "forbidden", "problem.forbidden", "detail.forbidden_role", string(policy.RoleAdmin))

// AuditEvents are a page of the audit events of subjectType and subjectID
// (either "" for any) that actor may read.
func (s *Service) AuditEvents(ctx context.Context, actor store.User, subjectType, subjectID string, page store.Page) ([]store.Event, string, error) {
	if !policy.HasRole(actor.Roles, policy.RoleAdmin) {
		if err := s.checkAuditSubject(ctx, actor, subjectType, subjectID); err != nil {
			return nil, "", err
		}
	}
	return s.store.EventsFor(ctx, subjectType, subjectID, page)
}

// checkAuditSubject lets a non-admin read the trail of one proposal or
// contract they may see.
func (s *Service) checkAuditSubject(ctx context.Context, actor store.User, subjectType, subjectID string) error {
	if subjectID == "" {
		return errAuditAdmin
	}
	switch subjectType {
	case "proposal":
		_, err := s.Proposal(ctx, actor, subjectID)
		return err
	case "contract":
		_, err := s.Contract(ctx, actor, subjectID)
		return err
	}
	return errAuditAdmin
}

// VerifyAudit verifies the trail from the newest sealed checkpoint (every
// event when full): each seal with the trusted keys (Config.SigningKeys),
// the heads against the chains, and a re-hash of the events after it.
func (s *Service) VerifyAudit(ctx context.Context, full bool) (store.ChainReport, error) {
	return s.store.VerifyAudit(ctx, s.cfg.SigningKeys.VerifyMessage, full)
}
