package pages

import (
	"log/slog"
	adminpages "salesflow/pages/admin"
	"salesflow/pages/customers"
	"salesflow/pages/site"
	"salesflow/pages/visits"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
	"salesflow/web"
)

// Server serves the server-rendered web pages (package web holds the
// templates). A handler reads the form into package service's input, calls
// the same use case the JSON API calls (package api), and renders a page,
// an htmx fragment or a redirect (post/redirect/get); a refusal is shown
// beside the fields it names. This package holds the sales pages (inbox,
// proposals, contracts, inventory, delegations, notifications, sign-in);
// the admin's, the customer registry's and the visits' pages are areas of
// their own (admin, customers, visits), all built on package site.
type Server struct{ *site.Site }

// Config is what the pages need to know of the deployment.
type Config = site.Config

// New parses the templates in both languages and returns the pages.
func New(svc *service.Service, sessions *session.Manager, log *slog.Logger, cfg Config) (*Server, error) {
	s, err := site.New(svc, sessions, log, cfg)
	if err != nil {
		return nil, err
	}
	return &Server{s}, nil
}

// Mount adds the pages and their static assets to r, beside the API.
func (p *Server) Mount(r *gin.Engine) {
	static := gin.WrapH(web.Static("/static/"))
	r.GET("/static/*file", static)
	r.HEAD("/static/*file", static)

	g := r.Group("", p.SecurityHeaders, p.SameOrigin, p.CheckParams)
	g.GET("/", p.root)
	g.GET("/login", p.loginPage)
	g.POST("/login", p.loginSubmit)
	g.POST("/logout", p.logoutSubmit)
	g.GET("/lang/:lang", p.setLang)
	p.customerSignRoutes(g) // the customer's page: no account (R5.5)

	in := g.Group("", p.RequireUser)
	in.GET("/inbox", p.inbox)
	in.POST("/tasks/:id/decision", p.decide)
	in.GET("/proposals", p.proposalList)
	in.GET("/proposals/new", p.RequireRole(session.RoleSalesperson), p.newProposal)
	in.GET("/inventory", p.inventory)
	in.GET("/inventory/:id", p.inventoryDays)
	p.waitlistPageRoutes(in)
	in.GET("/proposals/line", p.lineRow)
	in.POST("/proposals", p.RequireRole(session.RoleSalesperson), p.createProposal)
	in.GET("/proposals/:id", p.proposal)
	in.GET("/proposals/:id/edit", p.editProposal)
	in.POST("/proposals/:id/revise", p.reviseProposal)
	in.POST("/proposals/:id/submit", p.submitProposal)
	in.POST("/proposals/:id/customer-response", p.customerResponse)
	in.POST("/proposals/:id/holds/renewal", p.requestHoldRenewal)
	customers.Mount(p.Site, in)
	p.notificationPageRoutes(in)
	in.GET("/contracts/:id", p.contract)
	in.GET("/contracts/:id/edit", p.editContract)
	in.POST("/contracts/:id/revise", p.reviseContractForm)
	in.POST("/contracts/:id/submit", p.submitContractForm)
	in.POST("/contracts/:id/recall", p.recallContractForm)
	in.POST("/contracts/:id/signatures", p.signContractForm)
	in.POST("/contracts/:id/customer-links", p.contractLinkForm)
	in.POST("/proposals/:id/customer-links", p.proposalLinkForm)
	in.GET("/delegations", p.delegations)
	in.POST("/delegations", p.createDelegationForm)
	in.POST("/delegations/:id/revoke", p.revokeDelegationForm)
	visits.Mount(p.Site, in)
	in.GET("/contracts-signed", p.RequireRole(site.SignedContractRoles...), p.signedContracts)

	admin := in.Group("/admin", p.RequireRole(session.RoleAdmin))
	adminpages.Mount(p.Site, admin)
	p.sessionPageRoutes(in, admin)
}
