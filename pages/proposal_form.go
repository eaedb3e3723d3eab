package pages

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/web"
)

// proposalForm is the data of the new-proposal and revise pages.
type proposalForm struct {
	site.Base
	Editing      bool
	Action       string
	Key          string
	ProposalID   string
	OldTitle     string
	CustomerName string
	Version      int
	NextVersion  int
	Customers    []store.Customer
	CustomerID   string
	Title        string
	Body         string
	Lines        []lineView
}

// lineView is one item row of the form as typed: strings, so a wrong
// value comes back exactly as the person entered it.
type lineView struct {
	ProductID string
	Quantity  string
	Price     string // yuan
	// A line booking a media resource (issue 13) carries it and its dates
	// in hidden fields and shows Resource (code and name) instead of the
	// product; its quantity may stay empty (counted from the dates).
	ResourceID, StartsOn, EndsOn string
	Resource                     string
	Errs                         []string
	Products                     []store.Product
}

func (l lineView) blank() bool {
	return l.ProductID == "" && l.Quantity == "" && l.Price == "" && l.ResourceID == ""
}

// blankLines are the empty rows a new form starts with, so adding a line
// needs no JavaScript in the common case.
const blankLines = 3

// newProposal shows an empty form for one of the user's own customers.
func (p *Server) newProposal(c *gin.Context) {
	f := proposalForm{Base: p.Base(c, "new"), Action: "/proposals", Key: site.NewFormKey(),
		CustomerID: c.Query("customer_id")}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	lines, err := p.cellLines(ctx, c.QueryArray("cell")) // the inventory grid's ticked weeks
	if err != nil {
		p.Fail(c, err)
		return
	}
	f.Lines = append(lines, make([]lineView, blankLines)...)
	p.showForm(c, http.StatusOK, f)
}

