package customers

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
	"salesflow/workflows"
)

// The customer registry's pages (R1, R2, R4.1): the list with search and
// filters, one customer's information file with its timeline, the new
// customer form with the duplicate warning as you type. Every page uses the
// API's rules: visibleOwners / visibleCustomer for who sees what, the same
// request checks and store calls for every change.

func (p *Server) customerPageRoutes(in *gin.RouterGroup) {
	in.GET("/customers", p.RequireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin), p.customerList)
	in.GET("/customers/new", p.RequireRole(session.RoleSalesperson, session.RoleSalesManager), p.newCustomer)
	in.POST("/customers", p.RequireRole(session.RoleSalesperson, session.RoleSalesManager), p.createCustomerForm)
	in.POST("/customers/check", p.RequireRole(session.RoleSalesperson, session.RoleSalesManager), p.checkCustomer)
	in.GET("/customers/:id", p.customer)
	in.POST("/customers/:id/interactions", p.addInteractionForm)
	in.POST("/customers/:id/class", p.setClassForm)
	in.POST("/customers/:id/difficulty", p.flagDifficultForm)
}

// customersPage is the data of the customer list.
type customersPage struct {
	site.Base
	Rows      []customerRow
	Filter    service.CustomerQuery
	Classes   []string
	Managing  bool // the owner filter (mine / pool) is offered
	NewRecord bool
	Next      string
	Today     time.Time
}

// customerRow is one customer as the list and page show it.
type customerRow struct {
	store.Customer
	EnteredLate    bool
	ContactOverdue bool // owned, not contacted, past the one-week deadline (R2.5)
}

func (p *Server) customerRow(cal policy.Calendar, c store.Customer, now time.Time) customerRow {
	return customerRow{Customer: c,
		EnteredLate: service.EnteredLate(cal, c),
		ContactOverdue: c.OwnerID != "" && c.ContactedAt == nil && c.ContactDueAt != nil &&
			now.After(*c.ContactDueAt)}
}

