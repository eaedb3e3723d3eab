package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/policy"
	"salesflow/store"
)

// channels are the nine sources of a customer record (R1.1).
var channels = []string{"trade_show", "trade_press", "internet", "industry_association",
	"mall_brand_listing", "partner_referral", "company_data", "competitor_media", "marketing_event"}

// EntryDeadlineWorkingDays is R1.3's limit between collecting and entering.
const EntryDeadlineWorkingDays = 2

type createCustomerRequest struct {
	Name        string `json:"name"`
	Channel     string `json:"channel"`
	CollectedOn string `json:"collected_on"`
}

func (r createCustomerRequest) check(today time.Time) error {
	var v validation
	checkName(&v, "name", r.Name)
	if !slices.Contains(channels, r.Channel) {
		v.add("channel", "field.channel")
	}
	if d, err := time.ParseInLocation(time.DateOnly, r.CollectedOn, policy.Shanghai); err != nil {
		v.add("collected_on", "field.date")
	} else if d.After(today) {
		v.add("collected_on", "field.future_date")
	}
	return v.err()
}

// customerJSON adds the derived fields of API.md: entered_late (R1.3) and
// the one-week contact deadline (R2.5).
func customerJSON(c store.Customer) gin.H {
	collected, _ := time.ParseInLocation(time.DateOnly, c.CollectedOn, policy.Shanghai)
	deadline := policy.AddWorkingDays(policy.Weekdays{}, collected, EntryDeadlineWorkingDays, policy.Shanghai)
	return gin.H{"id": c.ID, "name": c.Name, "channel": c.Channel, "owner_id": nilIfEmpty(c.OwnerID),
		"class": c.Class, "collected_on": c.CollectedOn, "entered_at": c.EnteredAt,
		"entered_late":   c.EnteredAt.After(deadline.AddDate(0, 0, 1)),
		"contact_due_at": c.EnteredAt.Add(7 * 24 * time.Hour)}
}

// createCustomer records a customer; the collector owns it (R2.1) except
// marketing-event leads, which wait in the pool for the manager (R2.4).
func (s *Server) createCustomer(c *gin.Context) {
	var req createCustomerRequest
	if err := bindJSON(c, &req); err != nil {
		s.fail(c, err)
		return
	}
	if err := req.check(time.Now().In(policy.Shanghai)); err != nil {
		s.fail(c, err)
		return
	}
	u, _ := currentUser(c)
	owner := u.ID
	if req.Channel == "marketing_event" {
		owner = ""
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, err := s.store.CreateCustomer(ctx, store.Customer{ID: uuid.NewString(), Name: strings.TrimSpace(req.Name),
		Channel: req.Channel, OwnerID: owner, CollectedOn: req.CollectedOn, CreatedBy: u.ID})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, customerJSON(cust))
}

// visibleOwners is whose customers u may see: nil means everyone's.
func (s *Server) visibleOwners(ctx context.Context, u store.User) (owners []string, pool bool, err error) {
	switch {
	case policy.HasRole(u.Roles, policy.RoleAdmin):
		return nil, true, nil
	case policy.HasRole(u.Roles, policy.RoleSalesManager):
		team, err := s.store.TeamOf(ctx, u.ID)
		return append(team, u.ID), true, err
	}
	return []string{u.ID}, false, nil
}

func (s *Server) listCustomers(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	owners, pool, err := s.visibleOwners(ctx, u)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, next, err := s.store.ListCustomers(ctx, owners, pool, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]gin.H, len(list))
	for i, cu := range list {
		items[i] = customerJSON(cu)
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "next_cursor": nilIfEmpty(next)})
}

// visibleCustomer loads a customer and applies the per-object rule; a
// customer you may not see is answered as not found.
func (s *Server) visibleCustomer(ctx context.Context, u store.User, id string) (store.Customer, error) {
	cust, err := s.store.CustomerByID(ctx, id)
	if err != nil {
		return store.Customer{}, notFoundAs(err, "customer "+id)
	}
	owners, pool, err := s.visibleOwners(ctx, u)
	if err != nil {
		return store.Customer{}, err
	}
	if owners == nil || slices.Contains(owners, cust.OwnerID) || (pool && cust.OwnerID == "") {
		return cust, nil
	}
	return store.Customer{}, errNotFound("customer " + id)
}

func (s *Server) getCustomer(c *gin.Context) {
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, err := s.visibleCustomer(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, customerJSON(cust))
}