// lineRow is one more empty item row, appended by htmx.
func (p *Server) lineRow(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	products, err := p.Svc.Products(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	p.Fragment(c, http.StatusOK, "line_row", lineView{Products: products})
}

// createProposal is the form twin of POST /api/v1/proposals: the same
// owner check, the same service.Validation, the same workflow start. The form's
// key names the proposal, as the Idempotency-Key does in the API, so a
// double-clicked Create makes one proposal.
func (p *Server) createProposal(c *gin.Context) {
	u, _ := session.User(c)
	f := proposalForm{Base: p.Base(c, "new"), Action: "/proposals", Key: site.FormKey(c),
		CustomerID: c.PostForm("customer_id"), Title: c.PostForm("title"), Body: c.PostForm("body"),
		Lines: readLines(c)}
	if c.PostForm("op") == "add_line" {
		f.Lines = append(f.Lines, lineView{})
		p.showForm(c, http.StatusOK, f)
		return
	}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	content, read := p.content(ctx, &f)
	id, err := p.Svc.CreateProposalForm(ctx, u, f.Key, service.NewProposalInput{CustomerID: f.CustomerID,
		ProposalContent: content}, read)
	if err != nil {
		p.formRefused(c, f, err)
		return
	}
	p.Done(c, "page.form.created", "/proposals/"+id)
}

// editProposal shows the revise form filled with the current version.
func (p *Server) editProposal(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	pr, err := p.Svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	if !proposalActionsFor(pr, u).Revise {
		c.Redirect(http.StatusSeeOther, "/proposals/"+pr.ID)
		return
	}
	f := editForm(p.Base(c, "proposals"), pr, site.NewFormKey())
	f.Title, f.Body = pr.Title, pr.Body
	for _, it := range pr.Items {
		f.Lines = append(f.Lines, itemLine(it.ProductID, it.Quantity, it.UnitPriceFen, it.ItemResource))
	}
	f.Lines = append(f.Lines, lineView{})
	p.showForm(c, http.StatusOK, f)
}

func editForm(b site.Base, pr store.Proposal, key string) proposalForm {
	return proposalForm{Base: b, Editing: true, Action: "/proposals/" + pr.ID + "/revise", Key: key,
		ProposalID: pr.ID, OldTitle: pr.Title, CustomerName: pr.CustomerName, CustomerID: pr.CustomerID,
		Version: pr.Version, NextVersion: pr.Version + 1}
}

// reviseProposal is the form twin of PUT /api/v1/proposals/{id}.
func (p *Server) reviseProposal(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	pr, err := p.Svc.Proposal(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	f := editForm(p.Base(c, "proposals"), pr, site.FormKey(c))
	f.Title, f.Body, f.Lines = c.PostForm("title"), c.PostForm("body"), readLines(c)
	if c.PostForm("op") == "add_line" {
		f.Lines = append(f.Lines, lineView{})
		p.showForm(c, http.StatusOK, f)
		return
	}
	content, read := p.content(ctx, &f)
	if _, _, err = p.Svc.TakeProposalStep(ctx, u, f.Key, pr.ID, service.ReviseProposal(content, read)); err != nil {
		p.formRefused(c, f, err)
		return
	}
	p.Done(c, "page.form.revised", "/proposals/"+pr.ID)
}

// formRefused shows the form again with the problem: field messages next
// to their fields, the rows as typed (blank ones dropped, so row i is
// items[i] in the messages) and one empty row to add to.
func (p *Server) formRefused(c *gin.Context, f proposalForm, err error) {
	f.Problem, f.Lines = p.refusedLines(c, err, f.Lines)
	p.showForm(c, f.Problem.Status, f)
}

// refusedLines turns err into the problem a form shows and puts each
// line's field messages on its row: the rows as typed, blank ones dropped
// (so row i is items[i] in the messages), plus one empty row to add to.
func (p *Server) refusedLines(c *gin.Context, err error, lines []lineView) (*site.Problem, []lineView) {
	pv := p.ProblemFor(c, err)
	if pv.Status >= 500 {
		pv.Fields = nil
	}
	lines = slices.DeleteFunc(lines, lineView.blank)
	lang := httpx.Lang(c)
	for i := range lines {
		for _, fl := range lineFields {
			if msg := pv.Fields[service.Indexed("items", i, fl.field)]; msg != "" {
				lines[i].Errs = append(lines[i].Errs, i18n.T(lang, "page.form.field_error", i18n.T(lang, fl.label), msg))
			}
		}
	}
	return pv, append(lines, lineView{})
}

// lineFields are the per-line fields a message can name, with the label of
// the column it belongs to (unit_price is the form's, unit_price_fen draft's).
var lineFields = []struct{ field, label string }{
	{"product_id", "page.form.product"}, {"quantity", "page.form.quantity"},
	{"unit_price", "page.form.unit_price"}, {"unit_price_fen", "page.form.unit_price"},
	{"resource_id", "page.form.resource"}, {"starts_on", "page.form.starts_on"}, {"ends_on", "page.form.ends_on"},
}

// showForm loads the choices (rate card; for a new proposal the user's own
// customers, by name) and renders the form.
func (p *Server) showForm(c *gin.Context, status int, f proposalForm) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	products, err := p.Svc.Products(ctx)
	if err == nil && !f.Editing {
		f.Customers, _, err = p.Svc.OwnCustomers(ctx, u, store.Page{Limit: 200})
		f.Customers = p.withChosenCustomer(ctx, u, f.Customers, f.CustomerID)
		slices.SortFunc(f.Customers, func(a, b store.Customer) int { return cmp.Compare(a.Name, b.Name) })
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	for i := range f.Lines {
		f.Lines[i].Products = products
	}
	p.Render(c, status, "proposal_form", f)
}

// withChosenCustomer adds the chosen customer (from the customer's page, or
// the form as posted) when it is u's own but beyond the first page of the
// list: a salesperson collecting ten a day (R1.2) soon has more than fit.
func (p *Server) withChosenCustomer(ctx context.Context, u store.User, list []store.Customer, id string) []store.Customer {
	if id == "" || slices.ContainsFunc(list, func(c store.Customer) bool { return c.ID == id }) {
		return list
	}
	if cust, err := p.Svc.Customer(ctx, u, id); err == nil && cust.OwnerID == u.ID {
		list = append(list, cust)
	}
	return list
}

// readLines reads the item rows in order. The three fields repeat by name,
// one of each per row; a row past the policy's limit is not read (the
// limit's own message already says there are too many).
func readLines(c *gin.Context) []lineView {
	ids, qtys, prices := c.PostFormArray("product_id"), c.PostFormArray("quantity"), c.PostFormArray("unit_price")
	res, starts, ends := c.PostFormArray("line_resource_id"), c.PostFormArray("line_starts_on"), c.PostFormArray("line_ends_on")
	labels := c.PostFormArray("line_resource_label")
	n := min(max(len(ids), len(qtys), len(prices), len(res)), policy.MaxLines+1)
	at := func(list []string, i int) string {
		if i < len(list) {
			return strings.TrimSpace(list[i])
		}
		return ""
	}
	lines := make([]lineView, 0, n)
	for i := range n {
		lines = append(lines, lineView{ProductID: at(ids, i), Quantity: at(qtys, i), Price: at(prices, i),
			ResourceID: at(res, i), StartsOn: at(starts, i), EndsOn: at(ends, i), Resource: at(labels, i)})
	}
	return lines
}

// content turns the form into the proposal's content: rows left blank are
// dropped, quantities are whole numbers, prices are yuan read exactly into
// fen (an empty price means the product's list price). What cannot be read
// is a field error of its own.
func (p *Server) content(ctx context.Context, f *proposalForm) (service.ProposalContent, error) {
	f.Lines = slices.DeleteFunc(f.Lines, lineView.blank)
	listPrice := map[string]int64{}
	products, err := p.Svc.Products(ctx)
	if err != nil {
		return service.ProposalContent{}, err
	}
	for _, pr := range products {
		listPrice[pr.ID] = pr.ListPriceFen
	}
	var v service.Validation
	items := make([]service.ProposalItemInput, len(f.Lines))
	for i, l := range f.Lines {
		items[i].ProductID = l.ProductID
		items[i].ResourceID, items[i].StartsOn, items[i].EndsOn = l.ResourceID, l.StartsOn, l.EndsOn
		items[i].Quantity, _ = strconv.ParseInt(l.Quantity, 10, 64) // 0 when unreadable: draft says why
		fen, err := site.PriceFen(l.Price, listPrice, l.ProductID)
		if err != "" {
			v.Add(service.Indexed("items", i, "unit_price"), err)
		}
		items[i].UnitPriceFen = fen
	}
	return service.ProposalContent{Title: f.Title, Body: f.Body, Items: items}, v.Err()
}

// itemLine is a stored line as the form shows it again.
func itemLine(productID string, qty, unitFen int64, r store.ItemResource) lineView {
	l := lineView{ProductID: productID, Quantity: strconv.FormatInt(qty, 10), Price: web.PlainYuan(unitFen)}
	if r.ResourceID != "" {
		l.ResourceID, l.StartsOn, l.EndsOn = r.ResourceID, r.StartsOn, r.EndsOn
		l.Resource = r.ResourceCode + " " + r.ResourceName
	}
	return l
}
