// Package customers is the customer registry's pages: the list and search,
// recording a customer with its duplicate check, a customer's file and its
// interactions, class and difficulty, the pool and its balanced assignment,
// the import, and the care pages (pipeline, guidance, digest links).
package customers

import (
	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
)

// Server is the registry's pages over the shared site.
type Server struct{ *site.Site }

// Mount adds the registry's pages to in, a group of signed-in users.
func Mount(s *site.Site, in *gin.RouterGroup) {
	p := &Server{s}
	p.customerPageRoutes(in)
	p.customerToolPageRoutes(in)
	p.carePageRoutes(in)
}
