package pages

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// proposalsPage is the data of the proposal list.
type proposalsPage struct {
	site.Base
	Proposals []store.Proposal
	Statuses  []string
	Status    string
	Next      string
}

func (p *Server) proposalList(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	status := c.Query("status")
	if !slices.Contains(service.ProposalStatuses, status) {
		status = ""
	}
	list, next, err := p.Svc.Proposals(ctx, u, status, store.Page{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Render(c, http.StatusOK, "proposals", proposalsPage{Base: p.Base(c, "proposals"),
		Proposals: list, Statuses: service.ProposalStatuses, Status: status, Next: next})
}

// proposalPage is the data of one proposal's page.
type proposalPage struct {
	site.Base
	P       store.Proposal
	Items   []itemView
	History []historyRow
	Actions proposalActions
	// ContractLink: the contract drafted from it (F1 → F2) is one u may open.
	ContractLink bool
	// CustomerLinks: the links that let the customer answer themselves.
	CustomerLinks *customerLinksView
	// Holds are the proposal's claims on media resources (issue 13);
	// RenewKey, set when the owner may ask for a renewal, keys that form.
	Holds    []store.ResourceClaim
	RenewKey string
}

// itemView is a line with its total and how far it is priced below list.
type itemView struct {
	store.ProposalItem
	TotalFen    int64
	DiscountPct string // "12.5" when below list price, else ""
}

// historyRow is one audit event as a person reads it.
type historyRow struct {
	At      time.Time
	Actor   string
	Action  string
	Version int
	Note    string // a reviewer's comment or the customer's note
	Method  string // how a customer's answer was given: link or paper
}

// proposalActions is what this user may do to the proposal now.
type proposalActions struct {
	Revise, Submit, Respond bool
	SubmitKey, RespondKey   string
	Note                    string
	Review                  *decisionForm // the open review task, when theirs to decide
}

// Any reports whether there is anything to offer.
func (a proposalActions) Any() bool { return a.Revise || a.Submit || a.Respond || a.Review != nil }

func (p *Server) proposal(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	pr, err := p.Svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	if pr.Status == string(policy.ProposalAccepted) && pr.ContractID == nil {
		// Just accepted: its contract is being drafted. Wait briefly, not
		// the request's whole timeout (a proposal accepted before F2 has none).
		actx, acancel := context.WithTimeout(ctx, 3*time.Second)
		p.Svc.AwaitContract(actx, pr.ID)
		acancel()
		if pr, err = p.Svc.Proposal(ctx, u, pr.ID); err != nil {
			p.Fail(c, err)
			return
		}
	}
	page := proposalPage{Base: p.Base(c, "proposals"), P: pr, Items: itemViews(pr.Items),
		History: historyRows(pr.History), Actions: proposalActionsFor(pr, u)}
	if pr.ContractID != nil {
		_, err := p.Svc.Contract(ctx, u, *pr.ContractID)
		page.ContractLink = err == nil
	}
	sent, err := p.Svc.ProposalLinks(ctx, u, pr.ID)
	if err == nil {
		page.CustomerLinks, err = p.customerLinksFor(ctx, pr.CustomerID, "/proposals/"+pr.ID+"/customer-links", page.Actions.Respond, sent)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	if page.Holds, err = p.Svc.ProposalHolds(ctx, u, pr.ID); err != nil {
		p.Fail(c, err)
		return
	}
	if canRenew(pr, u, page.Holds) {
		page.RenewKey = site.NewFormKey()
	}
	if pr.OpenTaskID != nil {
		task, err := p.Svc.Task(ctx, *pr.OpenTaskID)
		if err != nil {
			p.Fail(c, err)
			return
		}
		if task.CanActOn(service.OwnTaskViewer(u)) {
			page.Actions.Review = &decisionForm{TaskID: task.ID, Key: site.NewFormKey(), Return: "/proposals/" + pr.ID}
		}
	}
	p.Render(c, http.StatusOK, "proposal", page)
}

// proposalActionsFor offers the author's steps by F1's rule, the one the
// workflow's validators refuse by (policy.ProposalAuthorStep): only the
// author revises, submits and records the customer's answer, each in its
// states. The workflow checks again; this only decides what to offer.
func proposalActionsFor(pr store.Proposal, u store.User) proposalActions {
	open := func(step policy.Step) bool {
		return policy.ProposalAuthorStep(step, policy.ProposalStatus(pr.Status), pr.OwnerID == u.ID) == policy.StepOpen
	}
	a := proposalActions{Revise: open(policy.StepRevise), Submit: open(policy.StepSubmit),
		Respond: open(policy.StepCustomerAnswer)}
	if a.Submit {
		a.SubmitKey = site.NewFormKey()
	}
	if a.Respond {
		a.RespondKey = site.NewFormKey()
	}
	return a
}

func itemViews(items []store.ProposalItem) []itemView {
	out := make([]itemView, len(items))
	for i, it := range items {
		out[i] = itemView{ProposalItem: it, TotalFen: it.Quantity * it.UnitPriceFen,
			DiscountPct: discountPct(pricedLine(it.ProductID, it.Quantity, it.UnitPriceFen, it.ListPriceFen, it.ItemResource))}
	}
	return out
}

// historyRows reads the parts of each event's detail worth showing.
func historyRows(events []store.Event) []historyRow {
	out := make([]historyRow, len(events))
	for i, e := range events {
		var d struct {
			Version     int    `json:"version"`
			Comment     string `json:"comment"`
			Note        string `json:"note"`
			Method      string `json:"method"`
			ContactName string `json:"contact_name"`
		}
		_ = json.Unmarshal(e.Detail, &d) // a detail of another shape just shows less
		note := d.Comment
		if note == "" {
			note = d.Note
		}
		out[i] = historyRow{At: e.At, Actor: cmp.Or(e.ActorName, d.ContactName), Action: e.Action, Version: d.Version,
			Note: note, Method: d.Method}
	}
	return out
}

// submitProposal is the form twin of POST /api/v1/proposals/{id}/submit.
func (p *Server) submitProposal(c *gin.Context) {
	p.proposalStep(c, service.SubmitProposal(), "page.proposal.submitted")
}

// customerResponse is the form twin of POST .../customer-response.
func (p *Server) customerResponse(c *gin.Context) {
	accepted, perr := strconv.ParseBool(c.PostForm("accepted"))
	done := "page.proposal.declined_done"
	if accepted {
		done = "page.proposal.accepted_done"
	}
	req := service.CustomerResponseInput{Note: c.PostForm("note"), Paper: c.PostForm("paper") == "true"}
	if perr == nil {
		req.Accepted = &accepted
	}
	p.proposalStep(c, service.CustomerResponse(req), done)
}

// proposalStep sends one author action to the proposal's workflow and goes
// back to the proposal's page with the outcome as a flash.
func (p *Server) proposalStep(c *gin.Context, step service.ProposalStep, doneKey string) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	pr, _, err := p.Svc.TakeProposalStep(ctx, u, site.FormKey(c), c.Param("id"), step)
	p.BackToPage(c, "/proposals/", pr.ID, err, doneKey)
}