func (p *Server) customerList(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	f := httpx.CustomerQuery(c)
	f.Query, f.Page.Limit = strings.TrimSpace(f.Query), 50
	list, next, err := p.Svc.Customers(ctx, u, f)
	if httpx.Status(err) == http.StatusUnprocessableEntity {
		// an unknown class or an overlong query: show everything instead
		f = service.CustomerQuery{Owner: f.Owner, Page: f.Page}
		list, next, err = p.Svc.Customers(ctx, u, f)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	cal, err := p.Svc.Calendar(ctx)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := customersPage{Base: p.Base(c, "customers"), Filter: f, Classes: policy.Classes, Next: next,
		Managing:  policy.HasRole(u.Roles, policy.RoleSalesManager) || policy.HasRole(u.Roles, policy.RoleAdmin),
		NewRecord: site.CanRecordCustomers(u)}
	now := time.Now()
	for _, cu := range list {
		page.Rows = append(page.Rows, p.customerRow(cal, cu, now))
	}
	p.Render(c, http.StatusOK, "customers", page)
}

// customerPage is the data of one customer's information file (R1.5).
type customerPage struct {
	site.Base
	C            customerRow
	Contacts     []store.Contact
	Timeline     []store.Interaction // newest first
	Ownership    []store.OwnershipEvent
	Kinds        []string // what an interaction may be (R3.1)
	Classes      []string
	Today        string
	Key          string
	Form         service.InteractionInput // the interaction form as typed
	CanAct       bool                     // log contacts, change the class, propose, plan a visit
	ProposeVisit bool
	ClassHistory []store.ClassEvent // R4.1: who changed the class, when, why
	CanFlag      bool               // the owner may escalate it as difficult (R3.4)
	// DeadlineWorkflow is the current ownership's contact-deadline
	// workflow (R2.5), for the admins' link into the Temporal UI.
	DeadlineWorkflow string
}

// customer shows one customer's file to whoever may see it; others get the
// not-found page (visibleCustomer).
func (p *Server) customer(c *gin.Context) {
	p.showCustomer(c, http.StatusOK, service.InteractionInput{Kind: "phone"}, nil)
}

// showCustomer renders the file with the interaction form as given and a
// problem, if the last post had one.
func (p *Server) showCustomer(c *gin.Context, status int, form service.InteractionInput, problem *site.Problem) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	cust, err := p.Svc.Customer(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	file, err := p.Svc.CustomerFileOf(ctx, cust.ID)
	if err != nil {
		p.Fail(c, err)
		return
	}
	page := customerPage{Base: p.Base(c, "customers"), C: p.customerRow(file.Calendar, cust, time.Now()),
		Kinds: policy.InteractionKinds, Classes: policy.Classes, Key: site.FormKey(c), Form: form,
		Today: time.Now().In(policy.Shanghai).Format(time.DateOnly)}
	page.Problem = problem
	if cust.OwnerID != "" {
		page.DeadlineWorkflow = workflows.ContactDeadlineWorkflowID(cust.ID, cust.OwnerGeneration)
	}
	page.CanAct = cust.OwnerID == u.ID || policy.HasRole(u.Roles, policy.RoleSalesManager) ||
		policy.HasRole(u.Roles, policy.RoleAdmin)
	page.ProposeVisit = cust.OwnerID == u.ID && policy.HasRole(u.Roles, policy.RoleSalesperson)
	page.Contacts, page.Timeline, page.Ownership, page.ClassHistory = file.Contacts, file.Interactions, file.Ownership, file.ClassHistory
	slices.Reverse(page.ClassHistory)
	slices.Reverse(page.Timeline)
	page.CanFlag = cust.OwnerID == u.ID && !cust.Hard.Difficult
	p.Render(c, status, "customer", page)
}

// addInteractionForm is the form twin of POST /customers/{id}/interactions:
// the same checks, the same store call, the same nudge to the contact
// deadline (R2.5). The form's key names the interaction: a double click
// logs it once.
func (p *Server) addInteractionForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	cust, err := p.Svc.Customer(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	req := service.InteractionInput{Kind: c.PostForm("kind"), Summary: c.PostForm("summary"),
		OccurredOn: strings.TrimSpace(c.PostForm("occurred_on"))}
	if _, err := p.Svc.AddInteraction(ctx, u, site.FormKey(c), cust.ID, req); err != nil {
		p.showCustomer(c, httpx.Status(err), req, p.ProblemFor(c, err))
		return
	}
	p.Done(c, "page.customer.logged", "/customers/"+cust.ID)
}

// setClassForm changes the customer's class (R4.1) through the same update
// as PATCH /customers/{id}.
func (p *Server) setClassForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	cust, err := p.Svc.Customer(ctx, u, c.Param("id"))
	if err != nil {
		p.Fail(c, err)
		return
	}
	class, reason := c.PostForm("class"), strings.TrimSpace(c.PostForm("class_reason"))
	req := service.CustomerPatch{Class: &class}
	if reason != "" {
		req.ClassReason = &reason
	}
	if err := req.Check(); err != nil {
		p.showCustomer(c, http.StatusUnprocessableEntity, service.InteractionInput{Kind: "phone"}, p.ProblemFor(c, err))
		return
	}
	if class != cust.Class {
		if _, err := p.Svc.UpdateCustomer(ctx, u, site.FormKey(c), cust.ID, req); err != nil {
			p.Fail(c, err)
			return
		}
	}
	p.Done(c, "page.customer.class_set", "/customers/"+cust.ID)
}

// flagDifficultForm is the form twin of POST /customers/{id}/difficulty
// (R3.4): the same service.FlagDifficult, keyed by the form's key.
func (p *Server) flagDifficultForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	req := service.DifficultyInput{Reason: c.PostForm("reason")}
	cust, err := p.Svc.FlagDifficult(ctx, u, site.FormKey(c), c.Param("id"), req)
	if err != nil {
		if errors.Is(err, service.ErrHardCustomerOpen) || httpx.Status(err) == http.StatusNotFound {
			p.Fail(c, err)
			return
		}
		p.showCustomer(c, httpx.Status(err), service.InteractionInput{Kind: "phone"}, p.ProblemFor(c, err))
		return
	}
	p.Done(c, "page.customer.flagged", "/customers/"+cust.ID)
}
