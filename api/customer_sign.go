package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/store"
)

// The owner's side of customer links (R5.5, F1; issue 11;
// service/customer_links.go): the owner sends a contact of the customer a
// link to the customer's own page (pages_customer_sign.go), by email or as
// a link to paste into WeChat, so the customer signs the contract or
// answers the proposal themselves.

// customerLinkRoutes are the owner's: links, and scans of paper signatures.
func (s *Server) customerLinkRoutes(g *gin.RouterGroup) {
	g.POST("/contracts/:id/customer-links", s.createContractLink())
	g.GET("/contracts/:id/customer-links", s.listContractLinks())
	g.POST("/proposals/:id/customer-links", s.createProposalLink())
	g.GET("/proposals/:id/customer-links", s.listProposalLinks())
	g.POST("/contracts/:id/paper-scans", s.uploadPaperScan)
	g.GET("/contracts/:id/paper-scans/:sha256", s.paperScan)
}

func (s *Server) createContractLink() gin.HandlerFunc {
	return jsonAction(s, http.StatusCreated, func(ctx context.Context, c *gin.Context, u store.User, in service.CustomerLinkInput) (wire.CustomerLinkCreated, error) {
		link := answered(wire.CustomerLinkCreatedOf)
		return link(s.svc.SendContractLink(ctx, u, c.Param("id"), httpx.PublicURL(c, s.cfg.PublicURL), in))
	})
}

func (s *Server) createProposalLink() gin.HandlerFunc {
	return jsonAction(s, http.StatusCreated, func(ctx context.Context, c *gin.Context, u store.User, in service.CustomerLinkInput) (wire.CustomerLinkCreated, error) {
		link := answered(wire.CustomerLinkCreatedOf)
		return link(s.svc.SendProposalLink(ctx, u, c.Param("id"), httpx.PublicURL(c, s.cfg.PublicURL), in))
	})
}

// listContractLinks and listProposalLinks answer the links sent so far,
// to whoever may see the contract or proposal.
func (s *Server) listContractLinks() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (wire.ItemList[wire.CustomerLink], error) {
		return answered(customerLinks)(s.svc.ContractLinks(ctx, u, c.Param("id")))
	})
}

func (s *Server) listProposalLinks() gin.HandlerFunc {
	return readAction(s, http.StatusOK, func(ctx context.Context, c *gin.Context, u store.User) (wire.ItemList[wire.CustomerLink], error) {
		return answered(customerLinks)(s.svc.ProposalLinks(ctx, u, c.Param("id")))
	})
}

// customerLinks answers a contract's or a proposal's links.
func customerLinks(links []store.CustomerLink) wire.ItemList[wire.CustomerLink] {
	return wire.ItemList[wire.CustomerLink]{Items: wire.Map(links, wire.CustomerLinkOf)}
}
