package api

import (
	"context"
	"time"

	"salesflow/policy"
	"salesflow/service"
	"salesflow/workflows/payload"
)

type serviceTermsInput struct {
	FreeRevisions *int   `json:"free_revisions"`
	ServiceFee    string `json:"service_fee" text:"block,max=2000"`
}

type contractContent struct {
	Items        []service.ProposalItemInput `json:"items"`
	ServiceTerms *serviceTermsInput          `json:"service_terms"`
	StartsOn     string                      `json:"starts_on"`
	EndsOn       string                      `json:"ends_on"`
}

// maxFreeRevisions bounds the free revisions a contract may promise (R5.1):
// a person offers a handful, never millions.
const maxFreeRevisions = 100

// contractDraft validates a contract revision against the policy and the
// rate card. Service terms may still be open in a draft; they are required
// only to submit (R5.1), but when given they must be one or the other.
func (s *Server) contractDraft(ctx context.Context, in contractContent) (payload.ContractDraft, error) {
	if err := service.TextErr(in); err != nil {
		return payload.ContractDraft{}, err
	}
	var v validation
	lines, err := s.svc.CheckItems(ctx, &v, in.Items)
	if err != nil {
		return payload.ContractDraft{}, err
	}
	d := payload.ContractDraft{Lines: lines, StartsOn: in.StartsOn, EndsOn: in.EndsOn}
	if in.ServiceTerms != nil {
		d.ServiceTerms = policy.ServiceTerms{FreeRevisions: in.ServiceTerms.FreeRevisions, ServiceFee: in.ServiceTerms.ServiceFee}
		if !d.ServiceTerms.Valid() {
			v.Add("service_terms", "field.service_terms_shape")
		} else if n := in.ServiceTerms.FreeRevisions; n != nil && *n > maxFreeRevisions {
			v.Add("service_terms.free_revisions", "field.free_revisions_range", maxFreeRevisions)
		}
	}
	today := time.Now().In(policy.Shanghai)
	starts, okStart := service.CheckDate(&v, "starts_on", in.StartsOn, today)
	ends, okEnd := service.CheckDate(&v, "ends_on", in.EndsOn, today)
	if okStart && okEnd && ends.Before(starts) {
		v.Add("ends_on", "field.ends_before_starts")
	}
	return d, v.Err()
}
