package api

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

// The customer pages: the list a person may see (R2.6's visibility, as in
// GET /api/v1/customers), one customer's file (R1.5) and the new-customer
// form, the twin of POST /api/v1/customers (R1.1, R2.1, R2.2).

// customersPage is the data of the customer list.
type customersPage struct {
	pageBase
	Customers []store.Customer
	Query     string
	Next      string
	CanCreate bool
}

// customerPage is the data of one customer's page.
type customerPage struct {
	pageBase
	C          store.Customer
	Contacts   []store.Contact
	CanPropose bool // the owner may draft a proposal for it
}

// customerForm is the new-customer form as typed.
type customerForm struct {
	pageBase
	Key      string
	Channels []string
	Today    string
	In       createCustomerRequest
	Contact  contactInput
}

// canRecordCustomers: the roles POST /api/v1/customers admits.
func canRecordCustomers(u store.User) bool {
	return policy.HasRole(u.Roles, policy.RoleSalesperson) || policy.HasRole(u.Roles, policy.RoleSalesManager)
}

func (p *pages) customerList(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	f, err := customerFilter(c)
	if err == nil {
		f.OwnerIDs, f.WithPool, err = p.s.visibleOwners(ctx, u)
	}
	var list []store.Customer
	var next string
	if err == nil {
		f.Page.Limit = 50
		list, next, err = p.s.store.SearchCustomers(ctx, f)
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "customers", customersPage{pageBase: p.base(c, "customers"),
		Customers: list, Query: f.Query, Next: next, CanCreate: canRecordCustomers(u)})
}

func (p *pages) customer(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := p.ctx(c)
	defer cancel()
	cust, err := p.s.visibleCustomer(ctx, u, c.Param("id"))
	var contacts []store.Contact
	if err == nil {
		contacts, err = p.s.store.ContactsOf(ctx, cust.ID)
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "customer", customerPage{pageBase: p.base(c, "customers"), C: cust,
		Contacts: contacts, CanPropose: cust.OwnerID == u.ID && policy.HasRole(u.Roles, policy.RoleSalesperson)})
}

func (p *pages) newCustomer(c *gin.Context) {
	f := customerForm{pageBase: p.base(c, "customers"), Key: newFormKey()}
	f.In.CollectedOn = time.Now().In(policy.Shanghai).Format(time.DateOnly)
	p.showCustomerForm(c, http.StatusOK, f)
}

// createCustomerForm records the customer with the API's checks. The
// form's key names the record, so a double click finds its own first
// record and goes there instead of reporting a duplicate.
func (p *pages) createCustomerForm(c *gin.Context) {
	u, _ := currentUser(c)
	f := customerForm{pageBase: p.base(c, "customers"), Key: formKey(c), In: createCustomerRequest{
		Name: strings.TrimSpace(c.PostForm("name")), Channel: c.PostForm("channel"),
		CollectedOn: strings.TrimSpace(c.PostForm("collected_on")), Phone: strings.TrimSpace(c.PostForm("phone")),
		Address: c.PostForm("address"), Industry: c.PostForm("industry"), Needs: c.PostForm("needs"),
		Notes: c.PostForm("notes")},
		Contact: contactInput{Name: strings.TrimSpace(c.PostForm("contact_name")), Title: c.PostForm("contact_title"),
			IsDecisionMaker: c.PostForm("contact_decides") != "", Phone: strings.TrimSpace(c.PostForm("contact_phone")),
			Email: strings.TrimSpace(c.PostForm("contact_email"))}}
	if f.Contact != (contactInput{}) {
		f.In.Contacts = []contactInput{f.Contact}
	}
	ctx, cancel := p.ctx(c)
	defer cancel()
	id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("salesflow:customer:"+u.ID+":"+f.Key)).String()
	_, _, err := p.s.recordCustomer(ctx, u, id, f.In)
	var dup *store.DuplicateCustomerError
	if errors.As(err, &dup) && dup.ExistingID == id {
		err = nil
	}
	if err != nil {
		p.customerRefused(c, f, err)
		return
	}
	p.setFlash(c, flash{Kind: "ok", Title: T(requestLang(c), "page.customer.created")})
	c.Redirect(http.StatusSeeOther, "/customers/"+id)
}

// customerRefused shows the form again with each field's message beside
// it; R2.2's duplicate is a banner naming only the first record's owner.
func (p *pages) customerRefused(c *gin.Context, f customerForm, err error) {
	var dup *store.DuplicateCustomerError
	if errors.As(err, &dup) {
		pr := duplicateProblem(requestLang(c), dup)
		f.Problem = &problemView{Status: pr.Status, Title: pr.Title, Detail: pr.Detail}
	} else {
		f.Problem = p.problemFor(c, err)
	}
	p.showCustomerForm(c, f.Problem.Status, f)
}

func (p *pages) showCustomerForm(c *gin.Context, status int, f customerForm) {
	f.Channels = policy.Channels
	f.Today = time.Now().In(policy.Shanghai).Format(time.DateOnly)
	p.render(c, status, "customer_form", f)
}
