package api

import (
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/session"
)

// The delivery of notifications to mail and the webhook as admins see it
// (issue 9): what was dead-lettered and what still waits, with the counts,
// and a retry of one notification or of every dead letter. The page twin
// is pages_admin_notifications.go; both end in the same service functions.

func (s *Server) deliveryRoutes(authed *gin.RouterGroup) {
	admin := s.requireRole(session.RoleAdmin)
	authed.GET("/notification-deliveries", admin, s.listDeliveries)
	authed.POST("/notification-deliveries/retry", admin, s.retryDeadLettersAPI)
	authed.POST("/notification-deliveries/:id/retry", admin, s.retryDeliveryAPI)
}

// listDeliveries answers a page of dead-lettered (or waiting)
// notifications, newest first, with the counts of both.
func (s *Server) listDeliveries(c *gin.Context) {
	state, err := httpx.DeliveryState(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Deliveries(ctx, state, httpx.Page(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	counts, err := s.svc.DeliveryCounts(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.DeliveryPage{ListPage: wire.PageOf(wire.Map(list, wire.DeliveryOf), next),
		Counts: wire.DeliveryCountsOf(counts)})
}

func (s *Server) retryDeliveryAPI(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	d, err := s.svc.RetryDelivery(ctx, u, clientKey(c), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.DeliveryOf(d))
}

func (s *Server) retryDeadLettersAPI(c *gin.Context) {
	u, _ := session.User(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	n, err := s.svc.RetryDeadLetters(ctx, u, clientKey(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.RetriedCount{Retried: n})
}
