package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"salesflow/store"
)

// The delivery of notifications to mail and the webhook as admins see it
// (issue 9): what was dead-lettered and what still waits, with the counts,
// and a retry of one notification or of every dead letter. The page twin
// is pages_admin_notifications.go; both end in the same store functions.

func (s *Server) deliveryRoutes(authed *gin.RouterGroup) {
	admin := s.requireRole(roleAdmin)
	authed.GET("/notification-deliveries", admin, s.listDeliveries)
	authed.POST("/notification-deliveries/retry", admin, s.retryDeadLettersAPI)
	authed.POST("/notification-deliveries/:id/retry", admin, s.retryDeliveryAPI)
}

// errNotRetryable: every channel of the notification is settled, or a
// sender is delivering it this moment.
var errNotRetryable = problemErr(http.StatusConflict, "/problems/conflict", "problem.conflict", "detail.delivery_not_retryable")

// deliveryState reads ?state=failed|pending (default failed).
func deliveryState(c *gin.Context) (string, error) {
	switch state := c.DefaultQuery("state", store.DeliveryFailed); state {
	case store.DeliveryFailed, store.DeliveryPending:
		return state, nil
	}
	var v validation
	v.add("state", "field.delivery_state")
	return "", v.err()
}

// listDeliveries answers a page of dead-lettered (or waiting)
// notifications, newest first, with the counts of both.
func (s *Server) listDeliveries(c *gin.Context) {
	state, err := deliveryState(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.store.Deliveries(ctx, state, pageParams(c))
	if err != nil {
		s.fail(c, err)
		return
	}
	counts, err := s.store.NotificationDeliveryCounts(ctx)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, deliveryPage{listPage: page(list, next), Counts: counts})
}

func (s *Server) retryDeliveryAPI(c *gin.Context) {
	d, err := s.retryDelivery(c, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, d)
}

func (s *Server) retryDeadLettersAPI(c *gin.Context) {
	n, err := s.retryDeadLetters(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, retriedCount{Retried: n})
}

// retryDelivery puts notification id back in line for the next sweep,
// audited as the signed-in admin's, once per Idempotency-Key.
func (s *Server) retryDelivery(c *gin.Context, id string) (store.Delivery, error) {
	key, err := deliveryStepKey(c, id)
	if err != nil {
		return store.Delivery{}, err
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	d, err := s.store.RetryDelivery(ctx, id, u.ID, key)
	switch {
	case err == store.ErrConflict:
		return d, errNotRetryable
	case err != nil:
		return d, notFoundAs(err, "notification "+id)
	}
	return d, nil
}

// retryDeadLetters retries every dead letter; it answers how many.
func (s *Server) retryDeadLetters(c *gin.Context) (int, error) {
	key, err := deliveryStepKey(c, "dead-letters")
	if err != nil {
		return 0, err
	}
	u, _ := currentUser(c)
	ctx, cancel := s.ctx(c)
	defer cancel()
	return s.store.RetryDeadLetters(ctx, u.ID, key)
}

// deliveryStepKey is the audit key of one retry: the request's
// Idempotency-Key when it has one, else a fresh one.
func deliveryStepKey(c *gin.Context, what string) (string, error) {
	key, err := idempotencyKey(c)
	if u, _ := currentUser(c); key != "" {
		return "delivery-retry/" + what + "/" + u.ID + "/" + key, err
	}
	return "delivery-retry/" + what + "/" + uuid.NewString(), err
}
