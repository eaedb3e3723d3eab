package pages

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// contractPage is the data of one contract's page (F2, R5).
type contractPage struct {
	site.Base
	K           store.Contract
	Items       []contractItemView
	Authority   int  // the owner's discount authority, in percent (R5.3)
	BelowAny    bool // a line is priced below it: the contract is (or will be) major
	Submitted   bool // the approvals it needs are known (it was submitted at least once)
	Steps       []approvalStepView
	Decisions   []approvalView
	Versions    []contractVersionRow
	Signatures  []signatureView
	History     []contractHistoryRow
	Verify      *service.ContractVerification // nil until the signing document exists
	Actions     contractActions
	DocumentURL string
	// CustomerLinks and Scans: how the customer signs for themselves,
	// or the scans of a signature given on paper (R5.5).
	CustomerLinks *customerLinksView
	Scans         []store.PaperScan
}

// contractItemView is a line with its total, its discount off list price
// and whether that is below the owner's authority (R5.3).
type contractItemView struct {
	store.ContractItem
	TotalFen       int64
	DiscountPct    string
	BelowAuthority bool
}

// approvalStepView is one required approval of the current round, in order.
type approvalStepView struct {
	Role     string
	State    string // approve, reject, waiting or pending
	Decision *store.ContractApproval
}

// approvalView is one recorded decision, of any round, voided ones marked.
type approvalView struct {
	store.ContractApproval
	Comment    string
	OnBehalfOf string
	Void       string // why it no longer counts: revised, new_round or other
}

// contractVersionRow is one version of the contract as the trail records it.
type contractVersionRow struct {
	Version int
	Actor   string
	At      time.Time
	Current bool
}

// signatureView is one party's signature with the check of its seal.
type signatureView struct {
	store.Signature
	ShortSHA string
	Checked  bool // verified against the stored signing document
	Valid    bool
}

// contractHistoryRow is one audit event of the contract as a person reads it.
type contractHistoryRow struct {
	At         time.Time
	Actor      string
	OnBehalfOf string
	Action     string
	Version    int
	Role       string
	Note       string // an approver's comment
	Signatory  string // who signed for the customer
	Method     string // how a signature was given: account, link or paper
}

// contractActions is what this user may do to the contract now, by the
// rules the workflow's validators refuse by (contractActionsFor); the
// workflow checks again.
type contractActions struct {
	Edit, Submit, Recall bool
	SubmitKey, RecallKey string
	NeedsTerms           bool // submitting now would be refused (R5.1)
	Decide               *decisionForm
	DecideFor            string // the delegator the decision is made for, if any
	SignCompany          bool
	SignCompanyKey       string
	SignCompanyFor       string
	SignCustomer         bool
	SignCustomerKey      string
}

// Any reports whether there is anything to offer.
func (a contractActions) Any() bool {
	return a.Edit || a.Submit || a.Recall || a.Decide != nil || a.SignCompany || a.SignCustomer
}

// contractVerificationOf is what GET .../verification answers
// (service.VerifyContract); nil when no signing document exists yet
// (before approval).
func (p *Server) contractVerificationOf(ctx context.Context, k store.Contract) (*service.ContractVerification, error) {
	v, err := p.Svc.VerifyContract(ctx, k)
	if err != nil || !v.Issued {
		return nil, err
	}
	return &v, nil
}

// contract shows one contract to whoever may see it (service.Contract).
func (p *Server) contract(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	k, err := p.Svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	page, err := p.contractView(ctx, u, k)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page.Base = p.Base(c, "")
	p.Render(c, http.StatusOK, "contract", page)
}

