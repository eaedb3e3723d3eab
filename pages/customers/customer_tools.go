package customers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/pages/site"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The customer registry's tools: the CSV import (R1.1, R2.2) and the sales
// manager's pool with its balanced assignment (R2.4, R2.6). Each calls what
// its API twin calls (runImport, service.PlanAssignment, service.AssignCustomer); these pages only read the
// form and show the outcome.

// customerToolPageRoutes mounts the import and the pool pages. The pool's
// actions are the manager's, as in the API; an admin may look at the pool.
func (p *Server) customerToolPageRoutes(in *gin.RouterGroup) {
	collectors := p.RequireRole(session.RoleSalesperson, session.RoleSalesManager)
	manager := p.RequireRole(session.RoleSalesManager)
	in.GET("/customers/import", collectors, p.importPage)
	in.POST("/customers/import", collectors, p.importSubmit)
	in.GET("/customers/imports/:id", p.importJobPage)
	in.POST("/customers/imports/:id/retry", collectors, p.importJobRetry)
	in.GET("/customers/pool", p.RequireRole(session.RoleSalesManager, session.RoleAdmin), p.poolPage)
	in.POST("/customers/pool/plan", manager, p.planSubmit)
	in.POST("/customers/pool/assign", manager, p.assignSubmit)
}

// poolPage is the data of the pool page: the unowned customers (R2.6),
// the manager's salespeople with their loads and ability weights, and a
// proposed balanced assignment (R2.4) once asked for.
type poolPage struct {
	site.Base
	CanAssign   bool
	Rows        []poolRow
	Next        string // the next page's cursor, "" on the last
	Team        []teamMember
	Selected    map[string]bool
	Key         string
	Plan        []planGroup
	PlanProblem *site.Problem // a refusal of the plan as a whole (no one to assign to)
	Assign      assignForm    // the refused individual assignment, if any
}

// poolRow is one customer of the pool with its own assignment form.
type poolRow struct {
	store.Customer
	Key string
}

// teamMember is one salesperson the manager may assign to.
type teamMember struct {
	ID, Name string
	Load     int
	Weight   string // as typed; "1" when not given
}

// planGroup is what the plan gives one salesperson.
type planGroup struct {
	teamMember
	Customers []service.PlanItem
}

// assignForm is one customer's individual assignment as typed.
type assignForm struct {
	CustomerID, OwnerID, Reason string
	Problem                     *site.Problem
}

// rowAssign is one row's assignment form: as typed when it was the one
// refused, else blank.
type rowAssign struct {
	Row  poolRow
	Team []teamMember
	assignForm
}

// AssignRow is the data of row's assignment form.
func (f poolPage) AssignRow(row poolRow) rowAssign {
	a := rowAssign{Row: row, Team: f.Team}
	if f.Assign.CustomerID == row.ID {
		a.assignForm = f.Assign
	}
	return a
}

// Err is the message for field of the row's assignment, "" when fine.
func (a rowAssign) Err(field string) string { return a.Problem.Field(field) }

func (p *Server) poolPage(c *gin.Context) {
	p.showPool(c, http.StatusOK, p.newPool(c, site.NewFormKey()))
}

func (p *Server) newPool(c *gin.Context, key string) poolPage {
	u, _ := session.User(c)
	return poolPage{Base: p.Base(c, "pool"), CanAssign: policy.HasRole(u.Roles, policy.RoleSalesManager),
		Selected: map[string]bool{}, Key: key}
}

// showPool loads the pool and the team and renders the page.
func (p *Server) showPool(c *gin.Context, status int, f poolPage) {
	u, _ := session.User(c)
	ctx, cancel := p.Ctx(c)
	defer cancel()
	list, next, err := p.Svc.Customers(ctx, u, service.CustomerQuery{Owner: "none", Page: httpx.Page(c)})
	f.Next = next
	if err == nil && f.CanAssign && f.Team == nil {
		f.Team, err = p.team(ctx, u, nil)
	}
	if err != nil {
		p.Fail(c, err)
		return
	}
	for _, cust := range list {
		f.Rows = append(f.Rows, poolRow{Customer: cust, Key: site.NewFormKey()})
	}
	p.Render(c, status, "customer_pool", f)
}

// team is the manager's salespeople as service.PlanCandidates weighs them, with
// the weights as typed.
func (p *Server) team(ctx context.Context, u store.User, typed map[string]string) ([]teamMember, error) {
	people, names, err := p.Svc.PlanCandidates(ctx, u, nil)
	if err != nil {
		return nil, err
	}
	team := make([]teamMember, len(people))
	for i, c := range people {
		team[i] = teamMember{ID: c.ID, Name: names[c.ID], Load: c.Load, Weight: "1"}
		if w, ok := typed[c.ID]; ok {
			team[i].Weight = w
		}
	}
	return team, nil
}
