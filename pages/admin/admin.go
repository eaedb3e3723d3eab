// Package admin is the admin's pages: users, the rate card and its dated
// prices, media resources and their import, the working-day calendar and
// the notification deliveries. Each form calls the use case the JSON API
// calls; every route sits behind the admin role (package pages mounts it).
package admin

import (
	"github.com/gin-gonic/gin"

	"salesflow/pages/site"
)

// Server is the admin's pages over the shared site.
type Server struct{ *site.Site }

// Mount adds the admin's pages to g, a group already restricted to admins.
func Mount(s *site.Site, g *gin.RouterGroup) {
	p := &Server{s}
	g.GET("/users", p.adminUsers)
	g.POST("/users", p.createUserForm)
	g.GET("/users/:id", p.adminUser)
	g.POST("/users/:id", p.updateUserForm)
	g.GET("/products", p.adminProducts)
	g.POST("/products", p.createProductForm)
	g.GET("/products/:id", p.adminProduct)
	g.POST("/products/:id", p.updateProductForm)
	p.adminPriceRoutes(g)
	p.adminResourceRoutes(g)
	g.GET("/calendar", p.adminCalendar)
	g.POST("/calendar", p.setCalendarForm)
	g.POST("/calendar/:date/remove", p.removeCalendarForm)
	p.adminNotificationRoutes(g)
}
