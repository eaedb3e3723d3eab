package activities

import (
	"salesflow/store"
	"salesflow/workflows/payload"
)

// The workflows own what goes into their histories (package payload); these
// converters are the one place a payload meets a store row, so a column
// renamed in store/ changes a line here and never how a history decodes.

func proposalDraftRow(d payload.ProposalDraft) store.ProposalDraft {
	return store.ProposalDraft{Title: d.Title, Body: d.Body, Lines: d.Lines}
}

func contractDraftRow(d payload.ContractDraft) store.ContractDraft {
	return store.ContractDraft{Lines: d.Lines, ServiceTerms: d.ServiceTerms, StartsOn: d.StartsOn, EndsOn: d.EndsOn}
}

func visitReportRow(r payload.VisitReport) store.VisitReport {
	return store.VisitReport{Notes: r.Notes, MetName: r.MetName, MetTitle: r.MetTitle,
		IsDecisionMaker: r.IsDecisionMaker, Needs: r.Needs, AuthorID: r.AuthorID, CreatedAt: r.CreatedAt, Late: r.Late}
}

func contractHead(h store.ContractHead) payload.ContractHead {
	return payload.ContractHead{Version: h.Version, ContentHash: h.ContentHash, HasServiceTerms: h.HasServiceTerms}
}

func approvalRound(r store.ApprovalRound) payload.ApprovalRound {
	return payload.ApprovalRound{Major: r.Major, Required: r.Required}
}

func contactStatus(st store.ContactStatus) payload.ContactStatus {
	return payload.ContactStatus{Current: st.Current, Contacted: st.Contacted, OwnerID: st.OwnerID,
		ManagerID: st.ManagerID, Name: st.Name}
}

func offers(rows []store.Offer) []payload.Offer {
	if rows == nil {
		return nil // null in the history, as before
	}
	out := make([]payload.Offer, len(rows))
	for i, o := range rows {
		out[i] = payload.Offer{ClaimID: o.ClaimID, UserID: o.UserID, ExpiresAt: o.ExpiresAt, WaitlistID: o.WaitlistID}
	}
	return out
}

func holdOutcome(o store.HoldOutcome) payload.HoldOutcome {
	out := payload.HoldOutcome{Released: o.Released}
	if o.Held != nil {
		out.Held = make([]payload.ResourceClaim, len(o.Held))
	}
	for i, c := range o.Held {
		out.Held[i] = resourceClaim(c)
	}
	return out
}

func holdSet(h store.HoldSet) payload.HoldSet {
	return payload.HoldSet{Live: h.Live, ExpiresAt: h.ExpiresAt, ContractPending: h.ContractPending}
}

func resourceClaim(c store.ResourceClaim) payload.ResourceClaim {
	return payload.ResourceClaim{ID: c.ID, ResourceID: c.ResourceID, Slot: c.Slot, StartsOn: c.StartsOn,
		EndsOn: c.EndsOn, State: c.State, HolderID: c.HolderID, HolderName: c.HolderName, ProposalID: c.ProposalID,
		LineNo: c.LineNo, ContractID: c.ContractID, CustomerID: c.CustomerID, CustomerName: c.CustomerName,
		ExpiresAt: c.ExpiresAt, Renewals: c.Renewals, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		ReleasedAt: c.ReleasedAt, ReleaseReason: c.ReleaseReason}
}

func claimTaken(t *store.ClaimTaken) payload.ClaimTaken {
	return payload.ClaimTaken{LineNo: t.LineNo, ResourceID: t.ResourceID, StartsOn: t.StartsOn, EndsOn: t.EndsOn,
		State: t.State, TakenUntil: t.TakenUntil, HolderID: t.HolderID, HolderName: t.HolderName,
		CustomerName: t.CustomerName}
}
