package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// fileRoutes are the routes whose body is a file, not JSON, and how large
// it may be.
var fileRoutes = map[string]int64{
	importRoute:                service.MaxImportBytes,
	importJobsRoute:            service.MaxImportJobBytes,
	"/api/v1/resources/import": service.MaxImportBytes,
}

// importRoute is the import answered at once.
const importRoute = "/api/v1/customers/import"

var errIdempotencyReused = problemErr(http.StatusUnprocessableEntity, "/problems/idempotency-key-reused",
	"problem.idempotency_reused", "detail.idempotency_reused")

// idempotentRequest binds an Idempotency-Key to the request it first came
// with: the key names the Temporal Update (or the new object), so the
// same key with another body used to get the first request's result as if
// it answered the second. Now the same user, key, method and path with
// another body is a 422; the same body again still replays. The body is
// read here once, within its route's limit, and handed on unchanged.
// clientKey is the request's Idempotency-Key ("" when none), which
// idempotentRequest has already checked on every API route; use cases take
// it as a parameter, the pages pass their form's key instead.
func clientKey(c *gin.Context) string {
	key, _ := idempotencyKey(c)
	return key
}

func (s *Server) idempotentRequest(c *gin.Context) {
	key, err := idempotencyKey(c)
	u, signedIn := session.User(c)
	switch {
	case err != nil:
		s.fail(c, err)
		return
	case key == "" || !signedIn || c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead:
		c.Next()
		return
	}
	limit, detail := int64(maxJSONBytes), "detail.body_too_large"
	if max, ok := fileRoutes[c.FullPath()]; ok {
		limit, detail = max, "detail.csv_too_large"
	}
	body, err := readBody(c, limit, detail)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	sum := sha256.Sum256(body)
	claim := store.IdempotencyClaim{UserID: u.ID, Key: key, Scope: c.Request.Method + " " + c.Request.URL.EscapedPath(),
		RequestHash: sum[:]}
	fresh, err := s.svc.ClaimIdempotencyKey(c.Request.Context(), claim)
	if errors.Is(err, store.ErrIdempotencyMismatch) {
		err = errIdempotencyReused
	}
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Next()
	if status := c.Writer.Status(); fresh && status >= 400 && status < 500 {
		s.releaseKey(c, claim)
	}
}

// releaseKey forgets the claim of a request refused with a 4xx: nothing
// was done, so the corrected request may carry the same key.
func (s *Server) releaseKey(c *gin.Context, claim store.IdempotencyClaim) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 5*time.Second)
	defer cancel()
	if err := s.svc.ReleaseIdempotencyKey(ctx, claim); err != nil {
		s.log.WarnContext(ctx, "idempotency key not released", "error", err)
	}
}
