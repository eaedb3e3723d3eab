// Package visits is the visits' pages: planning a visit, the manager's
// approval, departure and return, the report, and the front desk's board
// of today's visits.
package visits

import (
	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
)

// Server is the visits' pages over the shared site.
type Server struct{ *site.Site }

// Mount adds the visits' pages to in, a group of signed-in users.
func Mount(s *site.Site, in *gin.RouterGroup) {
	(&Server{s}).visitPageRoutes(in)
}
