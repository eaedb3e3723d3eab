package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"salesflow/api/wire"
	"salesflow/service"
	"salesflow/session"
	"salesflow/store"
)

// The user routes (service/users.go): admins create and change users; the
// sales managers read the list to assign customers.
func (s *Server) userRoutes(authed *gin.RouterGroup) {
	admin := s.requireRole(session.RoleAdmin)
	authed.POST("/users", admin, jsonAction(s, http.StatusCreated,
		func(ctx context.Context, c *gin.Context, u store.User, in service.UserInput) (wire.UserView, error) {
			created, err := s.svc.CreateUser(ctx, u, clientKey(c), in)
			return userJSON(created), err
		}))
	authed.GET("/users", s.requireRole(session.RoleAdmin, session.RoleSalesManager), readAction(s, http.StatusOK,
		func(ctx context.Context, _ *gin.Context, _ store.User) (wire.ListPage[wire.UserView], error) {
			users, err := s.svc.Users(ctx)
			items := make([]wire.UserView, len(users))
			for i, u := range users {
				items[i] = userJSON(u)
			}
			return wholeList(items), err
		}))
	authed.PATCH("/users/:id", admin, jsonAction(s, http.StatusOK,
		func(ctx context.Context, c *gin.Context, u store.User, in service.UserPatch) (wire.UserView, error) {
			changed, err := s.svc.UpdateUser(ctx, u, c.Param("id"), in)
			return userJSON(changed), err
		}))
}