// contractView builds everything the contract's page shows.
func (p *Server) contractView(ctx context.Context, u store.User, k store.Contract) (contractPage, error) {
	page := contractPage{K: k, Submitted: len(k.RequiredApprovals) > 0,
		DocumentURL: "/api/v1/contracts/" + k.ID + "/document"}
	owner, err := p.Svc.User(ctx, k.OwnerID)
	if err != nil {
		return page, err
	}
	page.Authority = owner.DiscountAuthorityPct
	page.Items = contractItemViews(k.Items, owner.DiscountAuthorityPct)
	for _, it := range page.Items {
		page.BelowAny = page.BelowAny || it.BelowAuthority
	}
	page.Steps = approvalSteps(k)
	for _, a := range k.Approvals {
		av := approvalView{ContractApproval: a, Comment: derefString(a.Comment), OnBehalfOf: derefString(a.OnBehalfOfName)}
		if a.Voided {
			av.Void = derefString(a.VoidReason)
			if av.Void != "revised" && av.Void != "new_round" {
				av.Void = "other"
			}
		}
		page.Decisions = append(page.Decisions, av)
	}
	page.History, page.Versions = contractHistory(k)
	if page.Verify, err = p.contractVerificationOf(ctx, k); err != nil {
		return page, err
	}
	page.Signatures = signatureViews(k.Signatures, page.Verify)
	if page.CustomerLinks, page.Scans, err = p.contractCustomerSide(ctx, u, k); err != nil {
		return page, err
	}
	page.Actions, err = p.contractActionsFor(ctx, u, k)
	return page, err
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func contractItemViews(items []store.ContractItem, authorityPct int) []contractItemView {
	out := make([]contractItemView, len(items))
	for i, it := range items {
		line := pricedLine(it.ProductID, it.Quantity, it.UnitPriceFen, it.ListPriceFen, it.ItemResource)
		out[i] = contractItemView{ContractItem: it, TotalFen: it.Quantity * it.UnitPriceFen,
			DiscountPct: discountPct(line), BelowAuthority: policy.BelowAuthority(line, authorityPct)}
	}
	return out
}

// approvalSteps lists the required approvals of the latest submission in
// order (R5.3 director first, R5.2 company last) with the decision that
// counts for each: the latest one not voided. While in approval the first
// undecided step is the one waiting.
func approvalSteps(k store.Contract) []approvalStepView {
	out := make([]approvalStepView, len(k.RequiredApprovals))
	waiting := k.Status == string(policy.ContractInApproval)
	for i, role := range k.RequiredApprovals {
		out[i].Role = role
		for j := len(k.Approvals) - 1; j >= 0; j-- {
			if a := k.Approvals[j]; !a.Voided && a.Role == role {
				out[i].Decision = &a
				break
			}
		}
		switch {
		case out[i].Decision != nil:
			out[i].State = out[i].Decision.Decision
		case waiting:
			out[i].State, waiting = "waiting", false
		default:
			out[i].State = "pending"
		}
	}
	return out
}

// contractHistory reads the trail: each event as a row, and the versions
// (drafted, then each revision) with who wrote them and when.
func contractHistory(k store.Contract) ([]contractHistoryRow, []contractVersionRow) {
	names := map[string]string{}
	for _, a := range k.Approvals {
		if a.OnBehalfOf != nil && a.OnBehalfOfName != nil {
			names[*a.OnBehalfOf] = *a.OnBehalfOfName
		}
	}
	for _, s := range k.Signatures {
		if s.OnBehalfOf != "" {
			names[s.OnBehalfOf] = s.OnBehalfOfName
		}
	}
	rows := make([]contractHistoryRow, len(k.History))
	var versions []contractVersionRow
	for i, e := range k.History {
		var d struct {
			Version       int    `json:"version"`
			Role          string `json:"role"`
			Comment       string `json:"comment"`
			SignatoryName string `json:"signatory_name"`
			Method        string `json:"method"`
			ContactName   string `json:"contact_name"`
		}
		_ = json.Unmarshal(e.Detail, &d) // a detail of another shape just shows less
		rows[i] = contractHistoryRow{At: e.At, Actor: cmp.Or(e.ActorName, d.ContactName), Action: e.Action, Version: d.Version,
			Role: d.Role, Note: d.Comment, Signatory: d.SignatoryName, Method: d.Method}
		if e.OnBehalfOf != "" {
			rows[i].OnBehalfOf = cmp.Or(names[e.OnBehalfOf], e.OnBehalfOf)
		}
		if e.Action == "contract.drafted" || e.Action == "contract.revised" {
			versions = append(versions, contractVersionRow{Version: d.Version, Actor: e.ActorName, At: e.At,
				Current: d.Version == k.Version})
		}
	}
	return rows, versions
}

// signatureViews pairs each signature with its check, when verified.
func signatureViews(sigs []store.Signature, v *service.ContractVerification) []signatureView {
	out := make([]signatureView, len(sigs))
	for i, s := range sigs {
		out[i] = signatureView{Signature: s, ShortSHA: s.DocumentSHA256[:min(12, len(s.DocumentSHA256))]}
		if v != nil {
			for _, ch := range v.Checks {
				if ch.SignerRole == s.SignerRole {
					out[i].Checked, out[i].Valid = true, ch.DocumentMatches && ch.SignatureValid
				}
			}
		}
	}
	return out
}

// contractActionsFor offers the steps open to u by F2's rules, the ones
// the workflow's validators refuse by (policy.ContractSteps): the owner
// revises and submits a draft, recalls it while no one has decided and
// records the customer's signature given on paper; a company approver or
// their delegate, never the author, signs for the company; the open
// step's decision goes by contractDecideAction. The workflow checks again.
func (p *Server) contractActionsFor(ctx context.Context, u store.User, k store.Contract) (contractActions, error) {
	var a contractActions
	steps, owner := service.ContractSteps(k), k.OwnerID == u.ID
	a.Edit = steps.AuthorStep(policy.StepRevise, owner) == policy.StepOpen
	// Without service terms the button stays, with what is missing beside it.
	if submit := steps.AuthorStep(policy.StepSubmit, owner); submit == policy.StepOpen || submit == policy.StepNoServiceTerms {
		a.Submit, a.SubmitKey, a.NeedsTerms = true, site.NewFormKey(), submit == policy.StepNoServiceTerms
	}
	if steps.AuthorStep(policy.StepRecall, owner) == policy.StepOpen {
		a.Recall, a.RecallKey = true, site.NewFormKey()
	}
	if err := p.contractDecideAction(ctx, u, k, &a); err != nil {
		return a, err
	}
	if steps.Offers(policy.StepSign) && !steps.SignedBy(policy.SignerCompany) {
		behalf, err := p.Svc.DelegatorFor(ctx, u, policy.RoleCompanyApprover)
		if err != nil {
			return a, err
		}
		if policy.CompanySigner(k.OwnerID).CanDecide(service.Actor(u), behalf).Permitted() {
			a.SignCompany, a.SignCompanyKey = true, site.NewFormKey()
			if behalf != nil {
				a.SignCompanyFor = behalf.Name
			}
		}
	}
	if steps.Offers(policy.StepSign) && owner && !steps.SignedBy(policy.SignerCustomer) {
		a.SignCustomer, a.SignCustomerKey = true, site.NewFormKey()
	}
	return a, nil
}

// contractDecideAction offers the open approval step's decision when its
// task is u's to act on (the inbox's rule) and the step's rule lets u
// decide it, in their name or a delegator's, as the workflow's validator
// judges (service.ContractApprovalStep): never the author, nor someone who
// approved an earlier step of the round.
func (p *Server) contractDecideAction(ctx context.Context, u store.User, k store.Contract, a *contractActions) error {
	if k.OpenTaskID == nil || k.OwnerID == u.ID {
		return nil
	}
	task, err := p.Svc.Task(ctx, *k.OpenTaskID)
	if err != nil {
		return err
	}
	tv, err := p.Svc.TaskViewer(ctx, u)
	if err != nil || !task.CanActOn(tv) {
		return err
	}
	var behalf *policy.Actor
	if task.AssigneeRole != nil {
		if behalf, err = p.Svc.DelegatorFor(ctx, u, policy.Role(*task.AssigneeRole)); err != nil {
			return err
		}
	}
	if !service.ContractApprovalStep(k, task).CanDecide(service.Actor(u), behalf).Permitted() {
		return nil
	}
	a.Decide = &decisionForm{TaskID: task.ID, Key: site.NewFormKey(), Return: "/contracts/" + k.ID}
	if behalf != nil {
		a.DecideFor = behalf.Name
	}
	return nil
}

// delegatorName is the name of the person u acts for in role, "" when u
// holds the role themselves (or acts as the escalation target).
func (p *Server) delegatorName(ctx context.Context, u store.User, role policy.Role) (string, error) {
	behalf, err := p.Svc.DelegatorFor(ctx, u, role)
	if err != nil || behalf == nil {
		return "", err
	}
	return behalf.Name, nil
}

// submitContractForm is the form twin of POST /api/v1/contracts/{id}/submit.
func (p *Server) submitContractForm(c *gin.Context) {
	p.contractStep(c, service.SubmitContract(), "page.contract.submitted")
}

// recallContractForm is the form twin of POST .../recall.
func (p *Server) recallContractForm(c *gin.Context) {
	p.contractStep(c, service.RecallContract(), "page.contract.recalled")
}

// signContractForm is the form twin of POST .../signatures; the owner
// recording a signature given on paper sends the scan with it.
func (p *Server) signContractForm(c *gin.Context) {
	in := service.SignatureInput{SignerRole: c.PostForm("signer_role"), SignatoryName: strings.TrimSpace(c.PostForm("signatory_name"))}
	done := "page.contract.signed_company"
	if in.SignerRole == string(policy.SignerCustomer) {
		done = "page.contract.signed_customer"
	}
	var scan service.ScanReader // without a file, the signature's check says what is missing
	if _, ferr := c.FormFile("file"); ferr == nil && in.SignerRole == string(policy.SignerCustomer) {
		scan = func() (service.ScanFile, error) { return httpx.UploadedScan(c) }
	}
	p.contractStep(c, service.SignContract(in, scan), done)
}

// contractStep takes one step on the contract, keyed by the form's
// idempotency key, and goes back to the contract's page with the outcome
// as a flash.
func (p *Server) contractStep(c *gin.Context, step service.ContractStep, doneKey string) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	k, err := p.Svc.TakeContractStep(ctx, u, site.FormKey(c), c.Param("id"), step)
	p.BackToPage(c, "/contracts/", k.ID, err, doneKey)
}

// pricedLine is a stored line of a proposal or contract as R5.3 judges it.
func pricedLine(productID string, qty, unitFen, listFen int64, r store.ItemResource) policy.PricedLine {
	return policy.PricedLine{Line: policy.Line{ProductID: productID, Quantity: qty, UnitPriceFen: unitFen,
		ResourceID: r.ResourceID}, ListPriceFen: listFen, ListTotalFen: r.ListTotalFen}
}

// discountPct shows how far below list a line is priced, to a tenth of a
// per cent ("12.5"; "" at or above list), on the proposal's and the
// contract's pages alike (policy.PricedLine.DiscountTenths).
func discountPct(l policy.PricedLine) string {
	t, ok := l.DiscountTenths()
	if !ok {
		return ""
	}
	return strconv.FormatInt(t/10, 10) + "." + strconv.FormatInt(t%10, 10)
}
