package customers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/i18n"
	"salesflow/pages/site"
	"salesflow/service"
	"salesflow/session"
)

// planSubmit is the form twin of POST /api/v1/customers/assignment-plan:
// the same plan over the ticked customers and the typed ability weights
// (R2.4), shown as a preview, or applied (op=apply) under the form's key so
// a double click assigns once.
func (p *Server) planSubmit(c *gin.Context) {
	u, _ := session.User(c)
	f := p.newPool(c, site.FormKey(c))
	req := service.PlanInput{CustomerIDs: c.PostFormArray("customer_id"), Apply: c.PostForm("op") == "apply"}
	for _, id := range req.CustomerIDs {
		f.Selected[id] = true
	}
	typed, weights, err := formWeights(c)
	req.Weights = weights
	ctx, cancel := p.Ctx(c)
	defer cancel()
	var res service.Plan
	if err == nil {
		res, err = p.Svc.PlanAssignment(ctx, u, f.Key, req)
	}
	team, terr := p.team(ctx, u, typed)
	if terr != nil {
		p.Fail(c, terr)
		return
	}
	f.Team = team
	if err != nil {
		f.Problem = p.ProblemFor(c, err)
		for field, msg := range f.Problem.Fields { // customer_ids[i]: one of the ticked, gone meanwhile
			if strings.HasPrefix(field, "customer_ids[") {
				f.Problem.Fields["customer_ids"] = msg
			}
		}
		p.showPool(c, f.Problem.Status, f)
		return
	}
	f.Plan = planGroups(f.Team, res.Items)
	if req.Apply {
		p.SetFlash(c, appliedFlash(httpx.Lang(c), f.Plan, len(res.Items)))
		c.Redirect(http.StatusSeeOther, "/customers/pool")
		return
	}
	p.showPool(c, http.StatusOK, f)
}

// formWeights reads the weight_<salesperson id> fields: a blank one keeps
// the default of 1; what is not a number is refused beside its field.
func formWeights(c *gin.Context) (map[string]string, map[string]float64, error) {
	typed, weights := map[string]string{}, map[string]float64{}
	var v service.Validation
	for name, values := range c.Request.PostForm {
		id, ok := strings.CutPrefix(name, "weight_")
		if !ok || len(values) == 0 {
			continue
		}
		typed[id] = strings.TrimSpace(values[0])
		if typed[id] == "" {
			continue
		}
		w, err := strconv.ParseFloat(typed[id], 64)
		if err != nil {
			v.Add("weights."+id, "field.weight")
			continue
		}
		weights[id] = w
	}
	return typed, weights, v.Err()
}

// planGroups lists the plan per salesperson, in the team's order.
func planGroups(team []teamMember, items []service.PlanItem) []planGroup {
	groups := make([]planGroup, len(team))
	for i, m := range team {
		groups[i].teamMember = m
		for _, it := range items {
			if it.OwnerID == m.ID {
				groups[i].Customers = append(groups[i].Customers, it)
			}
		}
	}
	return groups
}

// appliedFlash says how many customers the applied plan gave whom.
func appliedFlash(lang i18n.Lang, groups []planGroup, n int) site.Flash {
	var each []string
	for _, g := range groups {
		if len(g.Customers) > 0 {
			each = append(each, i18n.T(lang, "page.pool.applied_each", g.Name, len(g.Customers)))
		}
	}
	return site.Flash{Kind: "ok", Title: i18n.T(lang, "page.pool.applied", n), Detail: strings.Join(each, i18n.T(lang, "page.pool.sep"))}
}

// assignSubmit is the form twin of POST /api/v1/customers/{id}/assignment:
// the same checks and the same audited step (service.AssignCustomer), keyed by the row's
// form key. A refusal shows the pool again, the messages on that row.
func (p *Server) assignSubmit(c *gin.Context) {
	u, _ := session.User(c)
	a := assignForm{CustomerID: c.PostForm("customer_id"), OwnerID: c.PostForm("owner_id"), Reason: c.PostForm("reason")}
	ctx, cancel := p.Ctx(c)
	defer cancel()
	cust, err := p.Svc.AssignCustomer(ctx, u, site.FormKey(c), a.CustomerID, service.AssignmentInput{OwnerID: a.OwnerID, Reason: a.Reason})
	if err != nil {
		f := p.newPool(c, site.NewFormKey())
		a.Problem = p.ProblemFor(c, err)
		f.Assign = a
		p.showPool(c, a.Problem.Status, f)
		return
	}
	p.SetFlash(c, site.Flash{Kind: "ok", Title: i18n.T(httpx.Lang(c), "page.pool.assigned", cust.Name, cust.OwnerName)})
	c.Redirect(http.StatusSeeOther, "/customers/pool")
}

// Count is how many customers the plan gives the salesperson, and After
// their load once it is applied.
func (g planGroup) Count() int { return len(g.Customers) }

// After is the salesperson's open customers once the plan is applied.
func (g planGroup) After() int { return g.Load + len(g.Customers) }
