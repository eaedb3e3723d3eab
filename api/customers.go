package api

import (
	"context"
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/policy"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// EntryDeadlineWorkingDays is R1.3's limit between collecting and entering.
const EntryDeadlineWorkingDays = policy.EntryDeadlineWorkingDays

// customerRoutes registers the customer registry (R1, R2), the contact log,
// hard customers (R3.4), the manager's guidance notes (R4.3),
// the working-day calendar's admin overrides (R1.3) and the notifications
// its deadlines send (R2.5).
func (s *Server) customerRoutes(authed *gin.RouterGroup) {
	manager := s.requireRole(session.RoleSalesManager)
	authed.POST("/customers", s.requireRole(session.RoleSalesperson, session.RoleSalesManager), s.createCustomer)
	authed.GET("/customers", s.listCustomers)
	authed.POST("/customers/import", s.requireRole(session.RoleSalesperson, session.RoleSalesManager), s.importCustomers)
	authed.POST("/customers/assignment-plan", manager, jsonAction(s, http.StatusOK, s.planAssignment))
	authed.GET("/customers/:id", s.getCustomer)
	authed.PATCH("/customers/:id", s.patchCustomer)
	authed.POST("/customers/:id/assignment", manager, s.assignCustomer)
	authed.POST("/customers/:id/interactions", s.addInteraction)
	authed.POST("/customers/:id/difficulty", s.flagDifficult)
	authed.POST("/guidance", manager, jsonAction(s, http.StatusCreated, s.addGuidance))
	authed.GET("/guidance", s.requireRole(session.RoleSalesperson, session.RoleSalesManager, session.RoleAdmin), s.listGuidance)
	authed.GET("/calendar/overrides", s.requireRole(session.RoleAdmin), s.listCalendarOverrides)
	authed.GET("/calendar/overrides/:date", s.requireRole(session.RoleAdmin), s.getCalendarOverride)
	authed.PUT("/calendar/overrides/:date", s.requireRole(session.RoleAdmin), s.putCalendarOverride)
	authed.DELETE("/calendar/overrides/:date", s.requireRole(session.RoleAdmin), s.deleteCalendarOverride)
}

// customerJSON adds the derived fields of API.md: entered_late (R1.3, over
// the statutory calendar with its overrides), the contact deadline (R2.5)
// and the hard-customer flag with the manager's plan (R3.4).
func customerJSON(c store.Customer, cal policy.Calendar) wire.CustomerView {
	return wire.CustomerView{ID: c.ID, Name: c.Name, Channel: c.Channel, OwnerID: wire.Nullable(c.OwnerID),
		OwnerName: wire.Nullable(c.OwnerName), Class: c.Class, CollectedOn: c.CollectedOn,
		EnteredAt: c.EnteredAt, EnteredLate: service.EnteredLate(cal, c),
		Phone: c.Phone, Address: c.Address, Industry: c.Industry, Needs: c.Needs, Notes: c.Notes,
		OwnedSince: c.OwnedSince, ContactDueAt: c.ContactDueAt, ContactedAt: c.ContactedAt,
		UpdatedAt: c.UpdatedAt, HardCustomer: wire.HardCustomerOf(c.Hard)}
}

func (s *Server) listCustomers(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Customers(ctx, u, httpx.CustomerQuery(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	cal, err := s.svc.Calendar(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	items := make([]wire.CustomerView, len(list))
	for i, cu := range list {
		items[i] = customerJSON(cu, cal)
	}
	c.JSON(http.StatusOK, wire.PageOf(items, next))
}

// getCustomer answers the whole information file (R1.5): the record, its
// contacts, its contact log, its owners and classes over time.
func (s *Server) getCustomer(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	cust, err := s.svc.Customer(ctx, u, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	s.respondCustomer(c, ctx, cust, http.StatusOK, nil)
}

// respondCustomer answers with the customer file; warnings (near-duplicates,
// R2.2) are added when given.
func (s *Server) respondCustomer(c *gin.Context, ctx context.Context, cust store.Customer, status int, warnings []store.SimilarCustomer) {
	file, err := s.svc.CustomerFileOf(ctx, cust.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, wire.CustomerFile{CustomerView: customerJSON(cust, file.Calendar),
		Contacts: wire.Map(file.Contacts, wire.ContactOf), Interactions: wire.Map(file.Interactions, wire.InteractionOf),
		Ownership: wire.Map(file.Ownership, wire.OwnershipEventOf), ClassHistory: wire.Map(file.ClassHistory, wire.ClassEventOf),
		Warnings: wire.Map(warnings, wire.SimilarCustomerOf)})
}
