package pages

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// contractForm is the data of the contract's revise page: the items as in
// the proposal form, the service terms (R5.1) and the period, all as typed.
type contractForm struct {
	site.Base
	K             store.Contract
	NextVersion   int
	Key           string
	Lines         []lineView
	Terms         string // "free", "fee" or "" (not agreed yet)
	FreeRevisions string
	ServiceFee    string
	StartsOn      string
	EndsOn        string
}

// editContract shows the revise form filled with the current version.
func (p *Server) editContract(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	k, err := p.Svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	if k.OwnerID != u.ID || !policy.ContractStatus(k.Status).Editable() {
		c.Redirect(http.StatusSeeOther, "/contracts/"+k.ID)
		return
	}
	f := contractForm{Base: p.Base(c, ""), K: k, NextVersion: k.Version + 1, Key: site.NewFormKey(),
		StartsOn: derefString(k.StartsOn), EndsOn: derefString(k.EndsOn), ServiceFee: k.ServiceTerms.ServiceFee}
	switch {
	case k.ServiceTerms.FreeRevisions != nil:
		f.Terms, f.FreeRevisions = "free", strconv.Itoa(*k.ServiceTerms.FreeRevisions)
	case k.ServiceTerms.ServiceFee != "":
		f.Terms = "fee"
	}
	for _, it := range k.Items {
		f.Lines = append(f.Lines, itemLine(it.ProductID, it.Quantity, it.UnitPriceFen, it.ItemResource))
	}
	f.Lines = append(f.Lines, lineView{})
	p.showContractForm(c, http.StatusOK, f)
}

// reviseContractForm is the form twin of PUT /api/v1/contracts/{id}: the
// same step (service.ReviseContract), keyed by the form's idempotency key.
func (p *Server) reviseContractForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	k, err := p.Svc.Contract(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	f := contractForm{Base: p.Base(c, ""), K: k, NextVersion: k.Version + 1, Key: site.FormKey(c), Lines: readLines(c),
		Terms: c.PostForm("terms"), FreeRevisions: strings.TrimSpace(c.PostForm("free_revisions")),
		ServiceFee: strings.TrimSpace(c.PostForm("service_fee")),
		StartsOn:   strings.TrimSpace(c.PostForm("starts_on")), EndsOn: strings.TrimSpace(c.PostForm("ends_on"))}
	if c.PostForm("op") == "add_line" {
		f.Lines = append(f.Lines, lineView{})
		p.showContractForm(c, http.StatusOK, f)
		return
	}
	in, read := p.contractContentOf(ctx, &f)
	if _, err = p.Svc.TakeContractStep(ctx, u, f.Key, k.ID, service.ReviseContract(in, read)); err != nil {
		p.contractFormRefused(c, f, err)
		return
	}
	p.Done(c, "page.contract.revised", "/contracts/"+k.ID)
}

// contractContentOf turns the form into what service.ReviseContract
// validates. The
// lines are read exactly as the proposal form's (p.content); the service
// terms are the chosen one of the two (R5.1), a blank choice leaving them
// open in the draft.
func (p *Server) contractContentOf(ctx context.Context, f *contractForm) (service.ContractContent, error) {
	pf := proposalForm{Lines: f.Lines}
	pc, err := p.content(ctx, &pf)
	f.Lines = pf.Lines
	in := service.ContractContent{Items: pc.Items, StartsOn: f.StartsOn, EndsOn: f.EndsOn}
	var v service.Validation
	switch f.Terms {
	case "free":
		n, perr := strconv.Atoi(f.FreeRevisions)
		if perr != nil || n < 0 || n > 1000 {
			v.Add("service_terms.free_revisions", "page.contract_form.free_revisions_invalid")
		} else {
			in.ServiceTerms = &service.ServiceTermsInput{FreeRevisions: &n}
		}
	case "fee":
		if f.ServiceFee == "" {
			v.Add("service_terms.service_fee", "field.required")
		} else {
			in.ServiceTerms = &service.ServiceTermsInput{ServiceFee: f.ServiceFee}
		}
	}
	return in, service.JoinProblems(err, v.Err())
}

// contractFormRefused shows the form again with the problem, each line's
// messages on its row, as the proposal form does.
func (p *Server) contractFormRefused(c *gin.Context, f contractForm, err error) {
	f.Problem, f.Lines = p.refusedLines(c, err, f.Lines)
	p.showContractForm(c, f.Problem.Status, f)
}

// showContractForm loads the rate card into the rows and renders the form.
func (p *Server) showContractForm(c *gin.Context, status int, f contractForm) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	products, err := p.Svc.Products(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	for i := range f.Lines {
		f.Lines[i].Products = products
	}
	p.Render(c, status, "contract_form", f)
}
