package api

import (
	"net/http"
	"salesflow/api/wire"

	"github.com/gin-gonic/gin"

	"salesflow/httpx"
	"salesflow/service"
	"salesflow/session"
)

// Media resources (issue 13): the slots the company sells. Everyone signed
// in reads them (a salesperson picks one for a line); only admins write.

// saveResourceHandler is POST /resources (create) and PUT /resources/{id}
// (update: every field replaced).
func (s *Server) saveResourceHandler(update bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req service.ResourceInput
		if err := bindJSON(c, &req); err != nil {
			s.fail(c, err)
			return
		}
		u, _ := session.User(c)
		ctx, cancel := s.ctx(c)
		defer cancel()
		id, status := service.ResourceID(u, clientKey(c)), http.StatusCreated
		if update {
			id, status = c.Param("id"), http.StatusOK
		}
		r, err := s.svc.SaveResource(ctx, u, id, update, req)
		if err != nil {
			s.fail(c, err)
			return
		}
		c.JSON(status, wire.MediaResourceOf(r))
	}
}

func (s *Server) getResource(c *gin.Context) {
	ctx, cancel := s.ctx(c)
	defer cancel()
	r, err := s.svc.Resource(ctx, c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.MediaResourceOf(r))
}

func (s *Server) listResources(c *gin.Context) {
	f, err := httpx.ResourceFilter(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	list, next, err := s.svc.Resources(ctx, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, wire.PageOf(wire.Map(list, wire.MediaResourceOf), next))
}

func (s *Server) resourceRoutes(authed *gin.RouterGroup) {
	authed.GET("/resources", s.listResources)
	authed.POST("/resources", s.requireRole(session.RoleAdmin), s.saveResourceHandler(false))
	authed.POST("/resources/import", s.requireRole(session.RoleAdmin), s.postResourceImport)
	authed.GET("/resources/:id", s.getResource)
	authed.PUT("/resources/:id", s.requireRole(session.RoleAdmin), s.saveResourceHandler(true))
	authed.GET("/resources/:id/availability", s.getResourceDays)
	authed.GET("/availability", s.getAvailability)
	authed.GET("/availability/free", s.getFreeResources)
}
