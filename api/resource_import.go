package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// postResourceImport imports media resources from a CSV file
// (service.ImportResources); ?product= is the rate-card product of every
// row that names none.
func (s *Server) postResourceImport(c *gin.Context) {
	body, ctx, cancel, ok := s.csvUpload(c, service.MaxImportBytes)
	if !ok {
		return
	}
	defer cancel()
	u, _ := session.User(c)
	done, err := s.svc.ImportResources(ctx, u, body, c.Query("product"))
	if err != nil {
		s.fail(c, err)
		return
	}
	res := httpx.ResourceImportIn(httpx.Lang(c), done)
	c.JSON(http.StatusOK, wire.ResourceImportAnswer{Created: res.Created, Existing: res.Existing, Invalid: res.Invalid,
		Counts: wire.ResourceImportCount{Created: len(res.Created), Existing: len(res.Existing), Invalid: len(res.Invalid)}})
}
