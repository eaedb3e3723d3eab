package customers

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// contactRows is how many contact rows the new-customer form offers.
const contactRows = 3

// customerForm is the new-customer form as typed, with its problem.
type customerForm struct {
	site.Base
	Key      string
	Req      service.CustomerInput
	Contacts []service.ContactInput // always contactRows rows
	Channels []string
	Today    string
	Check    duplicateCheck
}

func (p *Server) newCustomer(c *gin.Context) {
	today := time.Now().In(policy.Shanghai).Format(time.DateOnly)
	p.Render(c, http.StatusOK, "customer_form", customerForm{Base: p.Base(c, "new_customer"), Key: site.NewFormKey(),
		Req: service.CustomerInput{CollectedOn: today}, Contacts: make([]service.ContactInput, contactRows),
		Channels: policy.Channels, Today: today})
}

// readCustomerForm reads the posted form into the API's request; blank
// contact rows are dropped.
func readCustomerForm(c *gin.Context) (service.CustomerInput, []service.ContactInput) {
	req := service.CustomerInput{Name: c.PostForm("name"), Channel: c.PostForm("channel"),
		CollectedOn: strings.TrimSpace(c.PostForm("collected_on")), Phone: c.PostForm("phone"),
		Address: c.PostForm("address"), Industry: c.PostForm("industry"), Needs: c.PostForm("needs"),
		Notes: c.PostForm("notes")}
	names, titles := c.PostFormArray("contact_name"), c.PostFormArray("contact_title")
	phones, emails := c.PostFormArray("contact_phone"), c.PostFormArray("contact_email")
	deciders := c.PostFormArray("contact_decides") // the row numbers ticked
	rows := make([]service.ContactInput, contactRows)
	for i := range rows {
		rows[i] = service.ContactInput{Name: at(names, i), Title: at(titles, i), Phone: at(phones, i), Email: at(emails, i)}
		for _, d := range deciders {
			rows[i].IsDecisionMaker = rows[i].IsDecisionMaker || d == strconv.Itoa(i+1)
		}
		if strings.TrimSpace(rows[i].Name+rows[i].Title+rows[i].Phone+rows[i].Email) != "" {
			req.Contacts = append(req.Contacts, rows[i])
		}
	}
	return req, rows
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// createCustomerForm is the form twin of POST /api/v1/customers: the same
// service.RecordCustomer (checks, R2.2's first record wins, the contact deadline).
// The form's key names the new record, so a double click records once and
// lands on the same customer.
func (p *Server) createCustomerForm(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	key := site.FormKey(c)
	if id, recorded := p.Svc.CustomerRecorded(ctx, u, key); recorded {
		c.Redirect(http.StatusSeeOther, "/customers/"+id) // the same form again; its flash still waits
		return
	}
	req, rows := readCustomerForm(c)
	f := customerForm{Base: p.Base(c, "new_customer"), Key: key, Req: req, Contacts: rows,
		Channels: policy.Channels, Today: time.Now().In(policy.Shanghai).Format(time.DateOnly)}
	cust, warnings, err := p.Svc.RecordCustomer(ctx, u, key, req)
	if err != nil {
		f.Problem = p.ProblemFor(c, err)
		p.Render(c, f.Problem.Status, "customer_form", f)
		return
	}
	fl := site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.customer.created")}
	if len(warnings) > 0 {
		fl = site.Flash{Kind: "warn", Title: i18n.T(httpx.Lang(c), "page.customer.created"),
			Detail: i18n.T(httpx.Lang(c), "page.customer.similar_after", len(warnings))}
	}
	p.SetFlash(c, fl)
	c.Redirect(http.StatusSeeOther, "/customers/"+cust.ID)
}

// duplicateCheck is what the form says as the user types: the record this
// one would duplicate (only its owner, R2.2) and how many similar names
// exist.
type duplicateCheck struct {
	Checked  bool
	Owner    string // "" with Exists: the pool
	Exists   bool
	Similar  []store.SimilarCustomer
	Unusable bool // the name is only a legal form, nothing to compare
}

// checkCustomer answers the htmx check of the name and phone fields with
// the warning fragment; it never writes.
func (p *Server) checkCustomer(c *gin.Context) {
	ctx, cancel := p.Ctx(c)
	defer cancel()
	name, phone := strings.TrimSpace(c.PostForm("name")), strings.TrimSpace(c.PostForm("phone"))
	var chk duplicateCheck
	if name != "" || phone != "" {
		chk.Checked = true
		chk.Unusable = name != "" && policy.NormaliseCompanyName(name) == ""
		dup, similar, err := p.Svc.CustomerDuplicates(ctx, name, phone)
		if dup != nil {
			chk.Exists, chk.Owner = true, dup.OwnerName
		}
		chk.Similar = similar
		if err != nil {
			p.Fail(c, err)
			return
		}
	}
	p.Fragment(c, http.StatusOK, "duplicate_check", chk)
}
