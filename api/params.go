package api

import (
	"salesflow/httpx"

	"github.com/gin-gonic/gin"
)

// checkParams refuses a path or query parameter that breaks the text rule
// of a one-line field (httpx.ParamsErr) with a 422 naming it.
func (s *Server) checkParams(c *gin.Context) {
	if err := httpx.ParamsErr(c); err != nil {
		s.fail(c, err)
		return
	}
	c.Next()
}
